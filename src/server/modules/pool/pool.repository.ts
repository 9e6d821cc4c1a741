import { type Expression, type ExpressionBuilder, PostgresAdapter, type SqlBool, sql } from 'kysely';
import type { PoolListQuery, PoolTier } from '../../../shared/schemas/pool.js';
import type { Db } from '../../db/connection.js';
import type { Database, OrganizationRow, PoolEventRow } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import { orderBy, readKeysetPage, type SortKey } from '../../platform/pagination.js';
import { scopeFilter } from '../../platform/permissions.js';
import { containsText } from '../../platform/text-match.js';
import { ORGANIZATION_SCOPE } from '../organizations/organizations.repository.js';

type Eb = ExpressionBuilder<Database, 'organizations'>;

export const POOL_SORT_COLUMNS = { pooledAt: 'organizations.pooledAt', updatedAt: 'organizations.updatedAt', name: 'organizations.name' };

/** The actor's own team and every team above it: a branch's reps may work their region's pool too. */
const ownAndAncestorTeams = (actor: Actor) => (actor.teamPath ?? '').split('/').filter(Boolean);

/**
 * Pool records the actor may browse and claim: live, without owner, and in the pool of the actor's
 * team or an ancestor team, in the company-wide pool (no team), or anywhere the actor's organizations
 * scope already reaches (a manager's subtree). Owned records stay exactly as scoped as before.
 */
export function claimable(actor: Actor) {
  return (eb: Eb): Expression<SqlBool> => {
    const teams = ownAndAncestorTeams(actor);
    return eb.and([
      eb('organizations.ownerId', 'is', null),
      eb('organizations.deletedAt', 'is', null),
      eb.or([
        scopeFilter(actor, 'organizations', ORGANIZATION_SCOPE)(eb as never),
        eb('organizations.teamId', 'is', null),
        ...(teams.length > 0 ? [eb('organizations.teamId', 'in', teams)] : []),
      ]),
    ]);
  };
}

const tierIs = (eb: Eb, tier: PoolTier) => (tier === 'none' ? eb('organizations.tier', 'is', null) : eb('organizations.tier', '=', tier));
/** Null-safe equality that both dialects accept (PostgreSQL's IS takes only NULL on the right). */
const same = (eb: Eb, column: 'lastActivityAt' | 'lastDealAt' | 'ownedSince', value: string | null) =>
  value === null ? eb(`organizations.${column}`, 'is', null) : eb(`organizations.${column}`, '=', value);

export type HeldOrganization = Pick<
  OrganizationRow,
  'id' | 'name' | 'ownerId' | 'teamId' | 'tier' | 'ownedSince' | 'lastActivityAt' | 'lastDealAt' | 'poolWarnedAt'
>;

/** Per measure of a tier: the hold must have begun, and the last event have happened, before `before`. */
export interface StaleCondition {
  activityBefore: string | null;
  dealBefore: string | null;
}

