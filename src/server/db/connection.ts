import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
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

export function dialectOf(url: string): Dialect {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  if (url.startsWith('sqlite:') || url === ':memory:') return 'sqlite';
  throw new Error(`DATABASE_URL must start with sqlite: or postgres://, got "${url}"`);
}

export interface OpenOptions {
  /** PostgreSQL schema to use (tests give each worker its own). */
  schema?: string;
  poolSize?: number;
}

export function openDatabase(url: string, options: OpenOptions = {}): DbHandle {
  const dialect = dialectOf(url);
  const plugins = [new CamelCasePlugin()];
  if (dialect === 'postgres') {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
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
  // The default 2 MB page cache thrashes on a CRM-sized file; memory-map reads as well.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('mmap_size = 268435456');
  // Without statistics the planner sorts whole scopes instead of walking the sort index
  // (bench: 80 ms → 2 ms per page at 100k users). 0x10002 also analyses tables never analysed.
  sqlite.pragma('optimize = 0x10002');
  // SQLite's lower() folds ASCII only; searches must treat "Édouard" and "ÉDOUARD" alike, as PostgreSQL does.
  sqlite.function('lower', { deterministic: true }, (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v) as string | null);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins });
  return { db, dialect, file, sqlite, close: () => db.destroy() };
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
