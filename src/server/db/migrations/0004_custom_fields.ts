import { type Kysely, sql } from 'kysely';
import { isPostgres, types, withAuditColumns } from './helpers.js';

/**
 * Custom-field definitions and their sections (values live in the records' `custom` JSON, indexed
 * per field when the field is created: see modules/custom-fields/expressions.ts), and indexes for
 * the built-in columns that list views filter and sort on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);
  await withAuditColumns(
    db,
    db.schema
      .createTable('field_groups')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('label_en', 'text', (c) => c.notNull())
      .addColumn('label_zh', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('field_groups_entity_idx').on('field_groups').columns(['entity', 'position']).execute();

  await withAuditColumns(
    db,
    db.schema
      .createTable('custom_fields')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('label_en', 'text', (c) => c.notNull())
      .addColumn('label_zh', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('options', t.json, (c) => c.notNull())
      // 0/1: better-sqlite3 cannot bind booleans (see docs/DECISIONS.md).
      .addColumn('required', 'integer', (c) => c.notNull())
      .addColumn('group_id', 'text', (c) => c.references('field_groups.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('show_in_list', 'integer', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('custom_fields_entity_idx').on('custom_fields').columns(['entity', 'position']).execute();
  // A key names one live field per record type; a deleted field keeps its key so a restore can find its values.
  await sql`create unique index custom_fields_live_key_idx on custom_fields (entity, key) where deleted_at is null`.execute(db);

  for (const [table, prefix, columns] of BUILTIN_LIST_COLUMNS) {
    for (const column of columns) await sortIndex(db, table, `${prefix}_${column}_sort_idx`, column);
  }
}

/**
 * Built-in columns lists filter and sort on, each with an index (column, id): an equality filter is
 * a range of it, a sort walks it and the id makes the keyset cursor exact. Those with an index from
 * 0002 that leads with the column still get this one, for sorting ((col, updated_at, id) does not
 * give id order within a value).
 */
const BUILTIN_LIST_COLUMNS = [
  [
    'organizations',
    'org',
    ['last_activity_at', 'tier', 'industry', 'size', 'source', 'country', 'province', 'city', 'district', 'party_type', 'lifecycle_status'],
  ],
  ['contacts', 'contact', ['last_activity_at', 'tier', 'source', 'country', 'province', 'city', 'district']],
] as const;

/**
 * Empty sorts first ascending and last descending on both databases (SQLite's natural order), so on
 * PostgreSQL the index is declared NULLS FIRST: a forward scan serves "asc nulls first", a backward
 * scan "desc nulls last".
 */
async function sortIndex(db: Kysely<unknown>, table: string, name: string, column: string): Promise<void> {
  const nulls = isPostgres(db) ? sql.raw(' nulls first') : sql.raw('');
  await sql`create index ${sql.id(name)} on ${sql.table(table)} (${sql.id(column)}${nulls}, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The per-field expression indexes live on the record tables, which stay.
  const fields = await sql<{ entity: string; key: string }>`select distinct entity, key from custom_fields`.execute(db);
  for (const f of fields.rows) await db.schema.dropIndex(`cf_${f.entity}_${f.key}`).ifExists().execute();
  for (const [, prefix, columns] of BUILTIN_LIST_COLUMNS) {
    for (const column of columns) await db.schema.dropIndex(`${prefix}_${column}_sort_idx`).ifExists().execute();
  }
  await db.schema.dropTable('custom_fields').execute();
  await db.schema.dropTable('field_groups').execute();
}
