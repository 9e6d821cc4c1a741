import type { OrganizationCreate, OrganizationListQuery, OrganizationUpdate } from '../../../shared/schemas/customers.js';
import type { Db } from '../../db/connection.js';
import type { OrganizationRow } from '../../db/schema.js';
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
import { organizationNameKey } from '../customers/name-key.js';
import { type Ownership, resolveOwnership } from '../customers/ownership.js';
import { blankToNull, contactPointsOf, newPartyColumns, partyChanges, phoneErrors } from '../customers/party.js';
import { isValidUscc, normalizeUscc } from '../customers/uscc.js';
import { recordOwnerChange } from '../pool/pool.events.js';
import { checkRegion, touchesRegion } from '../regions/region-fields.js';
import { usersService } from '../users/users.service.js';
import { auditableOrganization, presentOrganization, presentTransition } from './organizations.presenter.js';
import { organizationsRepository as repo, staleOwnedOrganizations as staleOwned } from './organizations.repository.js';

const MODULE = 'organizations';

/**
 * Checks what zod cannot (phone numbers, the USCC check character) and answers one 400 naming
 * every bad field. Returns the USCC in stored form when one was sent.
 */
function checkFields(input: Partial<OrganizationCreate>, customErrors: Record<string, string> = {}): { uscc?: string | null } {
  const fields = { ...phoneErrors(input.phones), ...customErrors };
  const given = input.uscc === undefined ? undefined : blankToNull(input.uscc);
  const uscc = given ? normalizeUscc(given) : given;
  if (uscc && !isValidUscc(uscc)) fields.uscc = 'Not a valid unified social credit code (18 characters with a check character)';
  if (Object.keys(fields).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', fields);
  return uscc === undefined ? {} : { uscc };
}

/** The organization-only columns present in the input (the shared ones come from partyChanges). */
function organizationChanges(input: Partial<OrganizationCreate>) {
  return {
    ...(input.partyType !== undefined && { partyType: input.partyType }),
    ...(input.lifecycleStatus !== undefined && { lifecycleStatus: input.lifecycleStatus }),
    ...(input.industry !== undefined && { industry: blankToNull(input.industry) }),
    ...(input.size !== undefined && { size: input.size ?? null }),
    ...(input.website !== undefined && { website: blankToNull(input.website) }),
  };
}

/** Every status change, the first one included, is kept with who, when and why. */
function recordTransition(trx: Db, ctx: Ctx, organizationId: string, from: string | null, to: string, reason: string | null | undefined, at: string) {
  return repo.insertTransition(trx, {
    id: newId(),
    organizationId,
    fromStatus: from,
    toStatus: to,
    reason: blankToNull(reason),
    actorId: ctx.actor.userId,
    at,
  });
}

async function loadVisible(ctx: Ctx, id: string): Promise<OrganizationRow> {
  const row = await repo.findVisible(ctx.db, ctx.actor, id);
  if (!row) throw notFound('Organization');
  return row;
}

export const organizationsService = {
  async list(ctx: Ctx, q: OrganizationListQuery) {
    assertCan(ctx.actor, MODULE, 'read');
    const { keys, where } = await customerListQuery(ctx, MODULE, q);
    const { rows, ...count } = await repo.list(ctx.db, ctx.actor, q, keys, where);
    const page = toPage(rows, q.limit, keys);
    const live = await customFieldsService.liveKeys(ctx.db, MODULE);
    return { items: page.rows.map((r) => presentOrganization(r, live)), nextCursor: page.nextCursor, ...count };
  },

  async get(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'read');
    return presentOrganization(await loadVisible(ctx, id), await customFieldsService.liveKeys(ctx.db, MODULE));
  },

  async create(ctx: Ctx, input: OrganizationCreate) {
    assertCan(ctx.actor, MODULE, 'create');
    const custom = await customFieldsService.prepareValues(ctx.db, MODULE, input.custom, null);
    const region = checkRegion(input);
    const { uscc = null } = checkFields(input, { ...custom.errors, ...region.errors });
    const owner = (await resolveOwnership(ctx, MODULE, input.ownerId)) as Ownership;
    const at = now();
    const row = await inTransaction(ctx.db, async (trx) => {
      const created = await repo.insert(trx, {
        id: newId(),
        ...newPartyColumns(input, organizationNameKey),
        ...region.value,
        partyType: input.partyType,
        lifecycleStatus: input.lifecycleStatus,
        industry: blankToNull(input.industry),
        size: input.size ?? null,
        website: blankToNull(input.website),
        uscc,
        ...owner,
        custom: JSON.stringify(custom.values ?? {}),
        lastActivityAt: null,
        ...freshRecord(ctx.actor.userId, at),
      });
      await contactPointsRepository.replace(trx, MODULE, created.id, contactPointsOf(created));
      await recordTransition(trx, ctx, created.id, null, created.lifecycleStatus, input.lifecycleReason, at);
      await auditAs(trx, ctx.actor, 'create', MODULE, created.id, { before: null, after: auditableOrganization(created) });
      return created;
    });
    return presentOrganization(row, await customFieldsService.liveKeys(ctx.db, MODULE));
  },

  async update(ctx: Ctx, id: string, input: OrganizationUpdate) {
    assertCan(ctx.actor, MODULE, 'update');
    const current = await loadVisible(ctx, id);
    if (current.version !== input.version) throw versionConflict();
    const custom = await customFieldsService.prepareValues(ctx.db, MODULE, input.custom, parseCustomColumn(current.custom));
    const region = touchesRegion(input) ? checkRegion(input, current) : undefined;
    const checked = checkFields(input, { ...custom.errors, ...region?.errors });
    const owner = await resolveOwnership(ctx, MODULE, input.ownerId, current);
    const statusChanges = input.lifecycleStatus !== undefined && input.lifecycleStatus !== current.lifecycleStatus;
    const at = now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const updated = await repo.update(trx, id, input.version, {
        ...partyChanges(input, organizationNameKey),
        ...region?.value,
        ...organizationChanges(input),
        ...checked,
        ...owner,
        ...(custom.values && { custom: JSON.stringify(custom.values) }),
        updatedAt: at,
      });
      if (!updated) throw versionConflict();
      if (owner) await recordOwnerChange(trx, ctx.actor, id, current, updated, at);
      if (input.phones !== undefined || input.emails !== undefined) {
        await contactPointsRepository.replace(trx, MODULE, id, contactPointsOf(updated));
      }
      if (statusChanges) await recordTransition(trx, ctx, id, current.lifecycleStatus, updated.lifecycleStatus, input.lifecycleReason, at);
      await auditAs(trx, ctx.actor, 'update', MODULE, id, {
        before: auditableOrganization(current),
        after: auditableOrganization(updated),
        ...(statusChanges && input.lifecycleReason && { meta: { lifecycleReason: input.lifecycleReason } }),
      });
      return updated;
    });
    return presentOrganization(row, await customFieldsService.liveKeys(ctx.db, MODULE));
  },

  /** To the recycle bin; contact memberships stay, so a restore brings them back. */
  async remove(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await loadVisible(ctx, id);
    await setDeleted(ctx, MODULE, id, true, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async restore(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'delete');
    const current = await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true });
    if (!current) throw notFound('Deleted organization');
    await setDeleted(ctx, MODULE, id, false, (trx, changes) => repo.update(trx, id, current.version, changes));
  },

  async canSee(ctx: Ctx, id: string) {
    if (!can(ctx.actor, MODULE, 'read')) return false;
    return !!((await repo.findVisible(ctx.db, ctx.actor, id)) ?? (await repo.findVisible(ctx.db, ctx.actor, id, { deleted: true })));
  },

  /** The lifecycle history of a visible organization, newest first. */
  async lifecycle(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'read');
    await loadVisible(ctx, id);
    return this.lifecycleOfVisible(ctx, id);
  },

  /** Lifecycle steps of an organization the caller has already found visible (see timeline.ts). */
  async lifecycleOfVisible(ctx: Ctx, id: string) {
    const rows = await repo.transitionsOf(ctx.db, id);
    const names = await usersService.namesOf(
      ctx,
      rows.map((r) => r.actorId).filter((a): a is string => !!a),
    );
    return { items: rows.map((r) => presentTransition(r, names)) };
  },

  /** 403 without read permission, 404 unless the organization is live and in the actor's scope. */
  async assertVisible(ctx: Ctx, id: string): Promise<void> {
    assertCan(ctx.actor, MODULE, 'read');
    await loadVisible(ctx, id);
  },

  /** Which of `ids` the actor may see (none without read permission). */
  visibleIds: (ctx: Ctx, ids: string[]) => (can(ctx.actor, MODULE, 'read') ? repo.visibleIds(ctx.db, ctx.actor, ids) : Promise.resolve(new Set<string>())),
  /** Names of live organizations by id, whatever the actor's scope: a visible contact shows where it works. */
  namesOf: (ctx: { db: Db }, ids: string[]) => repo.namesOf(ctx.db, ids),
  /** Called by activities in their transaction: the organizations' last contact moves to `at` if later. */
  touchActivity: (trx: Db, ids: string[], at: string) => repo.touchActivity(trx, ids, at),
  /** Called by opportunities in their transaction when a deal is won: restarts the pool rule's "no deal for M days" clock. */
  touchDeal: (trx: Db, id: string, at: string) => repo.touchDeal(trx, id, at),
};

/** For the tasks module's "no contact in N days" rule (a system job, so no actor scope applies). */
export const staleOwnedOrganizations = (db: Db, q: { cutoffs: Partial<Record<string, string>>; afterId: string; limit: number }) => staleOwned(db, q);
