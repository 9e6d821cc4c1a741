import type { ContactCreate, ContactListQuery, ContactUpdate, OrganizationContactsQuery } from '../../../shared/schemas/customers.js';
import type { Db } from '../../db/connection.js';
import type { ContactRow } from '../../db/schema.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, notFound, versionConflict } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { toPage } from '../../platform/pagination.js';
import { assertCan, can } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { setDeleted } from '../../platform/soft-delete.js';
import { inTransaction } from '../../platform/transactions.js';
import { customFieldsService } from '../custom-fields/custom-fields.service.js';
import { parseCustomColumn } from '../custom-fields/custom-values.js';
import { contactPointsRepository } from '../customers/contact-points.repository.js';
import { customerListQuery } from '../customers/list-fields.js';
import { personNameKey } from '../customers/name-key.js';
import { type Ownership, resolveOwnership } from '../customers/ownership.js';
import { contactPointsOf, newPartyColumns, partyChanges, phoneErrors } from '../customers/party.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { checkRegion, touchesRegion } from '../regions/region-fields.js';
import { auditableContact, type ContactView, presentContact } from './contacts.presenter.js';
import { contactsRepository as repo } from './contacts.repository.js';
import { loadMemberships, type Membership, membershipErrors, replaceMemberships } from './memberships.js';

const MODULE = 'contacts';

async function presentAll(ctx: Ctx, rows: ContactRow[]) {
  const { live } = await loadMemberships(
    ctx,
    rows.map((r) => r.id),
  );
  const view = await viewOf(ctx, [...live.values()].flat());
  return rows.map((r) => presentContact(r, live.get(r.id) ?? [], view));
}

/**
 * Live custom fields, and which of the listed organizations the actor may open: a contact shows where
 * the person works even outside the actor's scope (DECISIONS, memberships), as a name, not a link.
 */
async function viewOf(ctx: Ctx, memberships: Membership[]): Promise<ContactView> {
  const [liveKeys, openable] = await Promise.all([
    customFieldsService.liveKeys(ctx.db, MODULE),
    organizationsService.visibleIds(ctx, [...new Set(memberships.map((m) => m.organizationId))]),
  ]);
  return { liveKeys, openable };
}

