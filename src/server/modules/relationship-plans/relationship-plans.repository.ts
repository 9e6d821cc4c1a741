import type { PlanListQuery } from '../../../shared/schemas/relationship-plans.js';
import type { Db } from '../../db/connection.js';
import type { Actor } from '../../platform/context.js';
import { afterCursor, decodeCursor, encodeCursor, orderBy, type SortKey } from '../../platform/pagination.js';
import { scopeFilter } from '../../platform/permissions.js';
import { ORGANIZATION_SCOPE } from '../organizations/organizations.repository.js';
import type {
  NewPlanTarget,
  NewRelationshipPlan,
  PlanLinkRow,
  PlanTargetRow,
  RelationshipPlanRow,
  RelationshipPlanUpdateRow,
} from './relationship-plans.tables.js';

export const PLAN_SORT_COLUMNS = {
  year: 'relationshipPlans.year',
  updatedAt: 'relationshipPlans.updatedAt',
};
export type LinkKind = 'opportunity' | 'activity' | 'task';

/** A plan is seen through its account: key_accounts scope judged on the organization's owner and team. */
function visible(db: Db, actor: Actor, { deleted = false } = {}) {
  return db
    .selectFrom('relationshipPlans')
    .innerJoin('organizations', 'organizations.id', 'relationshipPlans.organizationId')
    .where('organizations.deletedAt', 'is', null)
    .where(scopeFilter(actor, 'key_accounts', ORGANIZATION_SCOPE))
    .where('relationshipPlans.deletedAt', deleted ? 'is not' : 'is', null);
}

export const relationshipPlansRepository = {
  async list(db: Db, actor: Actor, q: PlanListQuery, keys: SortKey[]) {
    const filtered = visible(db, actor)
      .$if(!!q.organizationId, (qb) => qb.where('relationshipPlans.organizationId', '=', q.organizationId as string))
      .$if(q.year !== undefined, (qb) => qb.where('relationshipPlans.year', '=', q.year as number))
      .$if(!!q.ownerId, (qb) => qb.where('relationshipPlans.ownerId', '=', q.ownerId as string));
    const rows = await orderBy(
      filtered
        .selectAll('relationshipPlans')
        .select('organizations.name as organizationName')
        .$if(!!q.cursor, (qb) => qb.where(afterCursor(keys, q.cursor as string))),
      keys,
    )
      .limit(q.limit + 1)
      .execute();
    const total = q.total ? Number((await filtered.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) : undefined;
    return { rows, total };
  },

  findVisible(db: Db, actor: Actor, id: string, opts: { deleted?: boolean } = {}): Promise<(RelationshipPlanRow & { organizationName: string }) | undefined> {
    return visible(db, actor, opts)
      .selectAll('relationshipPlans')
      .select('organizations.name as organizationName')
      .where('relationshipPlans.id', '=', id)
      .executeTakeFirst();
  },

  /** The live plan of an account for a year, if any (the unique index allows one). */
  findForYear(db: Db, organizationId: string, year: number): Promise<{ id: string } | undefined> {
    return db
      .selectFrom('relationshipPlans')
      .select('id')
      .where('organizationId', '=', organizationId)
      .where('year', '=', year)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
  },

  insert(db: Db, row: NewRelationshipPlan): Promise<RelationshipPlanRow> {
    return db.insertInto('relationshipPlans').values(row).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Db, id: string, version: number, changes: RelationshipPlanUpdateRow): Promise<RelationshipPlanRow | undefined> {
    return db
      .updateTable('relationshipPlans')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  targets(db: Db, planIds: string[]): Promise<PlanTargetRow[]> {
    if (planIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('planTargets').selectAll().where('planId', 'in', planIds).orderBy('planId').orderBy('sortOrder').execute();
  },

  async replaceTargets(db: Db, planId: string, rows: NewPlanTarget[]): Promise<void> {
    await db.deleteFrom('planTargets').where('planId', '=', planId).execute();
    if (rows.length > 0) await db.insertInto('planTargets').values(rows).execute();
  },

  links(db: Db, planId: string): Promise<PlanLinkRow[]> {
    return db.selectFrom('planLinks').selectAll().where('planId', '=', planId).orderBy('createdAt').orderBy('targetId').execute();
  },

  async replaceLinks(db: Db, planId: string, kind: LinkKind, ids: string[], at: string): Promise<void> {
    await db.deleteFrom('planLinks').where('planId', '=', planId).where('kind', '=', kind).execute();
    if (ids.length > 0)
      await db
        .insertInto('planLinks')
        .values(ids.map((targetId) => ({ planId, kind, targetId, createdAt: at })))
        .execute();
  },
};

/** Plans in the recycle bin whose account the actor may see, newest deletion first (titled by account and year). */
export async function deletedPlans(db: Db, actor: Actor, page: { limit: number; cursor?: string }) {
  let q = visible(db, actor, { deleted: true }).select([
    'relationshipPlans.id as id',
    'organizations.name as organizationName',
    'relationshipPlans.year as year',
    'relationshipPlans.deletedAt as deletedAt',
    'relationshipPlans.deletedBy as deletedBy',
  ]);
  if (page.cursor) {
    const [at, id] = decodeCursor(page.cursor, 2) as string[];
    q = q.where((eb) =>
      eb.or([eb('relationshipPlans.deletedAt', '<', at), eb.and([eb('relationshipPlans.deletedAt', '=', at), eb('relationshipPlans.id', '<', id)])]),
    );
  }
  const rows = await q
    .orderBy('relationshipPlans.deletedAt', 'desc')
    .orderBy('relationshipPlans.id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const items = rows
    .slice(0, page.limit)
    .map((r) => ({ id: r.id, title: `${r.organizationName} · ${r.year}`, deletedAt: r.deletedAt as string, deletedBy: r.deletedBy }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > page.limit ? encodeCursor([last.deletedAt, last.id]) : null };
}
