import { type Insertable, PostgresAdapter, sql, type Updateable } from 'kysely';
import type { TeamListQuery } from '../../../shared/schemas/teams.js';
import type { Db } from '../../db/connection.js';
import type { TeamRow, TeamsTable } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import { afterCursor, orderBy, type SortKey } from '../../platform/pagination.js';
import { scopeFilter } from '../../platform/permissions.js';
import { containsText } from '../../platform/text-match.js';

export const TEAM_SCOPE = { team: 'teams.id' } as const;
export const TEAM_SORT_COLUMNS = { name: 'teams.name', createdAt: 'teams.createdAt', updatedAt: 'teams.updatedAt' };

function visible(db: Db, actor: Actor, { deleted = false } = {}) {
  return db
    .selectFrom('teams')
    .where(scopeFilter(actor, 'teams', TEAM_SCOPE))
    .where('teams.deletedAt', deleted ? 'is not' : 'is', null);
}

export const teamsRepository = {
  async list(db: Db, actor: Actor, q: TeamListQuery, keys: SortKey[]) {
    const filtered = visible(db, actor)
      .$if(!!q.q, (qb) => qb.where(containsText('teams.name', q.q as string)))
      .$if(!!q.parentId, (qb) => qb.where('teams.parentId', '=', q.parentId as string));
    const rows = await orderBy(
      filtered.selectAll('teams').$if(!!q.cursor, (qb) => qb.where(afterCursor(keys, q.cursor as string))),
      keys,
    )
      .limit(q.limit + 1)
      .execute();
    const total = q.total ? Number((await filtered.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) : undefined;
    return { rows, total };
  },

  findVisible(db: Db, actor: Actor, id: string, opts: { deleted?: boolean } = {}): Promise<TeamRow | undefined> {
    return visible(db, actor, opts).selectAll('teams').where('teams.id', '=', id).executeTakeFirst();
  },

  /** Names of teams by id, deleted ones included (an export shows whose team a record was in). */
  async namesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await db.selectFrom('teams').select(['id', 'name']).where('id', 'in', unique).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },

  findById(db: Db, id: string): Promise<TeamRow | undefined> {
    return db.selectFrom('teams').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  },

  insert(db: Db, row: Insertable<TeamsTable>): Promise<TeamRow> {
    return db.insertInto('teams').values(row).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Db, id: string, version: number, changes: Updateable<TeamsTable>): Promise<TeamRow | undefined> {
    return db
      .updateTable('teams')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  /** Moves a subtree: every path under `from` is re-rooted at `to`. */
  async rewritePaths(db: Db, from: string, to: string): Promise<void> {
    await db
      .updateTable('teams')
      .set({ path: sql`${to} || substr(path, ${from.length + 1})` })
      .where('path', 'like', `${from}%`)
      .where('path', '!=', from)
      .execute();
  },

  /**
   * Serialises changes to the tree's shape (moves, deletes, member assignment) for the rest of the
   * transaction. SQLite already runs one writer at a time; PostgreSQL needs an explicit lock.
   */
  async lockTree(trx: Db): Promise<void> {
    if (trx.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(hashtext('guanxi.teams'))`.execute(trx);
  },

  async hasChildren(db: Db, id: string): Promise<boolean> {
    const row = await db.selectFrom('teams').select('id').where('parentId', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
    return !!row;
  },

  async count(db: Db): Promise<number> {
    const r = await db
      .selectFrom('teams')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
};
