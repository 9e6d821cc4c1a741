import type { ModuleKey } from '../../../shared/schemas/permissions.js';
import type { UserListQuery } from '../../../shared/schemas/users.js';
import type { Db } from '../../db/connection.js';
import type { NewUser, UserRow, UserUpdate } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import { afterCursor, orderBy, type SortKey } from '../../platform/pagination.js';
import { scopeFilter } from '../../platform/permissions.js';
import { containsText } from '../../platform/text-match.js';

const MODULE: ModuleKey = 'users';
/** A user "owns" their own record; team scope is the team they belong to. */
export const USER_SCOPE = { owner: 'users.id', team: 'users.teamId' };
export const USER_SORT_COLUMNS = {
  name: 'users.name',
  email: 'users.email',
  createdAt: 'users.createdAt',
  updatedAt: 'users.updatedAt',
};

function visible(db: Db, actor: Actor, { deleted = false } = {}) {
  return db
    .selectFrom('users')
    .where(scopeFilter(actor, MODULE, USER_SCOPE))
    .where('users.deletedAt', deleted ? 'is not' : 'is', null);
}

export const usersRepository = {
  async list(db: Db, actor: Actor, q: UserListQuery, keys: SortKey[]) {
    const filtered = visible(db, actor)
      .$if(!!q.q, (qb) => qb.where((eb) => eb.or([containsText('users.name', q.q as string), containsText('users.email', q.q as string)])))
      .$if(!!q.teamId, (qb) => qb.where('users.teamId', '=', q.teamId as string))
      .$if(!!q.roleId, (qb) => qb.where('users.roleId', '=', q.roleId as string))
      .$if(q.active !== undefined, (qb) => qb.where('users.deactivatedAt', q.active ? 'is' : 'is not', null));
    const rows = await orderBy(
      filtered.selectAll('users').$if(!!q.cursor, (qb) => qb.where(afterCursor(keys, q.cursor as string))),
      keys,
    )
      .limit(q.limit + 1)
      .execute();
    const total = q.total ? Number((await filtered.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) : undefined;
    return { rows, total };
  },

  findVisible(db: Db, actor: Actor, id: string, opts: { deleted?: boolean } = {}): Promise<UserRow | undefined> {
    return visible(db, actor, opts).selectAll('users').where('users.id', '=', id).executeTakeFirst();
  },

  /** The live user with this e-mail (deleted users may share it). */
  findByEmail(db: Db, email: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('email', '=', email).where('deletedAt', 'is', null).executeTakeFirst();
  },

  findById(db: Db, id: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  },

  async insert(db: Db, row: NewUser): Promise<UserRow> {
    return db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
  },

  /** Writes only when the version still matches; undefined means someone else changed it first. */
  async update(db: Db, id: string, version: number, changes: UserUpdate): Promise<UserRow | undefined> {
    return db
      .updateTable('users')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  /** Bookkeeping writes that are not edits of the record (no version bump). */
  async setColumns(db: Db, id: string, changes: Pick<UserUpdate, 'lastLoginAt' | 'passwordHash' | 'updatedAt'>): Promise<void> {
    await db.updateTable('users').set(changes).where('id', '=', id).execute();
  },

  async countByRole(db: Db, roleIds: string[]): Promise<Map<string, number>> {
    if (roleIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('users')
      .select(['roleId', (eb) => eb.fn.countAll().as('n')])
      .where('roleId', 'in', roleIds)
      .where('deletedAt', 'is', null)
      .groupBy('roleId')
      .execute();
    return new Map(rows.map((r) => [r.roleId, Number(r.n)]));
  },

  async countByTeam(db: Db, teamIds: string[]): Promise<Map<string, number>> {
    if (teamIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('users')
      .select(['teamId', (eb) => eb.fn.countAll().as('n')])
      .where('teamId', 'in', teamIds)
      .where('deletedAt', 'is', null)
      .groupBy('teamId')
      .execute();
    return new Map(rows.map((r) => [r.teamId as string, Number(r.n)]));
  },

  async namesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', unique).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },

  async count(db: Db): Promise<number> {
    const r = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
};
