import type { Insertable, Updateable } from 'kysely';
import type { RoleListQuery } from '../../../shared/schemas/roles.js';
import type { Db } from '../../db/connection.js';
import type { RoleRow, RolesTable } from '../../db/schema.js';
import { afterCursor, orderBy, type SortKey } from '../../platform/pagination.js';
import { containsText } from '../../platform/text-match.js';

export const ROLE_SORT_COLUMNS = { name: 'roles.name', createdAt: 'roles.createdAt', updatedAt: 'roles.updatedAt' };

// Roles are organisation-wide configuration: anyone allowed to read roles sees all of them.
const live = (db: Db, { deleted = false } = {}) => db.selectFrom('roles').where('roles.deletedAt', deleted ? 'is not' : 'is', null);

export const rolesRepository = {
  async list(db: Db, q: RoleListQuery, keys: SortKey[]) {
    const filtered = live(db).$if(!!q.q, (qb) => qb.where(containsText('roles.name', q.q as string)));
    const rows = await orderBy(
      filtered.selectAll('roles').$if(!!q.cursor, (qb) => qb.where(afterCursor(keys, q.cursor as string))),
      keys,
    )
      .limit(q.limit + 1)
      .execute();
    const total = q.total ? Number((await filtered.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) : undefined;
    return { rows, total };
  },

  find(db: Db, id: string, opts: { deleted?: boolean } = {}): Promise<RoleRow | undefined> {
    return live(db, opts).selectAll('roles').where('roles.id', '=', id).executeTakeFirst();
  },

  findBuiltin(db: Db, key: string): Promise<RoleRow | undefined> {
    return db.selectFrom('roles').selectAll().where('builtinKey', '=', key).executeTakeFirst();
  },

  insert(db: Db, row: Insertable<RolesTable>): Promise<RoleRow> {
    return db.insertInto('roles').values(row).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Db, id: string, version: number, changes: Updateable<RolesTable>): Promise<RoleRow | undefined> {
    return db
      .updateTable('roles')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },
};
