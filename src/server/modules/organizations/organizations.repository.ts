import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { OrganizationListQuery } from '../../../shared/schemas/customers.js';
import type { ModuleKey } from '../../../shared/schemas/permissions.js';
import type { Db } from '../../db/connection.js';
import type { LifecycleTransitionRow, NewOrganization, OrganizationRow, OrganizationUpdateRow } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import { cappedCount } from '../../platform/list-filters.js';
import { orderBy, readKeysetPage, type SortKey, selectSortValues } from '../../platform/pagination.js';
import { scopeFilter } from '../../platform/permissions.js';
import { containsText } from '../../platform/text-match.js';
import { indexParty, touchesSearch } from '../customers/party-search.js';
import { hasTag } from '../customers/tags.js';

const MODULE: ModuleKey = 'organizations';
/**
 * Owner and owner's team. A pool organization (no owner) is seen by 'all' scope and by team scope
 * when its team lies in the actor's subtree; 'own' scope never sees the pool.
 */
export const ORGANIZATION_SCOPE = { owner: 'organizations.ownerId', team: 'organizations.teamId' };
export const ORGANIZATION_SORT_COLUMNS = {
  name: 'organizations.name',
  createdAt: 'organizations.createdAt',
  updatedAt: 'organizations.updatedAt',
};

function visible(db: Db, actor: Actor, { deleted = false } = {}) {
  return db
    .selectFrom('organizations')
    .where(scopeFilter(actor, MODULE, ORGANIZATION_SCOPE))
    .where('organizations.deletedAt', deleted ? 'is not' : 'is', null);
}

export const organizationsRepository = {
  /** `where`: the compiled `filter` parameter (list-filters.ts). */
  async list(db: Db, actor: Actor, q: OrganizationListQuery, keys: SortKey[], where?: (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>) {
    const filtered = visible(db, actor)
      .$if(!!where, (qb) => qb.where(where as never))
      .$if(!!q.q, (qb) => qb.where(containsText('organizations.name', q.q as string)))
      .$if(!!q.partyType, (qb) => qb.where('organizations.partyType', '=', q.partyType as string))
      .$if(!!q.lifecycleStatus, (qb) => qb.where('organizations.lifecycleStatus', '=', q.lifecycleStatus as string))
      .$if(!!q.tier, (qb) => qb.where('organizations.tier', '=', q.tier as string))
      .$if(!!q.province, (qb) => qb.where('organizations.province', '=', q.province as string))
      .$if(!!q.ownerId, (qb) => qb.where('organizations.ownerId', '=', q.ownerId as string))
      .$if(!!q.teamId, (qb) => qb.where('organizations.teamId', '=', q.teamId as string))
      .$if(!!q.tag, (qb) => qb.where(hasTag(db, 'organizations.tags', q.tag as string)));
    const rows = await readKeysetPage(keys, q.cursor, q.limit, (after, limit) =>
      orderBy(
        selectSortValues(filtered.selectAll('organizations'), keys).$if(!!after, (qb) => qb.where(after as never)),
        keys,
      )
        .limit(limit)
        .execute(),
    );
    return { rows, ...(q.total ? await cappedCount(db, filtered) : {}) };
  },

  findVisible(db: Db, actor: Actor, id: string, opts: { deleted?: boolean } = {}): Promise<OrganizationRow | undefined> {
    return visible(db, actor, opts).selectAll('organizations').where('organizations.id', '=', id).executeTakeFirst();
  },

  /** Which of `ids` are live organizations inside the actor's scope. */
  async visibleIds(db: Db, actor: Actor, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await visible(db, actor).select('organizations.id').where('organizations.id', 'in', ids).execute();
    return new Set(rows.map((r) => r.id));
  },

  /** Names of live organizations (one query for a whole page of contacts). */
  async namesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', unique).where('deletedAt', 'is', null).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },

  /** Global search learns of the record in the same transaction (as in `update`). */
  async insert(db: Db, row: NewOrganization): Promise<OrganizationRow> {
    const created = await db
      .insertInto('organizations')
      .values({ ...row, ownedSince: row.ownedSince ?? (row.ownerId ? row.createdAt : null), pooledAt: row.ownerId ? null : row.createdAt })
      .returningAll()
      .executeTakeFirstOrThrow();
    await indexParty(db, 'organizations', created);
    return created;
  },

  /**
   * Moves last_activity_at forward (never back) without touching version or updated_at: logging a
   * visit is not an edit of the record, and must not make someone's open form stale.
   */
  async touchActivity(db: Db, ids: string[], at: string): Promise<void> {
    if (ids.length === 0) return;
    await db
      .updateTable('organizations')
      .set({ lastActivityAt: at })
      .where('id', 'in', ids)
      .where((eb) => eb.or([eb('lastActivityAt', 'is', null), eb('lastActivityAt', '<', at)]))
      .execute();
  },

  /** Moves last_deal_at forward (never back), without a version step: winning a deal is not an edit of the customer. */
  async touchDeal(db: Db, id: string, at: string): Promise<void> {
    await db
      .updateTable('organizations')
      .set({ lastDealAt: at })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('lastDealAt', 'is', null), eb('lastDealAt', '<', at)]))
      .execute();
  },

  /**
   * Writes only when the version still matches; undefined means someone else changed it first.
   * A new owner (edit, bulk assign, merge) restarts the pool rule's clock (modules/pool).
   */
  async update(db: Db, id: string, version: number, changes: OrganizationUpdateRow): Promise<OrganizationRow | undefined> {
    const at = changes.updatedAt ?? new Date().toISOString();
    const hold = changes.ownerId === undefined ? {} : { ownedSince: changes.ownerId ? at : null, pooledAt: changes.ownerId ? null : at, poolWarnedAt: null };
    const updated = await db
      .updateTable('organizations')
      .set({ ...changes, ...hold, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    // Edits, deletes, restores and merges all pass here: the search index changes with the row.
    if (updated && touchesSearch(changes)) await indexParty(db, 'organizations', updated);
    return updated;
  },

  async insertTransition(db: Db, row: LifecycleTransitionRow): Promise<void> {
    await db.insertInto('lifecycleTransitions').values(row).execute();
  },

  /** UUIDv7 ids sort by time, so id order is newest-first order. */
  transitionsOf(db: Db, organizationId: string): Promise<LifecycleTransitionRow[]> {
    return db.selectFrom('lifecycleTransitions').selectAll().where('organizationId', '=', organizationId).orderBy('id', 'desc').execute();
  },
};

/**
 * For the tasks module's "no contact in N days" rule (added by the tasks work): owned, live
 * organizations whose tier has a cutoff and whose last contact (creation when never contacted) is
 * before it, in id order after `afterId`. One walk of the primary key per daily run, in batches.
 */
export function staleOwnedOrganizations(db: Db, q: { cutoffs: Partial<Record<string, string>>; afterId: string; limit: number }) {
  const tiers = Object.entries(q.cutoffs).filter((e): e is [string, string] => !!e[1]);
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'ownerId', 'teamId', 'tier'])
    .where('id', '>', q.afterId)
    .where('deletedAt', 'is', null)
    .where('ownerId', 'is not', null)
    .where((eb) =>
      eb.or(
        tiers.map(([tier, before]) =>
          eb.and([eb('tier', '=', tier), eb.or([eb('lastActivityAt', '<', before), eb.and([eb('lastActivityAt', 'is', null), eb('createdAt', '<', before)])])]),
        ),
      ),
    )
    .orderBy('id')
    .limit(q.limit)
    .execute();
}

