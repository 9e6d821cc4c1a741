import type { Contact, Organization } from '../../../shared/schemas/customers.js';
import { CONTACT_MERGE_FIELDS, type MergeBody, ORGANIZATION_MERGE_FIELDS } from '../../../shared/schemas/duplicates.js';
import type { ModuleKey } from '../../../shared/schemas/permissions.js';
import type { Db } from '../../db/connection.js';
import type { ContactRow, OrganizationRow } from '../../db/schema.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, notFound, versionConflict } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import type { MergeHooks } from '../../platform/merge-hooks.js';
import { assertCan } from '../../platform/permissions.js';
import { auditableContact, presentContact } from '../contacts/contacts.presenter.js';
import { contactsRepository } from '../contacts/contacts.repository.js';
import { contactsService } from '../contacts/contacts.service.js';
import { auditableMemberships, loadMemberships } from '../contacts/memberships.js';
import { membersOf, moveContactMemberships, moveOrganizationMembers } from '../contacts/merge-memberships.js';
import { customFieldsService } from '../custom-fields/custom-fields.service.js';
import { contactPointsRepository } from '../customers/contact-points.repository.js';
import { organizationNameKey, personNameKey } from '../customers/name-key.js';
import { resolveOwnership } from '../customers/ownership.js';
import { contactPointsOf } from '../customers/party.js';
import { auditableOrganization, presentOrganization } from '../organizations/organizations.presenter.js';
import { organizationsRepository } from '../organizations/organizations.repository.js';
import { mergeColumns } from './merge-fields.js';

/**
 * Merging two duplicates: the record named in the path survives, the other (`sourceId`) goes to
 * the recycle bin after everything linked to it has moved over, all in one transaction: chosen
 * field values, contact memberships, then every module's merge hook (activities, tasks, …).
 */

const ORGANIZATION_SCALARS = ['name', 'partyType', 'lifecycleStatus', 'tier', 'industry', 'size', 'source', 'website', 'uscc', 'notes'] as const;
const CONTACT_SCALARS = ['name', 'tier', 'source', 'notes'] as const;
/** Memberships move in chunks: a large customer can have thousands of people. */
const CHUNK = 500;

interface Pair<R> {
  target: R;
  source: R;
}

/** 403 without update and delete, 400 merging a record into itself, 404 unless both are visible, 409 for a stale version. */
async function loadPair<R extends { version: number }>(
  ctx: Ctx,
  module: ModuleKey,
  targetId: string,
  body: MergeBody,
  find: (id: string) => Promise<R | undefined>,
  noun: string,
): Promise<Pair<R>> {
  assertCan(ctx.actor, module, 'update');
  assertCan(ctx.actor, module, 'delete');
  if (body.sourceId === targetId) throw badRequest('validation_failed', 'A record cannot be merged into itself', { sourceId: 'Choose another record' });
  const target = await find(targetId);
  if (!target) throw notFound(noun);
  const source = await find(body.sourceId);
  if (!source) throw notFound(noun);
  if ((body.version !== undefined && body.version !== target.version) || (body.sourceVersion !== undefined && body.sourceVersion !== source.version)) {
    throw versionConflict();
  }
  return { target, source };
}

/** The owner changes only when the user chose the other record's (with the usual rules for giving records away). */
async function ownerOf(ctx: Ctx, module: ModuleKey, body: MergeBody, { target, source }: Pair<OrganizationRow | ContactRow>) {
  if (body.fields?.ownerId !== 'source') return undefined;
  return resolveOwnership(ctx, module, source.ownerId, target);
}

function merged<R extends OrganizationRow | ContactRow>(pair: Pair<R>, body: MergeBody, scalars: readonly string[], fields: readonly string[]) {
  const { columns, errors } = mergeColumns(pair.target, pair.source, body.fields ?? {}, { scalars, fields });
  if (Object.keys(errors).length > 0) throw badRequest('validation_failed', 'Some fields cannot be merged', errors);
  return columns;
}

/** The columns that put the merged-away record into the recycle bin (its audit entry carries the merge). */
const retired = (ctx: Ctx, at: string) => ({ deletedAt: at, deletedBy: ctx.actor.userId, updatedAt: at });

