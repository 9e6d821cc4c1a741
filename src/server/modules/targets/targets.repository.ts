import type { TargetListQuery } from '../../../shared/schemas/targets.js';
import type { Db } from '../../db/connection.js';
import type { Actor } from '../../platform/context.js';
import { afterCursor, orderBy, type SortKey } from '../../platform/pagination.js';
import { scopeFilter } from '../../platform/permissions.js';
import type { NewTarget, TargetRow, TargetUpdateRow } from './targets.tables.js';

/**
 * A user's target belongs to that user and the team they were in when it was set; a team's target
 * to the team. "own" scope therefore sees one's own targets, "team" the targets of the team subtree
 * and of its members.
 */
export const TARGET_SCOPE = { owner: 'targets.userId', team: 'targets.teamId' };
export const TARGET_SORT_COLUMNS = {
  periodStart: 'targets.periodStart',
  createdAt: 'targets.createdAt',
  updatedAt: 'targets.updatedAt',
};

function visible(db: Db, actor: Actor, { deleted = false } = {}) {
  return db
    .selectFrom('targets')
    .where(scopeFilter(actor, 'targets', TARGET_SCOPE))
    .where('targets.deletedAt', deleted ? 'is not' : 'is', null);
}

export const targetsRepository = {
  async list(db: Db, actor: Actor, q: TargetListQuery, keys: SortKey[]) {
    const filtered = visible(db, actor)
      .$if(q.year !== undefined, (qb) =>
        qb.where('targets.periodStart', '>=', `${q.year}-01-01`).where('targets.periodStart', '<', `${(q.year as number) + 1}-01-01`),
      )
      .$if(!!q.period, (qb) => qb.where('targets.period', '=', q.period as string))
      .$if(!!q.subjectType, (qb) => qb.where('targets.subjectType', '=', q.subjectType as string))
      .$if(!!q.userId, (qb) => qb.where('targets.userId', '=', q.userId as string))
      .$if(!!q.teamId, (qb) => qb.where('targets.teamId', '=', q.teamId as string))
      .$if(!!q.currency, (qb) => qb.where('targets.currency', '=', q.currency as string));
    const rows = await orderBy(
      filtered.selectAll('targets').$if(!!q.cursor, (qb) => qb.where(afterCursor(keys, q.cursor as string))),
      keys,
    )
      .limit(q.limit + 1)
      .execute();
    const total = q.total ? Number((await filtered.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) : undefined;
    return { rows, total };
  },

  findVisible(db: Db, actor: Actor, id: string, opts: { deleted?: boolean } = {}): Promise<TargetRow | undefined> {
    return visible(db, actor, opts).selectAll('targets').where('targets.id', '=', id).executeTakeFirst();
  },

  /** The live target of the same subject, period and currency, if any (one per combination). */
  findSame(db: Db, t: { subjectType: string; userId: string | null; teamId: string | null; period: string; periodStart: string; currency: string }) {
    return db
      .selectFrom('targets')
      .select('id')
      .where('subjectType', '=', t.subjectType)
      .where(t.subjectType === 'user' ? 'userId' : 'teamId', '=', (t.subjectType === 'user' ? t.userId : t.teamId) as string)
      .$if(t.subjectType === 'team', (qb) => qb.where('userId', 'is', null))
      .where('period', '=', t.period)
      .where('periodStart', '=', t.periodStart)
      .where('currency', '=', t.currency)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
  },

  /** The materialised path of a team, to check it against the actor's targets scope. */
  async teamPath(db: Db, id: string): Promise<string | undefined> {
    const row = await db.selectFrom('teams').select('path').where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
    return row?.path;
  },

  insert(db: Db, row: NewTarget): Promise<TargetRow> {
    return db.insertInto('targets').values(row).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Db, id: string, version: number, changes: TargetUpdateRow): Promise<TargetRow | undefined> {
    return db
      .updateTable('targets')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },
};
