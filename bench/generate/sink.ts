import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type pg from 'pg';
import type { DbHandle } from '../../src/server/db/connection.js';

/**
 * Bulk loading below Kysely: generated rows go straight to the driver, in transactions of about
 * COMMIT_EVERY rows so a million-row load neither holds one giant transaction nor pays a commit per
 * row. SQLite runs one reused prepared INSERT per row (better-sqlite3's fastest path); PostgreSQL gets
 * BATCH rows per statement as one array per column, expanded by unnest() (one round trip, one plan).
 */

const COMMIT_EVERY = 200_000;
const BATCH = 5_000;

export interface TableWriter {
  /** Values in the order of the columns given to `table()`. */
  push(values: unknown[]): Promise<void>;
}

/**
 * Secondary indexes of the loaded tables are dropped before the load and made again after it from
 * their own stored definitions (sqlite_master.sql, pg_indexes.indexdef), so they end up exactly as
 * the migrations and the custom-fields service made them; building an index once over sorted data
 * is several times faster than updating it row by row. Primary keys stay.
 */
async function deferIndexes(handle: DbHandle, tables: string[]): Promise<() => Promise<void>> {
  const list = sql.join(tables.map((t) => sql.lit(t)));
  const { rows } =
    handle.dialect === 'postgres'
      ? await sql<{ name: string; ddl: string }>`
          select indexname as name, indexdef as ddl from pg_indexes
          where schemaname = current_schema() and tablename in (${list})
            and indexname not in (select conname from pg_constraint where connamespace = current_schema()::regnamespace)`.execute(handle.db)
      : await sql<{ name: string; ddl: string }>`
          select name, sql as ddl from sqlite_master where type = 'index' and sql is not null and tbl_name in (${list})`.execute(handle.db);
  for (const ix of rows) await sql`drop index ${sql.id(ix.name)}`.execute(handle.db);
  return async () => {
    for (const ix of rows) await sql.raw(ix.ddl).execute(handle.db);
  };
}

export interface Sink {
  table(name: string, columns: string[]): Promise<TableWriter>;
  /** Flushes every table and commits. */
  finish(): Promise<void>;
  /** Rows written so far, all tables. */
  readonly rows: number;
}

export async function sqliteSink(handle: DbHandle, tables: string[]): Promise<Sink> {
  const db = handle.sqlite as SQLite.Database;
  const restoreIndexes = await deferIndexes(handle, tables);
  // A throw-away load: losing it to a power cut means running the generator again.
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  let rows = 0;
  let pending = 0;
  db.exec('BEGIN');
  const sink: Sink = {
    get rows() {
      return rows;
    },
    async table(name, columns) {
      const st = db.prepare(`INSERT INTO ${name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      return {
        async push(values) {
          st.run(values);
          rows++;
          if (++pending >= COMMIT_EVERY) {
            db.exec('COMMIT; BEGIN');
            pending = 0;
          }
        },
      };
    },
    async finish() {
      db.exec('COMMIT');
      await restoreIndexes();
      db.pragma('synchronous = NORMAL');
    },
  };
  return sink;
}

export async function postgresSink(handle: DbHandle, client: pg.Client, tables: string[]): Promise<Sink> {
  const restoreIndexes = await deferIndexes(handle, tables);
  let rows = 0;
  let pending = 0;
  const buffers: { flush: () => Promise<void> }[] = [];
  await client.query('BEGIN');
  // A child row may only go out after its parent: a full buffer flushes every table, parents first
  // (tables are opened parents first), since foreign keys are checked per statement.
  const flushAll = async () => {
    for (const b of buffers) await b.flush();
  };
  const commitIfDue = async () => {
    if (pending < COMMIT_EVERY) return;
    await client.query('COMMIT');
    await client.query('BEGIN');
    pending = 0;
  };
  return {
    get rows() {
      return rows;
    },
    async table(name, columns) {
      // Array parameters need the element type: read it from the catalog, as the migrations made it.
      const { rows: types } = await sql<{ col: string; typ: string }>`
        select column_name as col, udt_name as typ from information_schema.columns
        where table_schema = current_schema() and table_name = ${name}`.execute(handle.db);
      const typeOf = new Map(types.map((t) => [t.col, t.typ]));
      const casts = columns.map((c, i) => {
        const t = typeOf.get(c);
        if (!t) throw new Error(`${name}.${c} does not exist`);
        return `$${i + 1}::${t}[]`;
      });
      const text = `INSERT INTO ${name} (${columns.join(', ')}) SELECT * FROM unnest(${casts.join(', ')})`;
      let cols: unknown[][] = columns.map(() => []);
      let count = 0;
      const flush = async () => {
        if (count === 0) return;
        const params = cols;
        cols = columns.map(() => []);
        count = 0;
        await client.query(text, params);
      };
      buffers.push({ flush });
      return {
        async push(values) {
          for (let i = 0; i < values.length; i++) cols[i].push(values[i]);
          rows++;
          pending++;
          if (++count >= BATCH) {
            await flushAll();
            await commitIfDue();
          }
        },
      };
    },
    async finish() {
      await flushAll();
      await client.query('COMMIT');
      await restoreIndexes();
    },
  };
}

/** Counts rows and writes nothing: `bench:data --dry-run` checks the generator's own time and memory at a scale. */
export function nullSink(): Sink {
  let rows = 0;
  return {
    get rows() {
      return rows;
    },
    async table() {
      return {
        async push() {
          rows++;
        },
      };
    },
    async finish() {},
  };
}