// ---- Duplicate check (modules/duplicates) ----------------------------------------------------

type DuplicateCandidate = Pick<OrganizationRow, 'id' | 'name' | 'nameKey' | 'ownerId' | 'uscc'>;
const live = (db: Db, excludeId: string | undefined) =>
  db
    .selectFrom('organizations')
    .select(['id', 'name', 'nameKey', 'ownerId', 'uscc'])
    .where('deletedAt', 'is', null)
    .$if(!!excludeId, (qb) => qb.where('id', '<>', excludeId as string));

/**
 * Live organizations for the duplicate check, whatever the actor's scope: the duplicates module
 * shows the visible ones and only counts the rest. Each lookup is an index seek with a limit.
 */
export const organizationDuplicateLookups = {
  byNameKeys: (db: Db, keys: string[], excludeId: string | undefined, limit: number): Promise<DuplicateCandidate[]> =>
    keys.length === 0 ? Promise.resolve([]) : live(db, excludeId).where('nameKey', 'in', keys).limit(limit).execute(),
  /** The nearest keys on both sides of `key` in index order: those sharing the longest prefix with it. */
  async nameKeyNeighbours(db: Db, key: string, excludeId: string | undefined, limit: number): Promise<DuplicateCandidate[]> {
    const above = await live(db, excludeId).where('nameKey', '>', key).orderBy('nameKey').limit(limit).execute();
    const below = await live(db, excludeId).where('nameKey', '<', key).orderBy('nameKey', 'desc').limit(limit).execute();
    return [...above, ...below];
  },
  byUscc: (db: Db, uscc: string, excludeId: string | undefined, limit: number): Promise<DuplicateCandidate[]> =>
    live(db, excludeId).where('uscc', '=', uscc).limit(limit).execute(),
  byIds: (db: Db, ids: string[], excludeId: string | undefined): Promise<DuplicateCandidate[]> =>
    ids.length === 0 ? Promise.resolve([]) : live(db, excludeId).where('id', 'in', ids).execute(),
};