export const poolRepository = {
  async list(db: Db, actor: Actor, q: PoolListQuery, keys: SortKey[]) {
    const filtered = db
      .selectFrom('organizations')
      .leftJoin('teams', 'teams.id', 'organizations.teamId')
      .where(claimable(actor))
      .$if(!!q.q, (qb) => qb.where(containsText('organizations.name', q.q as string)))
      .$if(!!q.tier, (qb) => qb.where((eb) => tierIs(eb as Eb, q.tier as PoolTier)))
      .$if(!!q.teamId, (qb) => qb.where('organizations.teamId', '=', q.teamId as string));
    return readKeysetPage(keys, q.cursor, q.limit, (after, limit) =>
      orderBy(
        filtered
          .select([
            'organizations.id',
            'organizations.name',
            'organizations.partyType',
            'organizations.lifecycleStatus',
            'organizations.tier',
            'organizations.industry',
            'organizations.country',
            'organizations.province',
            'organizations.city',
            'organizations.district',
            'organizations.teamId',
            'teams.name as teamName',
            'organizations.lastActivityAt',
            'organizations.updatedAt',
            'organizations.pooledAt',
          ])
          .$if(!!after, (qb) => qb.where(after as never)),
        keys,
      )
        .limit(limit)
        .execute(),
    );
  },

  findClaimable(db: Db, actor: Actor, id: string) {
    return db.selectFrom('organizations').selectAll().where(claimable(actor)).where('organizations.id', '=', id).executeTakeFirst();
  },

  async countHeld(db: Db, userId: string): Promise<number> {
    const row = await db
      .selectFrom('organizations')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('ownerId', '=', userId)
      .where('deletedAt', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /**
   * Makes concurrent claims by one person wait for each other, so two claims cannot both pass the
   * limit check. SQLite has one writer at a time, so a transaction there is already alone.
   */
  async serializeClaimsOf(trx: Db, userId: string): Promise<void> {
    if (trx.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(hashtext(${`guanxi.pool.${userId}`}))`.execute(trx);
  },

  /** Takes a pool record only while it is still in the pool: of two concurrent claims exactly one gets the row. */
  claim(trx: Db, id: string, owner: { ownerId: string; teamId: string | null }, at: string): Promise<OrganizationRow | undefined> {
    return trx
      .updateTable('organizations')
      .set((eb) => ({ ...owner, ownedSince: at, pooledAt: null, poolWarnedAt: null, updatedAt: at, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('ownerId', 'is', null)
      .where('deletedAt', 'is', null)
      .returningAll()
      .executeTakeFirst();
  },

  /**
   * Back to the pool of the team it is in, only while `expected` still holds (same owner, same hold,
   * no contact since the rule looked): otherwise someone acted meanwhile and nothing happens.
   */
  toPool(trx: Db, id: string, expected: Partial<Pick<HeldOrganization, 'ownerId' | 'ownedSince' | 'lastActivityAt' | 'lastDealAt'>>, at: string) {
    return trx
      .updateTable('organizations')
      .set((eb) => ({ ownerId: null, ownedSince: null, pooledAt: at, poolWarnedAt: null, updatedAt: at, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('deletedAt', 'is', null)
      .where('ownerId', '=', expected.ownerId as string)
      .where((eb) =>
        eb.and(
          (['ownedSince', 'lastActivityAt', 'lastDealAt'] as const)
            .filter((c) => expected[c] !== undefined)
            .map((c) => same(eb as Eb, c, expected[c] as string | null)),
        ),
      )
      .returningAll()
      .executeTakeFirst();
  },

  /** Notes the warning without a version bump: it is not an edit of the record. */
  async markWarned(trx: Db, id: string, at: string): Promise<void> {
    await trx.updateTable('organizations').set({ poolWarnedAt: at }).where('id', '=', id).execute();
  },

  /**
   * Owned live organizations of one tier for which a measure is stale before its cutoff, in
   * (owned_since, id) order after `after`: a range of org_pool_clock_idx per call.
   */
  staleHolds(db: Db, tier: PoolTier, cond: StaleCondition, after: [string, string] | null, limit: number): Promise<HeldOrganization[]> {
    const measures = [
      ['lastActivityAt', cond.activityBefore],
      ['lastDealAt', cond.dealBefore],
    ].filter((m): m is ['lastActivityAt' | 'lastDealAt', string] => m[1] !== null);
    const latest = measures.map((m) => m[1]).sort()[measures.length - 1];
    return db
      .selectFrom('organizations')
      .select(['id', 'name', 'ownerId', 'teamId', 'tier', 'ownedSince', 'lastActivityAt', 'lastDealAt', 'poolWarnedAt'])
      .where((eb) => tierIs(eb, tier))
      .where('ownedSince', '<', latest)
      .where('ownerId', 'is not', null)
      .where('deletedAt', 'is', null)
      .where((eb) =>
        eb.or(measures.map(([column, before]) => eb.and([eb('ownedSince', '<', before), eb.or([eb(column, 'is', null), eb(column, '<', before)])]))),
      )
      .$if(!!after, (qb) => qb.where(sql<SqlBool>`(${sql.ref('ownedSince')}, ${sql.ref('id')}) > (${after?.[0]}, ${after?.[1]})`))
      .orderBy('ownedSince')
      .orderBy('id')
      .limit(limit)
      .execute() as Promise<HeldOrganization[]>;
  },

  async insertEvent(db: Db, row: PoolEventRow): Promise<void> {
    await db.insertInto('poolEvents').values(row).execute();
  },

  /** UUIDv7 ids sort by time, so id order is newest-first order. */
  eventsOf(db: Db, organizationId: string, beforeId: string | undefined, limit: number): Promise<PoolEventRow[]> {
    return db
      .selectFrom('poolEvents')
      .selectAll()
      .where('organizationId', '=', organizationId)
      .$if(!!beforeId, (qb) => qb.where('id', '<', beforeId as string))
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  },

  /**
   * Whether the organization's latest pool event is a claim out of a pool the actor may claim from
   * (their team's, an ancestor's or the company's): the record the actor was looking at in the pool
   * has just been taken.
   */
  async lastClaimedFromPoolOf(db: Db, actor: Actor, id: string): Promise<boolean> {
    const last = await db
      .selectFrom('poolEvents')
      .select(['kind', 'teamId'])
      .where('organizationId', '=', id)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return last?.kind === 'claim' && (last.teamId === null || ownAndAncestorTeams(actor).includes(last.teamId));
  },
};
