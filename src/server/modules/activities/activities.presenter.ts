import type { Activity } from '../../../shared/schemas/activities.js';
import type { Db } from '../../db/connection.js';
import type { ActivityRow } from '../../db/schema.js';
import { contactsService } from '../contacts/contacts.service.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { usersService } from '../users/users.service.js';
import { activitiesRepository as repo } from './activities.repository.js';

/**
 * A page of activities as the API shows them: four queries however long the page (contact links,
 * contact names, organization names, owner names). Names come whatever the actor's scope: who took
 * part and where is part of the activity, like a contact's organizations.
 */
export async function presentActivities(ctx: { db: Db }, rows: ActivityRow[]): Promise<Activity[]> {
  const links = await repo.contactIdsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const [contactNames, organizationNames, ownerNames] = await Promise.all([
    contactsService.namesOf(ctx, [...links.values()].flat()),
    organizationsService.namesOf(
      ctx,
      rows.map((r) => r.organizationId).filter((id): id is string => !!id),
    ),
    usersService.namesOf(
      ctx,
      rows.map((r) => r.ownerId),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as Activity['kind'],
    subject: r.subject,
    body: r.body,
    occurredAt: r.occurredAt,
    endsAt: r.endsAt,
    location: r.location,
    organizationId: r.organizationId,
    organizationName: r.organizationId ? (organizationNames.get(r.organizationId) ?? null) : null,
    // A contact in the recycle bin keeps its link but is not shown until it comes back.
    contacts: (links.get(r.id) ?? []).flatMap((contactId) => {
      const contactName = contactNames.get(contactId);
      return contactName === undefined ? [] : [{ contactId, contactName }];
    }),
    ownerId: r.ownerId,
    ownerName: ownerNames.get(r.ownerId) ?? null,
    teamId: r.teamId,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  }));
}

export async function presentActivity(ctx: { db: Db }, row: ActivityRow): Promise<Activity> {
  return (await presentActivities(ctx, [row]))[0];
}

/** What the audit log records of an activity: what a user can see and change, links by id. */
export function auditableActivity(row: ActivityRow, contactIds: string[]): Record<string, unknown> {
  return {
    kind: row.kind,
    subject: row.subject,
    body: row.body,
    occurredAt: row.occurredAt,
    endsAt: row.endsAt,
    location: row.location,
    organizationId: row.organizationId,
    contactIds: [...contactIds].sort(),
    ownerId: row.ownerId,
    teamId: row.teamId,
  };
}
