import { type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Column types that differ between the dialects. */
export function types(db: Kysely<unknown>) {
  const pg = isPostgres(db);
  return {
    timestamp: pg ? sql`timestamptz` : sql`text`,
    json: pg ? sql`text` : sql`text`,
  } as const;
}

type Tb = CreateTableBuilder<string, string>;
const notNull = (c: ColumnDefinitionBuilder) => c.notNull();

/** The columns every main table carries: timestamps, author, optimistic version and soft delete. */
export function withAuditColumns(db: Kysely<unknown>, table: Tb): Tb {
  const t = types(db);
  return table
    .addColumn('created_at', t.timestamp, notNull)
    .addColumn('updated_at', t.timestamp, notNull)
    .addColumn('created_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', t.timestamp)
    .addColumn('deleted_by', 'text');
}