/** Phone numbers, organizations and custom values zod cannot judge, in one 400 naming every bad field. */
async function checkFields(ctx: Ctx, input: Partial<ContactCreate>, current?: Membership[], customErrors: Record<string, string> = {}) {
  const fields = { ...phoneErrors(input.phones), ...(await membershipErrors(ctx, input.organizations, current)), ...customErrors };
  if (Object.keys(fields).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', fields);
}

async function loadVisible(ctx: Ctx, id: string): Promise<ContactRow> {
  const row = await repo.findVisible(ctx.db, ctx.actor, id);
  if (!row) throw notFound('Contact');
  return row;
}

export const contactsService = {
  viewOf,

  async list(ctx: Ctx, q: ContactListQuery) {
    assertCan(ctx.actor, MODULE, 'read');
    const { keys, where } = await customerListQuery(ctx, MODULE, q);
    const { rows, ...count } = await repo.list(ctx.db, ctx.actor, q, keys, where);
    const page = toPage(rows, q.limit, keys);
    return { items: await presentAll(ctx, page.rows), nextCursor: page.nextCursor, ...count };
  },

  /** The contacts of one organization the actor may see; 404 when the organization is not visible. */
  async listOfOrganization(ctx: Ctx, organizationId: string, q: OrganizationContactsQuery) {
    assertCan(ctx.actor, MODULE, 'read');
    await organizationsService.assertVisible(ctx, organizationId);
    return contactsService.list(ctx, { ...q, organizationId });
  },

  async get(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'read');
    return (await presentAll(ctx, [await loadVisible(ctx, id)]))[0];
  },

  async create(ctx: Ctx, input: ContactCreate) {
    assertCan(ctx.actor, MODULE, 'create');
    const custom = await customFieldsService.prepareValues(ctx.db, MODULE, input.custom, null);
    const region = checkRegion(input);
    await checkFields(ctx, input, undefined, { ...custom.errors, ...region.errors });
    const owner = (await resolveOwnership(ctx, MODULE, input.ownerId)) as Ownership;
    const at = now();
    return inTransaction(ctx.db, async (trx) => {
      const created = await repo.insert(trx, {
        id: newId(),
        ...newPartyColumns(input, personNameKey),
        ...region.value,
        ...owner,
        custom: JSON.stringify(custom.values ?? {}),
        lastActivityAt: null,
        ...freshRecord(ctx.actor.userId, at),
      });
      await contactPointsRepository.replace(trx, MODULE, created.id, contactPointsOf(created), true);
      const requested = input.organizations ?? [];
      if (requested.length > 0) await replaceMemberships(trx, created.id, requested, [], at);
      const organizations = requested.length > 0 ? ((await loadMemberships({ db: trx }, [created.id])).live.get(created.id) ?? []) : [];
      await auditAs(trx, ctx.actor, 'create', MODULE, created.id, { before: null, after: auditableContact(created, organizations) });
      return presentContact(created, organizations, await viewOf({ ...ctx, db: trx }, organizations));
    });
  },

  async update(ctx: Ctx, id: string, input: ContactUpdate) {
    assertCan(ctx.actor, MODULE, 'update');
    const current = await loadVisible(ctx, id);
    if (current.version !== input.version) throw versionConflict();
    const before = await loadMemberships(ctx, [id]);
    const members = before.live.get(id) ?? [];
    const custom = await customFieldsService.prepareValues(ctx.db, MODULE, input.custom, parseCustomColumn(current.custom));
    const region = touchesRegion(input) ? checkRegion(input, current) : undefined;
    await checkFields(ctx, input, members, { ...custom.errors, ...region?.errors });
    const owner = await resolveOwnership(ctx, MODULE, input.ownerId, current);
    const at = now();
    // Presented from the transaction: the record may have just left the actor's scope (a new owner).
    return ctx.db.transaction().execute(async (trx) => {
      const updated = await repo.update(trx, id, input.version, {
        ...partyChanges(input, personNameKey),
        ...region?.value,
        ...owner,
        ...(custom.values && { custom: JSON.stringify(custom.values) }),
        updatedAt: at,
      });
      if (!updated) throw versionConflict();
      if (input.phones !== undefined || input.emails !== undefined) {
        await contactPointsRepository.replace(trx, MODULE, id, contactPointsOf(updated));
      }
      if (input.organizations) await replaceMemberships(trx, id, input.organizations, before.rows, at);
      const organizations = (await loadMemberships({ db: trx }, [id])).live.get(id) ?? [];
      await auditAs(trx, ctx.actor, 'update', MODULE, id, { before: auditableContact(current, members), after: auditableContact(updated, organizations) });
      return presentContact(updated, organizations, await viewOf({ ...ctx, db: trx }, organizations));
    });
  },

  async remove(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await loadVisible(ctx, id);
    await setDeleted(ctx, MODULE, id, true, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async restore(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true });
    if (!current) throw notFound('Deleted contact');
    await setDeleted(ctx, MODULE, id, false, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async canSee(ctx: Ctx, id: string) {
    if (!can(ctx.actor, MODULE, 'read')) return false;
    return !!((await repo.findVisible(ctx.db, ctx.actor, id)) ?? (await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true })));
  },
  /** Which of `ids` the actor may see (none without read permission). */
  visibleIds: (ctx: Ctx, ids: string[]) => (can(ctx.actor, MODULE, 'read') ? repo.visibleIds(ctx.db, ctx.actor, ids) : Promise.resolve(new Set<string>())),
  /** Names of live contacts by id, whatever the actor's scope: an activity shows who took part. */
  namesOf: (ctx: { db: Db }, ids: string[]) => repo.namesOf(ctx.db, ids),
  /** Called by activities in their transaction: the contacts' last contact moves to `at` if later. */
  touchActivity: (trx: Db, ids: string[], at: string) => repo.touchActivity(trx, ids, at),
};
