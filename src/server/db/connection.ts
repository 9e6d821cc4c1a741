import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type PgModule from 'pg';
import { lazyRequire } from '../platform/lazy-require.js';
import { checkpointInBackground } from './checkpointer.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  dialect: Dialect;
  /** The SQLite file path (undefined for PostgreSQL or an in-memory database). */
  file?: string;
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

// pg is loaded only when a PostgreSQL database is opened: a SQLite server need not pay for it at start.
const pgModule = lazyRequire<typeof PgModule>('pg');
let typesSet = false;
function loadPg(): typeof PgModule {
  const pg = pgModule();
  if (typesSet) return pg;
  typesSet = true;
  // timestamptz / timestamp come back as ISO strings so both dialects hand the app the same values.
  // PostgreSQL prints "2026-11-23 20:07:07.123+00"; JavaScript wants "T" and a "+00:00" offset.
  const toIso = (v: string) => new Date(v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();
  pg.types.setTypeParser(1184, toIso);
  pg.types.setTypeParser(1114, (v) => toIso(`${v}Z`));
  // COUNT(*) is bigint; our counts fit comfortably in a JS number.
  pg.types.setTypeParser(20, (v) => Number(v));
  // jsonb (custom-field values) comes back as its JSON text, as SQLite's text column does: parsed into
  // an object, the CamelCasePlugin would rename the snake_case keys inside it.
  pg.types.setTypeParser(3802, (v) => v);
  return pg;
}

/** SQL texts run as named prepared statements on PostgreSQL, with their names. */
const preparedNames = new Map<string, string>();
/** A bound on the statements each pooled connection keeps on the server. */
const MOST_PREPARED = 1000;

/**
 * Marks a SQL text as hot: on PostgreSQL it then runs as a named prepared statement, planned once per
 * connection instead of on every call (planning the search statement took ~3 ms against ~1 ms to run
 * it, BENCHMARKS.md). For the few compiled shapes of `compiledQuery` and the search, not for
 * arbitrary SQL: every name stays prepared on each connection for its lifetime.
 */
export function markHot(sqlText: string): void {
  if (preparedNames.has(sqlText) || preparedNames.size >= MOST_PREPARED) return;
  preparedNames.set(sqlText, `guanxi_${preparedNames.size + 1}`);
}

function usePreparedStatements(client: PgModule.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, values?: unknown) => {
    const name = typeof text === 'string' ? preparedNames.get(text) : undefined;
    return name ? query({ name, text, values }) : values === undefined ? query(text) : query(text, values);
  };
}

export function dialectOf(url: string): Dialect {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  if (url.startsWith('sqlite:') || url === ':memory:') return 'sqlite';
  throw new Error(`DATABASE_URL must start with sqlite: or postgres://, got "${url}"`);
}

export interface OpenOptions {
  /** PostgreSQL schema to use (tests give each worker its own). */
  schema?: string;
  poolSize?: number;
  /** SQLite file: checkpoint the write-ahead log from a background thread (the server; see checkpointer.ts). */
  backgroundCheckpoints?: boolean;
}

function megabytes(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number of megabytes, got "${value}"`);
  return n;
}

export function openDatabase(url: string, options: OpenOptions = {}): DbHandle {
  const dialect = dialectOf(url);
  const plugins = [new CamelCasePlugin()];
  if (dialect === 'postgres') {
    const pg = loadPg();
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    pool.on('connect', usePreparedStatements);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, dialect, close: () => db.destroy() };
  }
  const rawPath = url === ':memory:' ? ':memory:' : url.slice('sqlite:'.length);
  const file = rawPath === ':memory:' ? undefined : path.resolve(rawPath);
  if (file) fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file ?? ':memory:');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Several app processes (CLI + server) may share the file; wait for the writer instead of failing.
  sqlite.pragma('busy_timeout = 5000');
  // The default 2 MB page cache thrashes on a CRM-sized file. Memory-mapping the file is off by default:
  // mapped pages count in the server's RSS (up to the whole map, 256 MB at 100k) and searches at 100k ran
  // no faster with it than through the page cache (BENCHMARKS.md, finding 7). SQLITE_CACHE_MB and
  // SQLITE_MMAP_MB set both.
  sqlite.pragma(`cache_size = ${-1024 * megabytes('SQLITE_CACHE_MB', 64)}`);
  sqlite.pragma(`mmap_size = ${1024 * 1024 * megabytes('SQLITE_MMAP_MB', 0)}`);
  // Without statistics the planner sorts whole scopes instead of walking the sort index
  // (bench: 80 ms → 2 ms per page at 100k users). 0x10002 also analyses tables never analysed.
  sqlite.pragma('optimize = 0x10002');
  // SQLite's lower() folds ASCII only; searches must treat "Édouard" and "ÉDOUARD" alike, as PostgreSQL does.
  sqlite.function('lower', { deterministic: true }, (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v) as string | null);
  const stopCheckpoints = file && options.backgroundCheckpoints ? checkpointInBackground(sqlite, file) : undefined;
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins });
  const close = async () => {
    await stopCheckpoints?.();
    await db.destroy();
  };
  return { db, dialect, file, sqlite, close };
}

/** Enough for every distinct query the app sends (a few hundred) with room for filter combinations. */
const STATEMENT_CACHE_SIZE = 2000;

/**
 * Kysely's SQLite driver prepares every query anew; preparing was 6–11 % of a list request in the
 * profiles (BENCHMARKS.md, finding 2). The app sends the same few hundred SQL texts with different
 * parameters, so prepared statements are kept by SQL text (least recently used dropped first).
 * Reusing one is safe: Kysely runs one query at a time on its single SQLite connection, a stream
 * included, and SQLite re-prepares a cached statement itself after a schema change.
 */
function withStatementCache(sqlite: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(query: string): SQLite.Statement {
      const hit = cache.get(query);
      if (hit) {
        cache.delete(query);
        cache.set(query, hit);
        return hit;
      }
      const statement = sqlite.prepare(query);
      cache.set(query, statement);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      return statement;
    },
  };
}
