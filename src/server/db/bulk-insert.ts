import { CompiledQuery } from 'kysely';
import type { Db } from './connection.js';
import type { Database } from './schema.js';

/**
 * Multi-row INSERTs for bulk writers (imports, the search backfill). Kysely builds and compiles an
 * operation tree for every statement, and for a 1,000-row INSERT that cost more than SQLite's own
 * work (import profile, BENCHMARKS.md). Here Kysely compiles the SQL of a shape (table, columns,
 * row count) once, so identifiers, placeholders and plugins are the dialect's, and the text is reused
 * with new parameters; SQLite's statement cache (connection.ts) then reuses the prepared statement.
 * Row counts are powers of two up to the statement's limit, so a writer only ever sends a few texts.
 */

/** Parameters per statement: far below SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 8192;

const texts = new WeakMap<object, Map<string, string>>();

function sqlFor(db: Db, table: string, columns: readonly string[], rows: number): string {
  // One cache per dialect adapter: the text differs between SQLite and PostgreSQL.
  const adapter = db.getExecutor().adapter;
  let byShape = texts.get(adapter);
  if (!byShape) {
    byShape = new Map();
    texts.set(adapter, byShape);
  }
  const key = `${table}(${columns.join(',')})×${rows}`;
  let text = byShape.get(key);
  if (text === undefined) {
    const row = Object.fromEntries(columns.map((c) => [c, null]));
    text = db
      .insertInto(table as keyof Database)
      .values(Array.from({ length: rows }, () => row) as never)
      .compile().sql;
    byShape.set(key, text);
  }
  return text;
}

/** The largest power of two not above n (n ≥ 1). */
const floorPow2 = (n: number) => 2 ** Math.floor(Math.log2(n));

/** Inserts `rows` (each a list of values in `columns` order) in as few statements as the parameter limit allows. */
export async function insertRows<T extends keyof Database & string>(
  db: Db,
  table: T,
  columns: readonly (keyof Database[T] & string)[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  const most = floorPow2(Math.max(1, Math.floor(MAX_PARAMETERS / columns.length)));
  for (let i = 0; i < rows.length; ) {
    const n = Math.min(most, floorPow2(rows.length - i));
    const parameters: unknown[] = [];
    for (let r = i; r < i + n; r++) for (const v of rows[r]) parameters.push(v);
    await db.executeQuery(CompiledQuery.raw(sqlFor(db, table, columns, n), parameters));
    i += n;
  }
}

/**
 * insertRows for rows given as objects, with Kysely's meaning of `undefined` (the column is left out);
 * rows must agree on their columns, since one statement cannot leave a column out for some rows only.
 */
export async function insertObjects<T extends keyof Database & string>(db: Db, table: T, objects: readonly object[]): Promise<void> {
  if (objects.length === 0) return;
  const columns = Object.keys(objects[0]).filter((k) => (objects[0] as Record<string, unknown>)[k] !== undefined);
  const rows = objects.map((o) => {
    const values = columns.map((c) => (o as Record<string, unknown>)[c]);
    let given = 0;
    for (const v of Object.values(o)) if (v !== undefined) given++;
    if (given !== columns.length || values.includes(undefined)) throw new Error(`insertObjects(${table}): rows have different columns`);
    return values;
  });
  await insertRows(db, table, columns as (keyof Database[T] & string)[], rows);
}
