import type { PoolEventQuery, PoolListQuery, Release } from '../../../shared/schemas/pool.js';
import type { PoolEventRow } from '../../db/schema.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { parseSort, toPage } from '../../platform/pagination.js';
import { assertCan } from '../../platform/permissions.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { usersService } from '../users/users.service.js';
import { presentPoolEvent, presentPoolOrganization } from './pool.presenter.js';
import { POOL_SORT_COLUMNS, poolRepository as repo } from './pool.repository.js';
import { readPoolSettings } from './pool.settings.js';

const MODULE = 'organizations';

const alreadyClaimed = () => conflict('already_claimed', 'Someone else has just claimed this organization');

/** The owner fields the audit entry of a claim or release shows (the record's other fields do not change). */
const holder = (row: { ownerId: string | null; teamId: string | null }) => ({ ownerId: row.ownerId, teamId: row.teamId });

async function presentEvents(ctx: Ctx, rows: PoolEventRow[]) {
  const ids = rows.flatMap((r) => [r.actorId, r.fromOwnerId, r.toOwnerId]).filter((id): id is string => !!id);
  const names = await usersService.namesOf(ctx, ids);
  return rows.map((r) => presentPoolEvent(r, names));
}

/**
 * The customer pool (公海): browsing the pools the actor may claim from, claiming within the per-person
 * limit, releasing with a reason. Claims and releases are organization edits (update permission) and
 * are audited on the organization, so they also show in its history and 360° timeline.
 */
export const poolService = {
  async list(ctx: Ctx, q: PoolListQuery) {
    assertCan(ctx.actor, MODULE, 'read');
    const keys = parseSort(q.sort, POOL_SORT_COLUMNS, 'organizations.id', '-pooledAt');
    const rows = await repo.list(ctx.db, ctx.actor, q, keys);
    const page = toPage(rows, q.limit, keys);
    return { items: page.rows.map(presentPoolOrganization), nextCursor: page.nextCursor };
  },

  async summary(ctx: Ctx) {
    assertCan(ctx.actor, MODULE, 'read');
    const [held, settings] = await Promise.all([repo.countHeld(ctx.db, ctx.actor.userId), readPoolSettings(ctx.db)]);
    return { held, limit: settings.maxHeldPerRep };
  },

  async claim(ctx: Ctx, id: string) {
    assertCan(ctx.actor, MODULE, 'update');
    const { actor } = ctx;
    const found = await repo.findClaimable(ctx.db, actor, id);
    if (!found) {
      // Someone was faster at taking it out of a pool the actor may claim from; the actor saw it there, so say so.
      if (await repo.lastClaimedFromPoolOf(ctx.db, actor, id)) throw alreadyClaimed();
      // Owned and visible to the actor: say so; anything else out of reach is simply not there.
      if ((await organizationsService.visibleIds(ctx, [id])).has(id)) throw conflict('not_in_pool', 'This organization has an owner');
      throw notFound('Organization');
    }
    const { maxHeldPerRep: limit } = await readPoolSettings(ctx.db);
    const at = now();
    await ctx.db.transaction().execute(async (trx) => {
      await repo.serializeClaimsOf(trx, actor.userId);
      if (limit !== null) {
        const held = await repo.countHeld(trx, actor.userId);
        if (held >= limit) {
          throw new AppError('pool_limit_reached', `You already own ${held} organizations; the limit is ${limit}`, 409);
        }
      }
      const claimed = await repo.claim(trx, id, { ownerId: actor.userId, teamId: actor.teamId }, at);
      if (!claimed) throw alreadyClaimed();
      await repo.insertEvent(trx, {
        id: newId(),
        organizationId: id,
        kind: 'claim',
        actorId: actor.userId,
        fromOwnerId: null,
        toOwnerId: actor.userId,
        teamId: found.teamId,
        reason: null,
        at,
      });
      await auditAs(trx, actor, 'update', MODULE, id, { before: holder(found), after: holder(claimed), meta: { pool: 'claim' } });
    });
    return organizationsService.get(ctx, id);
  },

  /** By the owner, or by anyone whose organizations scope covers the record (a manager); it stays in its team's pool. */
  async release(ctx: Ctx, id: string, input: Release) {
    assertCan(ctx.actor, MODULE, 'update');
    const current = await organizationsService.get(ctx, id);
    if (current.ownerId === null) throw conflict('already_in_pool', 'This organization is already in the pool');
    const at = now();
    const event = await ctx.db.transaction().execute(async (trx) => {
      const released = await repo.toPool(trx, id, { ownerId: current.ownerId }, at);
      if (!released) throw conflict('version_conflict', 'The organization was changed by someone else; reload it and try again');
      const row: PoolEventRow = {
        id: newId(),
        organizationId: id,
        kind: 'release',
        actorId: ctx.actor.userId,
        fromOwnerId: current.ownerId,
        toOwnerId: null,
        teamId: released.teamId,
        reason: input.reason,
        at,
      };
      await repo.insertEvent(trx, row);
      await auditAs(trx, ctx.actor, 'update', MODULE, id, {
        before: holder(current),
        after: holder(released),
        meta: { pool: 'release', reason: input.reason },
      });
      return row;
    });
    return (await presentEvents(ctx, [event]))[0];
  },

  /** Newest first; for anyone who can see the organization, in their scope or in a pool they may claim from. */
  async events(ctx: Ctx, id: string, q: PoolEventQuery) {
    assertCan(ctx.actor, MODULE, 'read');
    const visible = (await organizationsService.visibleIds(ctx, [id])).has(id) || !!(await repo.findClaimable(ctx.db, ctx.actor, id));
    if (!visible) throw notFound('Organization');
    if (q.cursor !== undefined && !/^[0-9a-f-]{36}$/.test(q.cursor)) {
      throw badRequest('validation_failed', 'Invalid cursor', { cursor: 'Use the nextCursor of the previous page' });
    }
    const rows = await repo.eventsOf(ctx.db, id, q.cursor, q.limit + 1);
    const page = rows.slice(0, q.limit);
    return { items: await presentEvents(ctx, page), nextCursor: rows.length > q.limit ? page[page.length - 1].id : null };
  },
};
