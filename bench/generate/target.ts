import path from 'node:path';
import { type Dialect, dialectOf } from '../../src/server/db/connection.js';

/**
 * Where the data set of a scale lives, so it is generated once and benchmarked many times:
 * data/bench/<scale>.db (git-ignored) for SQLite unless --db names a file; on PostgreSQL the schema
 * bench_<scale> of the given database.
 */
export interface Target {
  dialect: Dialect;
  /** For openDatabase(). */
  url: string;
  schema?: string;
  /** DATABASE_URL for a server process: on PostgreSQL the schema travels as a connection option. */
  serverUrl: string;
  label: string;
}

export function parseScale(s: string): number {
  const m = /^(\d+)([km]?)$/i.exec(s);
  if (!m || Number(m[1]) === 0) throw new Error(`--scale must look like 10k, 100k or 1m, got "${s}"`);
  return Number(m[1]) * ({ '': 1, k: 1000, m: 1_000_000 } as Record<string, number>)[m[2].toLowerCase()];
}

export function targetOf(scale: string, db: string | undefined): Target {
  if (db && dialectOf(db) === 'postgres') {
    const schema = `bench_${scale.toLowerCase()}`;
    const u = new URL(db);
    u.searchParams.set('options', `-c search_path=${schema}`);
    return { dialect: 'postgres', url: db, schema, serverUrl: u.toString(), label: `${u.host}${u.pathname} schema ${schema}` };
  }
  const file = path.resolve(db ? db.replace(/^sqlite:/, '') : `data/bench/${scale.toLowerCase()}.db`);
  return { dialect: 'sqlite', url: `sqlite:${file}`, serverUrl: `sqlite:${file}`, label: path.relative(process.cwd(), file) };
}
