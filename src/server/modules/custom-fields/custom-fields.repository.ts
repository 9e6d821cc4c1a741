import { compiledQuery } from '../../db/compiled.js';
import type { Db } from '../../db/connection.js';
import type { CustomFieldRow, CustomFieldsTable, FieldGroupRow, FieldGroupsTable } from '../../db/schema.js';
import { decodeCursor, encodeCursor } from '../../platform/pagination.js';

type Table = 'customFields' | 'fieldGroups';
type NewField = Omit<CustomFieldsTable, 'version'> & { version: number };
type NewGroup = Omit<FieldGroupsTable, 'version'> & { version: number };

/** One record type's fields: read on every GET and list of records with custom values, so compiled once. */
const liveFieldsOf = compiledQuery((db: Db, _: null, entity: string) =>
  db.selectFrom('customFields').selectAll().where('entity', '=', entity).where('deletedAt', 'is', null).orderBy('entity').orderBy('position').orderBy('id'),
);

const liveGroupsOf = compiledQuery((db: Db, _: null, entity: string) =>
  db.selectFrom('fieldGroups').selectAll().where('entity', '=', entity).where('deletedAt', 'is', null).orderBy('entity').orderBy('position').orderBy('id'),
);

export const customFieldsRepository = {
  /** Live fields of the given record types, in form order. */
  liveFields(db: Db, entities: string[]): Promise<CustomFieldRow[]> {
    if (entities.length === 0) return Promise.resolve([]);
    if (entities.length === 1) return liveFieldsOf(db, '', null, entities[0]);
    return db
      .selectFrom('customFields')
      .selectAll()
      .where('entity', 'in', entities)
      .where('deletedAt', 'is', null)
      .orderBy('entity')
      .orderBy('position')
      .orderBy('id')
      .execute();
  },

  liveGroups(db: Db, entities: string[]): Promise<FieldGroupRow[]> {
    if (entities.length === 0) return Promise.resolve([]);
    if (entities.length === 1) return liveGroupsOf(db, '', null, entities[0]);
    return db
      .selectFrom('fieldGroups')
      .selectAll()
      .where('entity', 'in', entities)
      .where('deletedAt', 'is', null)
      .orderBy('entity')
      .orderBy('position')
      .orderBy('id')
      .execute();
  },

  findField(db: Db, id: string, { deleted = false } = {}): Promise<CustomFieldRow | undefined> {
    return db
      .selectFrom('customFields')
      .selectAll()
      .where('id', '=', id)
      .where('deletedAt', deleted ? 'is not' : 'is', null)
      .executeTakeFirst();
  },

  findGroup(db: Db, id: string, { deleted = false } = {}): Promise<FieldGroupRow | undefined> {
    return db
      .selectFrom('fieldGroups')
      .selectAll()
      .where('id', '=', id)
      .where('deletedAt', deleted ? 'is not' : 'is', null)
      .executeTakeFirst();
  },

  /** Fields (live or deleted) of a record type that use `key`. */
  fieldsWithKey(db: Db, entity: string, key: string): Promise<CustomFieldRow[]> {
    return db.selectFrom('customFields').selectAll().where('entity', '=', entity).where('key', '=', key).execute();
  },

  /** The position after the last live row of the record type: new fields and groups go to the end. */
  async nextPosition(db: Db, table: Table, entity: string): Promise<number> {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.max('position').as('max'))
      .where('entity', '=', entity)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
  },

  insertField(db: Db, row: NewField): Promise<CustomFieldRow> {
    return db.insertInto('customFields').values(row).returningAll().executeTakeFirstOrThrow();
  },

  insertGroup(db: Db, row: NewGroup): Promise<FieldGroupRow> {
    return db.insertInto('fieldGroups').values(row).returningAll().executeTakeFirstOrThrow();
  },

  /** Writes only when the version still matches; undefined means someone else changed it first. */
  updateField(db: Db, id: string, version: number, changes: Partial<CustomFieldsTable>): Promise<CustomFieldRow | undefined> {
    return db
      .updateTable('customFields')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  updateGroup(db: Db, id: string, version: number, changes: Partial<FieldGroupsTable>): Promise<FieldGroupRow | undefined> {
    return db
      .updateTable('fieldGroups')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  /** Which of `ids` are users that are not deleted (a user field may name a deactivated colleague). */
  async existingUserIds(db: Db, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await db.selectFrom('users').select('id').where('id', 'in', ids).where('deletedAt', 'is', null).execute();
    return new Set(rows.map((r) => r.id));
  },

  /** Deleted fields or groups for the recycle bin, newest deletion first, keyset-paged. */
  async listDeleted(db: Db, table: Table, page: { limit: number; cursor?: string }) {
    let q = db
      .selectFrom(table as 'customFields')
      .select(['id', 'labelEn', 'labelZh', 'deletedAt', 'deletedBy'])
      .$if(table === 'customFields', (qb) => qb.select('key'))
      .where('deletedAt', 'is not', null);
    if (page.cursor) {
      const [at, id] = decodeCursor(page.cursor, 2);
      q = q.where((eb) => eb.or([eb('deletedAt', '<', at as string), eb.and([eb('deletedAt', '=', at as string), eb('id', '<', id as string)])]));
    }
    const rows = await q
      .orderBy('deletedAt', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
      .execute();
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > page.limit ? encodeCursor([last.deletedAt as string, last.id]) : null };
  },
};
