import type { ContactCreate } from '../../../shared/schemas/customers.js';
import type { Db } from '../../db/connection.js';
import type { ContactOrganizationRow } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { blankToNull } from '../customers/party.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { contactsRepository as repo } from './contacts.repository.js';

/**
 * A contact's organizations (contact_organizations). Links to an organization in the recycle bin
 * are hidden, kept when the set is replaced, and come back with the organization.
 */

export interface Membership {
  organizationId: string;
  organizationName: string;
  title: string | null;
  department: string | null;
}

type Requested = NonNullable<ContactCreate['organizations']>;

export interface LoadedMemberships {
  /** Live memberships per contact, with organization names. */
  live: Map<string, Membership[]>;
  rows: ContactOrganizationRow[];
}

/** Memberships of a page of contacts: two queries however long the page (links, then names). */
export async function loadMemberships(ctx: { db: Db }, contactIds: string[]): Promise<LoadedMemberships> {
  const rows = await repo.membershipsOf(ctx.db, contactIds);
  const names = await organizationsService.namesOf(
    ctx,
    rows.map((r) => r.organizationId),
  );
  const live = new Map<string, Membership[]>(contactIds.map((id) => [id, []]));
  for (const r of rows) {
    const organizationName = names.get(r.organizationId);
    if (organizationName === undefined) continue;
    live.get(r.contactId)?.push({ organizationId: r.organizationId, organizationName, title: r.title, department: r.department });
  }
  return { live, rows };
}

/**
 * Per-field messages for a requested set: an organization listed twice, or one added that the
 * actor cannot see ("organizations.2.organizationId"). Links the contact already has may stay
 * even when the organization is outside the actor's scope.
 */
export async function membershipErrors(ctx: Ctx, requested: Requested | undefined, current: Membership[] = []): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  if (!requested) return fields;
  const existing = new Set(current.map((m) => m.organizationId));
  const added = requested.map((m) => m.organizationId).filter((id) => !existing.has(id));
  const visible = await organizationsService.visibleIds(ctx, [...new Set(added)]);
  const seen = new Set<string>();
  requested.forEach((m, i) => {
    const field = `organizations.${i}.organizationId`;
    if (seen.has(m.organizationId)) fields[field] = 'Listed twice';
    else if (!existing.has(m.organizationId) && !visible.has(m.organizationId)) fields[field] = 'No such organization';
    seen.add(m.organizationId);
  });
  return fields;
}

/** Writes the requested set in its order, keeping when each link was first made. */
export async function replaceMemberships(trx: Db, contactId: string, requested: Requested, before: ContactOrganizationRow[], at: string): Promise<void> {
  const inBin = new Set(before.map((r) => r.organizationId));
  const since = new Map(before.map((r) => [r.organizationId, r.createdAt]));
  const live = await organizationsService.namesOf({ db: trx }, [...inBin]);
  for (const id of live.keys()) inBin.delete(id);
  await repo.replaceMemberships(
    trx,
    contactId,
    requested.map((m) => ({
      organizationId: m.organizationId,
      title: blankToNull(m.title),
      department: blankToNull(m.department),
      createdAt: since.get(m.organizationId) ?? at,
    })),
    [...inBin],
  );
}

/** The memberships as the audit log records them (names change; ids, titles and departments are the record). */
export const auditableMemberships = (ms: Membership[]) => ms.map(({ organizationId, title, department }) => ({ organizationId, title, department }));
