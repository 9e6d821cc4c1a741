/**
 * The import benchmark (issue 8): a contacts CSV of `rows` rows through the real import pipeline
 * (upload/staging, mapping guess, start, runImport: parse, map, validate, duplicate check, memberships,
 * search index, audit, commit) into a scratch SQLite file, next to the raw rate of the same rows
 * inserted into a bare table with one better-sqlite3 prepared statement in one transaction.
 *
 *   npx tsx bench/import.ts --rows 100000 [--batch <rows>] [--keep] [--out <file>]   (bench/run.ts calls importBenchmark)
 *
 * The scratch database is migrated fresh and gets an admin and N/20 organizations (imported through
 * the organization importer, untimed) that about 40 % of the contact rows name; the shared data set
 * is never touched.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../src/server/config.js';
import { type Db, openDatabase } from '../src/server/db/connection.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import type { ImportRow } from '../src/server/db/schema.js';
import { importsService } from '../src/server/modules/imports/imports.service.js';
import { runImport } from '../src/server/modules/imports/run-import.js';
import { regionData } from '../src/server/modules/regions/regions.data.js';
import { rolesService } from '../src/server/modules/roles/roles.service.js';
import { loadIdentity, parsePermissions } from '../src/server/platform/auth/sessions.js';
import type { Ctx } from '../src/server/platform/context.js';
import { newId, now } from '../src/server/platform/ids.js';
import { freshRecord } from '../src/server/platform/record.js';
import type { ImportEntity } from '../src/shared/schemas/imports.js';
import { company, EN_TITLES, person, TITLES } from './generate/names.js';
import { type Seeded, seeded } from './generate/random.js';

const SEED = 20_261_130;
const HEADER = ['姓名', '公司名称', '职位', '手机', '邮箱', '省份', '客户等级'];
const TIERS = ['A', 'B', 'C', '大客户', 'B', 'C'];

export interface ImportBenchResult {
  rows: number;
  /** What the pipeline did with them (a few rows repeat a phone number, a few are invalid). */
  created: number;
  skipped: number;
  failed: number;
  /** Storing the uploaded file (streamed into import_chunks, header and preview read). */
  uploadSeconds: number;
  /** runImport from queued to done: parse, map, validate, duplicates, writes, search index, audit, commit. */
  runSeconds: number;
  /** CPU time of upload + run (this process; SQLite runs in it): on a shared box, steadier than wall time. */
  cpuSeconds: number;
  pipelineRowsPerSecond: number;
  rawRowsPerSecond: number;
  /** Pipeline rate (upload + run) ÷ raw insert rate: target ≥ 0.25. */
  ratio: number;
  searchTokensPerRow: number;
  fileMB: number;
}

const csvCell = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);

/** Distinct valid mobiles: i times a number prime to 10^8 is a permutation of the last eight digits. */
const mobileOf = (i: number) => `13${5 + (i % 5)}${String((i * 7919 + 12_345) % 100_000_000).padStart(8, '0')}`;

function provinceNames(): string[] {
  // Full and short forms, as people type them (广东省, 江苏).
  return regionData.provinces().flatMap((p) => [p.name.zh, p.name.zh.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/, '')]);
}

/** The contact rows as cells; `orgs` are names of organizations already in the database. */
function contactRows(r: Seeded, n: number, orgs: string[]): string[][] {
  const provinces = provinceNames();
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const english = r.chance(0.15);
    const who = person(r, english);
    const linked = orgs.length > 0 && r.chance(0.4);
    const [title] = linked ? r.pick<readonly string[]>(english ? EN_TITLES : TITLES) : [''];
    let phone = mobileOf(i);
    // 1 % repeat an earlier row's phone (skipped as duplicates), 0.3 % are not phone numbers (reported).
    if (i > 0 && r.chance(0.01)) phone = mobileOf(r.int(0, i - 1));
    else if (r.chance(0.003)) phone = '12345';
    rows.push([
      who.name,
      linked ? r.pick(orgs) : '',
      title,
      phone,
      r.chance(0.7) ? `${who.local}.${i}@example${i % 97}.cn` : '',
      r.chance(0.8) ? r.pick(provinces) : '',
      r.chance(0.6) ? r.pick(TIERS) : '',
    ]);
  }
  return rows;
}

