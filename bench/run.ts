/**
 * npm run bench -- [--scale 10k|100k] [--db postgres://…|sqlite:path]
 *
 * Seeds a fresh database, then times the users list through the real app (app.inject, bearer
 * session, sales manager with team scope) next to the same SQL run raw on the driver. See BENCHMARKS.md.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { type DbHandle, dialectOf, openDatabase } from '../src/server/db/connection.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { rolesService } from '../src/server/modules/roles/roles.service.js';
import { hashPassword } from '../src/server/platform/auth/password.js';
import { createSession } from '../src/server/platform/auth/sessions.js';
import { decodeCursor } from '../src/server/platform/pagination.js';
import { BUILTIN_ROLE_KEYS, type BuiltinRoleKey } from '../src/shared/schemas/permissions.js';
import { generate, insert } from './data.js';
import { ms, time } from './measure.js';

const RUNS = 200;
const WARMUP = 20;
const LIMIT = 50;
/** The deep page is the one after this many pages, reached by following nextCursor. */
const DEEP = 20;

interface Bench {
  handle: DbHandle;
  /** Runs SQL written with ? placeholders straight on the driver: no Kysely, no app. */
  raw(text: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** A fresh SQLite file: a temporary one (removed at the end) unless a path is given (kept for inspection). */
function openSqlite(url: string | undefined): Bench {
  if (url && !url.startsWith('sqlite:')) throw new Error('--db takes postgres://… or sqlite:<path of a new file>');
  const dir = url ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-bench-'));
  const file = url ? url.slice('sqlite:'.length) : path.join(dir as string, 'bench.db');
  if (fs.existsSync(file)) throw new Error(`${file} exists; the benchmark wants a fresh database`);
  const handle = openDatabase(`sqlite:${file}`);
  const sqlite = handle.sqlite as SQLite.Database;
  // Prepared once and reused: the fastest way better-sqlite3 can answer.
  const statements = new Map<string, SQLite.Statement>();
  return {
    handle,
    async raw(text, params) {
      const st = statements.get(text) ?? sqlite.prepare(text);
      statements.set(text, st);
      return st.all(...params) as Record<string, unknown>[];
    },
    async close() {
      await handle.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh schema in the given database, dropped at the end. */
async function openPostgres(url: string): Promise<Bench> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const handle = openDatabase(url, { schema });
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  return {
    handle,
    async raw(text, params) {
      let n = 0;
      // Unnamed statements, as Kysely sends them, so both sides get the same planning.
      const numbered = text.replace(/\?/g, () => `$${++n}`);
      return (await client.query(numbered, params)).rows;
    },
    async close() {
      await client.end();
      await handle.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}

function parseScale(s: string): number {
  const m = /^(\d+)(k?)$/i.exec(s);
  if (!m || Number(m[1]) === 0) throw new Error(`--scale must look like 10k or 100k, got "${s}"`);
  return Number(m[1]) * (m[2] ? 1000 : 1);
}

function machine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    // not Linux: keep what os.cpus() said
  }
  return {
    cpu,
    // What `nproc` prints: the CPUs this process may run on.
    nproc: os.availableParallelism(),
    memGiB: Math.round(os.totalmem() / 2 ** 29) / 2,
    node: process.version,
    // Other work on the box skews the tails; this says how busy it was when the run started.
    loadAvg1m: Number(os.loadavg()[0].toFixed(2)),
  };
}

// The app's users list for a team-scoped actor, written by hand: the same WHERE (own record, or a
// team in the actor's subtree; not deleted), the same keyset predicate and ORDER BY, all columns.
const SCOPE = `(id = ? OR team_id IN (SELECT id FROM teams WHERE path LIKE ?)) AND deleted_at IS NULL`;
const ORDER = `ORDER BY updated_at DESC, id DESC LIMIT ${LIMIT + 1}`;
const FIRST_PAGE = `SELECT * FROM users WHERE ${SCOPE} ${ORDER}`;
const AFTER_CURSOR = `SELECT * FROM users WHERE ${SCOPE} AND (updated_at < ? OR (updated_at = ? AND id < ?)) ${ORDER}`;
const COUNT = `SELECT count(*) AS n FROM users WHERE ${SCOPE}`;

interface Row {
  name: string;
  p50: number;
  p95: number;
  p99: number;
  baselineP50: number;
  ratio: number;
}

async function main() {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '10k' }, db: { type: 'string' } } });
  const scale = values.scale.toLowerCase();
  const count = parseScale(scale);
  const dialect = values.db ? dialectOf(values.db) : 'sqlite';
  const bench = dialect === 'postgres' ? await openPostgres(values.db as string) : openSqlite(values.db);
  const box = machine();

