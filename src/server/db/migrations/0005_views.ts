import type { Kysely } from 'kysely';
import { types, withAuditColumns } from './helpers.js';

/** Saved list views (columns, filters, sort, search) of organizations and contacts, personal or shared. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);
  await withAuditColumns(
    db,
    db.schema
      .createTable('saved_views')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      // 0/1: better-sqlite3 cannot bind booleans (see docs/DECISIONS.md).
      .addColumn('shared', 'integer', (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('config', t.json, (c) => c.notNull()),
  ).execute();
  // A user's menu reads "my views of this list" and "shared views of this list": one index each.
  await db.schema.createIndex('saved_views_owner_idx').on('saved_views').columns(['owner_id', 'entity']).execute();
  await db.schema.createIndex('saved_views_shared_idx').on('saved_views').columns(['entity', 'shared']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('saved_views').execute();
}