const toCsv = (rows: string[][]) => `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;

async function adminCtx(db: Db): Promise<Ctx> {
  await rolesService.ensureBuiltinRoles(db);
  const id = newId();
  const at = now();
  await db
    .insertInto('users')
    .values({
      id,
      email: 'import.bench@example.cn',
      name: 'Import Bench',
      locale: 'zh-CN',
      teamId: null,
      roleId: (await rolesService.builtinId(db, 'admin')) as string,
      // Never logs in.
      passwordHash: 'x',
      deactivatedAt: null,
      lastLoginAt: null,
      ...freshRecord(null, at),
    })
    .execute();
  const who = await loadIdentity(db, id);
  if (!who) throw new Error('bench admin missing');
  return { db, config: loadConfig({}), actor: { userId: id, teamId: null, teamPath: null, permissions: parsePermissions(who.permissions), ip: null } };
}

/** Upload, start with the guessed mapping, run to the end: what `guanxi import` does. */
async function importFile(ctx: Ctx, entity: ImportEntity, file: string, batchSize?: number) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const uploaded = await importsService.upload(ctx, entity, path.basename(file), fs.createReadStream(file), Number.MAX_SAFE_INTEGER);
  await importsService.start(ctx, uploaded.import.id, { mapping: uploaded.guessedMapping, duplicateMode: 'skip' });
  const t1 = performance.now();
  await runImport(ctx.db, ctx.config, uploaded.import.id, { batchSize });
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const final = (await ctx.db.selectFrom('imports').selectAll().where('id', '=', uploaded.import.id).executeTakeFirstOrThrow()) as ImportRow;
  if (final.status !== 'done') throw new Error(`import ended ${final.status}: ${final.error}`);
  return { final, uploadSeconds: (t1 - t0) / 1000, runSeconds: (t2 - t1) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/** One prepared INSERT per row in one transaction into a bare table with the CSV's columns: the floor of what SQLite can do. */
function rawInsert(file: string, rows: string[][]): number {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.exec('create table raw_contacts (name text, organization text, title text, phone text, email text, province text, tier text)');
  const insert = sqlite.prepare('insert into raw_contacts values (?, ?, ?, ?, ?, ?, ?)');
  const t0 = performance.now();
  sqlite.transaction(() => {
    for (const row of rows) insert.run(row);
  })();
  const s = (performance.now() - t0) / 1000;
  sqlite.close();
  return rows.length / s;
}

export async function importBenchmark(
  rows: number,
  log: (s: string) => void = console.log,
  opts: { keep?: boolean; batchSize?: number } = {},
): Promise<ImportBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-bench-import-'));
  const handle = openDatabase(`sqlite:${path.join(dir, 'import.db')}`);
  try {
    await migrateToLatest(handle.db);
    const ctx = await adminCtx(handle.db);
    const r = seeded(SEED);
    const orgCount = Math.max(50, Math.floor(rows / 20));
    const orgs = Array.from({ length: orgCount }, (_, i) => company(r, i, r.chance(0.1), null).name);
    const orgFile = path.join(dir, 'organizations.csv');
    fs.writeFileSync(orgFile, toCsv([['公司名称'], ...orgs.map((o) => [o])]));
    const orgImport = await importFile(ctx, 'organizations', orgFile);
    log(`  import bench: ${orgImport.final.rowsCreated} organizations set up in ${(orgImport.uploadSeconds + orgImport.runSeconds).toFixed(1)} s`);

    const data = contactRows(r, rows, orgs);
    const file = path.join(dir, 'contacts.csv');
    fs.writeFileSync(file, toCsv([HEADER, ...data]));
    const fileMB = fs.statSync(file).size / 2 ** 20;
    const run = await importFile(ctx, 'contacts', file, opts.batchSize);
    const tokens = Number(
      (
        await handle.db
          .selectFrom('searchTokens')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('type', '=', 'contacts')
          .executeTakeFirstOrThrow()
      ).n,
    );
    const pipeline = rows / (run.uploadSeconds + run.runSeconds);
    const raw = rawInsert(path.join(dir, 'raw.db'), data);
    const result: ImportBenchResult = {
      rows,
      created: run.final.rowsCreated,
      skipped: run.final.rowsSkipped,
      failed: run.final.rowsFailed,
      uploadSeconds: Number(run.uploadSeconds.toFixed(2)),
      runSeconds: Number(run.runSeconds.toFixed(2)),
      cpuSeconds: Number(run.cpuSeconds.toFixed(2)),
      pipelineRowsPerSecond: Math.round(pipeline),
      rawRowsPerSecond: Math.round(raw),
      ratio: Number((pipeline / raw).toFixed(4)),
      searchTokensPerRow: Number((tokens / Math.max(run.final.rowsCreated, 1)).toFixed(1)),
      fileMB: Number(fileMB.toFixed(1)),
    };
    log(`  import: ${JSON.stringify(result)}`);
    return result;
  } finally {
    await handle.close();
    if (opts.keep) log(`  scratch database kept in ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { rows: { type: 'string', default: '10000' }, out: { type: 'string' }, keep: { type: 'boolean', default: false }, batch: { type: 'string' } },
  });
  const result = await importBenchmark(Number(values.rows), console.log, { keep: values.keep, batchSize: values.batch ? Number(values.batch) : undefined });
  if (values.out) fs.writeFileSync(values.out, `${JSON.stringify({ date: new Date().toISOString(), loadAvg1m: os.loadavg()[0], import: result }, null, 2)}\n`);
}