  try {
    const version = (await bench.raw(dialect === 'postgres' ? 'SHOW server_version' : 'SELECT sqlite_version() AS v', []))[0];
    const database = `${dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'} ${Object.values(version)[0]}`;
    console.log(`Machine: ${box.cpu}, ${box.nproc} CPUs, ${box.memGiB} GiB, Node ${box.node}, load ${box.loadAvg1m}; ${database}, ${count} users`);
    const { db } = bench.handle;
    await migrateToLatest(db);
    await rolesService.ensureBuiltinRoles(db);
    const roleIds = {} as Record<BuiltinRoleKey, string>;
    for (const key of BUILTIN_ROLE_KEYS) roleIds[key] = (await rolesService.builtinId(db, key)) as string;
    // One real scrypt hash shared by everyone: realistic row width without hashing N times.
    const data = generate(count, roleIds, await hashPassword('bench-password'));

    const t0 = performance.now();
    const rows = await insert(db, data);
    const seedSeconds = (performance.now() - t0) / 1000;
    const rowsPerSec = Math.round(rows / seedSeconds);
    console.log(`Seeded ${rows} rows in ${seedSeconds.toFixed(2)} s (${rowsPerSec} rows/s)`);
    // A running app has statistics: PostgreSQL's autovacuum analyzes a bulk load within a minute, and
    // the app runs PRAGMA optimize on SQLite at start and hourly. Do it now so every run plans alike.
    if (dialect === 'postgres') await sql`analyze`.execute(db);
    else bench.handle.sqlite?.pragma('optimize = 0x10002');

    const config = { ...loadConfig({}), webDist: '/nonexistent' };
    // No request logging: pino writing every request would be timed too and drown the table.
    const app = await buildApp({ config, database: bench.handle, logger: false });
    await app.ready();
    const { token } = await createSession(db, config, data.manager.id, { ip: null, userAgent: 'bench' });

    const get = async (url: string) => {
      const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}: ${res.body}`);
      return res;
    };
    const list = `/api/users?sort=-updatedAt&limit=${LIMIT}`;
    const after = (cursor: string) => `${list}&cursor=${encodeURIComponent(cursor)}`;
    let cursor = '';
    for (let i = 0; i < DEEP; i++) {
      const next = (await get(cursor ? after(cursor) : list)).json().nextCursor as string | null;
      if (!next) throw new Error(`Only ${i + 1} pages visible to the manager; use a bigger --scale`);
      cursor = next;
    }
    const [updatedAt, id] = decodeCursor(cursor, 2);
    const scope = [data.manager.id, `${data.manager.teamPath}%`];
    const visible = Number((await bench.raw(COUNT, scope))[0].n);

    const cases = [
      { name: 'first page', url: list, sql: FIRST_PAGE, params: scope, total: false },
      { name: `page ${DEEP + 1}`, url: after(cursor), sql: AFTER_CURSOR, params: [...scope, updatedAt, updatedAt, id], total: false },
    ].flatMap((c) => [c, { ...c, name: `${c.name} +total`, url: `${c.url}&total=true`, total: true }]);

    const results: Row[] = [];
    for (const c of cases) {
      // The baseline must be the same page, or the ratio means nothing.
      const body = (await get(c.url)).json() as { items: { id: string }[]; total?: number };
      const rawIds = (await bench.raw(c.sql, c.params)).slice(0, LIMIT).map((r) => r.id);
      if (JSON.stringify(body.items.map((u) => u.id)) !== JSON.stringify(rawIds)) throw new Error(`${c.name}: baseline returns another page`);
      if (c.total && body.total !== visible) throw new Error(`${c.name}: total ${body.total}, baseline ${visible}`);

      const viaApp = await time(() => get(c.url), { runs: RUNS, warmup: WARMUP });
      const base = await time(
        async () => {
          await bench.raw(c.sql, c.params);
          if (c.total) await bench.raw(COUNT, scope);
        },
        { runs: RUNS, warmup: WARMUP },
      );
      results.push({
        name: c.name,
        p50: ms(viaApp.p50),
        p95: ms(viaApp.p95),
        p99: ms(viaApp.p99),
        baselineP50: ms(base.p50),
        ratio: ms(viaApp.p50 / base.p50),
      });
    }
    await app.close();

    console.log(
      `\nGET /api/users?sort=-updatedAt&limit=${LIMIT} as a sales manager seeing ${visible} of ${count} users; ${RUNS} runs after ${WARMUP} warm-ups, ms`,
    );
    console.table(results.map(({ name, ...r }) => ({ name, p50: r.p50, p95: r.p95, p99: r.p99, 'baseline p50': r.baselineP50, ratio: r.ratio })));

    const out = {
      scale,
      dialect,
      date: new Date().toISOString().slice(0, 10),
      machine: box,
      database,
      dataset: { users: count, teams: data.teams.length, visibleToManager: visible },
      seed: { rows, seconds: Number(seedSeconds.toFixed(2)), rowsPerSec },
      runs: RUNS,
      warmup: WARMUP,
      results,
    };
    const dir = fileURLToPath(new URL('./results/', import.meta.url));
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${scale}-${dialect}.json`);
    // Written aside and renamed, so an interrupted run never leaves half a result to be committed.
    fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(out, null, 2)}\n`);
    fs.renameSync(`${file}.tmp`, file);
    console.log(`\nWrote ${path.relative(process.cwd(), file)}`);
  } finally {
    await bench.close();
  }
}

await main();
