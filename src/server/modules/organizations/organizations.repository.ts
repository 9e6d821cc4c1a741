import type { OrganizationListQuery } from '../../../shared/schemas/customers.js';
import type { ModuleKey } from '../../../shared/schemas/permissions.js';
import type { Db } from '../../db/connection.js';
import type { LifecycleTransitionRow, NewOrganization, OrganizationRow, OrganizationUpdateRow } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import { afterCursor, orderBy, type SortKey } from '../../platform/pagination.js';
import { scopeFilter } from '../../platform/permissions.js';
import { containsText } from '../../platform/text-match.js';
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
  async list(db: Db, actor: Actor, q: OrganizationListQuery, keys: SortKey[]) {
    const filtered = visible(db, actor)
      .$if(!!q.q, (qb) => qb.where(containsText('organizations.name', q.q as string)))
      .$if(!!q.partyType, (qb) => qb.where('organizations.partyType', '=', q.partyType as string))
      .$if(!!q.lifecycleStatus, (qb) => qb.where('organizations.lifecycleStatus', '=', q.lifecycleStatus as string))
      .$if(!!q.tier, (qb) => qb.where('organizations.tier', '=', q.tier as string))
      .$if(!!q.province, (qb) => qb.where('organizations.province', '=', q.province as string))
      .$if(!!q.ownerId, (qb) => qb.where('organizations.ownerId', '=', q.ownerId as string))
      .$if(!!q.teamId, (qb) => qb.where('organizations.teamId', '=', q.teamId as string))
      .$if(!!q.tag, (qb) => qb.where(hasTag(db, 'organizations.tags', q.tag as string)));
    const rows = await orderBy(
      filtered.selectAll('organizations').$if(!!q.cursor, (qb) => qb.where(afterCursor(keys, q.cursor as string))),
      keys,
    )
      .limit(q.limit + 1)
      .execute();
    const total = q.total ? Number((await filtered.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) : undefined;
    return { rows, total };
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

  insert(db: Db, row: NewOrganization): Promise<OrganizationRow> {
    return db.insertInto('organizations').values(row).returningAll().executeTakeFirstOrThrow();
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

  /** Writes only when the version still matches; undefined means someone else changed it first. */
  update(db: Db, id: string, version: number, changes: OrganizationUpdateRow): Promise<OrganizationRow | undefined> {
    return db
      .updateTable('organizations')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  async insertTransition(db: Db, row: LifecycleTransitionRow): Promise<void> {
    await db.insertInto('lifecycleTransitions').values(row).execute();
  },

  /** UUIDv7 ids sort by time, so id order is newest-first order. */
  transitionsOf(db: Db, organizationId: string): Promise<LifecycleTransitionRow[]> {
    return db.selectFrom('lifecycleTransitions').selectAll().where('organizationId', '=', organizationId).orderBy('id', 'desc').execute();
  },
};