/** The people of the merged-away organization now work at the survivor: their history says so. */
async function moveMembers(trx: Db, ctx: Ctx, sourceId: string, targetId: string) {
  const contactIds = await membersOf(trx, sourceId);
  const before = new Map<string, ReturnType<typeof auditableMemberships>>();
  for (let i = 0; i < contactIds.length; i += CHUNK) {
    const { live } = await loadMemberships({ db: trx }, contactIds.slice(i, i + CHUNK));
    for (const [id, ms] of live) before.set(id, auditableMemberships(ms));
  }
  await moveOrganizationMembers(trx, sourceId, targetId);
  for (let i = 0; i < contactIds.length; i += CHUNK) {
    const { live } = await loadMemberships({ db: trx }, contactIds.slice(i, i + CHUNK));
    for (const [id, ms] of live) {
      await auditAs(trx, ctx.actor, 'update', 'contacts', id, {
        before: { organizations: before.get(id) ?? [] },
        after: { organizations: auditableMemberships(ms) },
        meta: { organizationMerged: { from: sourceId, into: targetId } },
      });
    }
  }
}

export const mergeService = {
  async organizations(ctx: Ctx, hooks: MergeHooks, targetId: string, body: MergeBody): Promise<Organization> {
    const repo = organizationsRepository;
    const pair = await loadPair(ctx, 'organizations', targetId, body, (id) => repo.findVisible(ctx.db, ctx.actor, id), 'Organization');
    const { target, source } = pair;
    const columns = merged(pair, body, ORGANIZATION_SCALARS, ORGANIZATION_MERGE_FIELDS);
    const owner = await ownerOf(ctx, 'organizations', body, pair);
    const at = now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const updated = await repo.update(trx, targetId, target.version, {
        ...columns,
        nameKey: organizationNameKey(columns.name as string),
        ...owner,
        updatedAt: at,
      });
      if (!updated) throw versionConflict();
      await contactPointsRepository.replace(trx, 'organizations', targetId, contactPointsOf(updated));
      // The merged-away record's lifecycle history stays with it (it returns on a restore); the survivor's records its own change.
      if (updated.lifecycleStatus !== target.lifecycleStatus) {
        await repo.insertTransition(trx, {
          id: newId(),
          organizationId: targetId,
          fromStatus: target.lifecycleStatus,
          toStatus: updated.lifecycleStatus,
          reason: null,
          actorId: ctx.actor.userId,
          at,
        });
      }
      await moveMembers(trx, ctx, source.id, targetId);
      await hooks.runAll(trx, ctx, { type: 'organizations', sourceId: source.id, targetId });
      if (!(await repo.update(trx, source.id, source.version, retired(ctx, at)))) throw versionConflict();
      await auditAs(trx, ctx.actor, 'update', 'organizations', targetId, {
        before: auditableOrganization(target),
        after: auditableOrganization(updated),
        meta: { mergedFrom: source.id, mergedFromName: source.name },
      });
      await auditAs(trx, ctx.actor, 'delete', 'organizations', source.id, { meta: { mergedInto: targetId, mergedIntoName: updated.name } });
      return updated;
    });
    return presentOrganization(row, await customFieldsService.liveKeys(ctx.db, 'organizations'));
  },

  async contacts(ctx: Ctx, hooks: MergeHooks, targetId: string, body: MergeBody): Promise<Contact> {
    const repo = contactsRepository;
    const pair = await loadPair(ctx, 'contacts', targetId, body, (id) => repo.findVisible(ctx.db, ctx.actor, id), 'Contact');
    const { target, source } = pair;
    const columns = merged(pair, body, CONTACT_SCALARS, CONTACT_MERGE_FIELDS);
    const owner = await ownerOf(ctx, 'contacts', body, pair);
    const before = (await loadMemberships(ctx, [targetId])).live.get(targetId) ?? [];
    const at = now();
    return ctx.db.transaction().execute(async (trx) => {
      const updated = await repo.update(trx, targetId, target.version, {
        ...columns,
        nameKey: personNameKey(columns.name as string),
        ...owner,
        updatedAt: at,
      });
      if (!updated) throw versionConflict();
      await contactPointsRepository.replace(trx, 'contacts', targetId, contactPointsOf(updated));
      await moveContactMemberships(trx, source.id, targetId);
      await hooks.runAll(trx, ctx, { type: 'contacts', sourceId: source.id, targetId });
      if (!(await repo.update(trx, source.id, source.version, retired(ctx, at)))) throw versionConflict();
      const after = (await loadMemberships({ db: trx }, [targetId])).live.get(targetId) ?? [];
      await auditAs(trx, ctx.actor, 'update', 'contacts', targetId, {
        before: auditableContact(target, before),
        after: auditableContact(updated, after),
        meta: { mergedFrom: source.id, mergedFromName: source.name },
      });
      await auditAs(trx, ctx.actor, 'delete', 'contacts', source.id, { meta: { mergedInto: targetId, mergedIntoName: updated.name } });
      return presentContact(updated, after, await contactsService.viewOf({ ...ctx, db: trx }, after));
    });
  },
};
