/**
 * npm run bench -- --scale 10k|100k|1m [--db sqlite:<file>|postgres://…] [--quick] [--web-dist <dir>|--skip-web] [--import-rows N]
 *
 * Runs the real server (bin/guanxi.js serve, its own process) on the data set bench:data made for the
 * scale, and measures it over HTTP with autocannon next to a bare Fastify server started in the same
 * run. Prints a table and writes bench/results/<scale>-<dialect>.json. See BENCHMARKS.md.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { pinyin } from 'pinyin-pro';
import { loadConfig } from '../src/server/config.js';
import { type Db, openDatabase } from '../src/server/db/connection.js';
import { createSession } from '../src/server/platform/auth/sessions.js';
import { BUSY_PROVINCE, LIST_TIER } from './generate/customers.js';
import { BENCH_ADMIN_EMAIL, BENCH_REP_EMAIL } from './generate/people.js';
import { parseScale, targetOf } from './generate/target.js';
import { type LoadResult, load } from './http.js';
import { importBenchmark } from './import.js';
import { ms, percentile } from './measure.js';
import { type Running, start } from './processes.js';
import { type ReportStats, reportsCase } from './reports.js';
import { type WebSize, webSize } from './web.js';

const LIMIT = 50;
const IMPORT_ROWS_DEFAULT_MAX = 100_000;
/** The deep page: reached by following nextCursor this many times (or the last page, if the chain is shorter). */
const DEEP = 20;
const WRITE_PREFIX = '__bench_write__';

/** Request counts: the full run, and the CI smoke run (it must only finish and write its JSON). */
const COUNTS = {
  full: { latency: 500, detailPages: 200, throughputSeconds: 10, writeLatency: 300, writeSeconds: 5 },
  quick: { latency: 60, detailPages: 30, throughputSeconds: 2, writeLatency: 40, writeSeconds: 2 },
};

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

async function scalar(db: Db, query: ReturnType<typeof sql<{ v: unknown }>>): Promise<unknown> {
  return (await query.execute(db)).rows[0]?.v;
}

/** The organizations the detail benchmark opens: the rep's team's five biggest (most contacts) and 45 ordinary ones. */
async function detailOrganizations(db: Db, teamId: string): Promise<string[]> {
  const big = await sql<{ id: string }>`
    select o.id from organizations o join contact_organizations co on co.organization_id = o.id
    where o.team_id = ${teamId} and o.deleted_at is null group by o.id order by count(*) desc, o.id limit 5`.execute(db);
  const some = await sql<{ id: string }>`
    select id from organizations where team_id = ${teamId} and deleted_at is null order by id limit 45`.execute(db);
  return [...new Set([...big.rows, ...some.rows].map((r) => r.id))];
}

/**
 * The five kinds of search the issue names, taken from a contact the rep can see (the first by id with
 * a two-character Chinese name and a mobile): the name, its pinyin initials, its full pinyin, an
 * English word prefix and six digits of the phone number.
 */
async function searchTerms(db: Db, teamId: string): Promise<Record<string, string>> {
  const c = await sql<{ name: string; value: string }>`
    select c.name, p.value from contacts c join contact_points p on p.entity_type = 'contacts' and p.entity_id = c.id and p.kind = 'phone'
    where c.team_id = ${teamId} and c.deleted_at is null and length(c.name) = 2 and c.name not like '% %'
    order by c.id limit 1`.execute(db);
  const who = c.rows[0];
  if (!who) throw new Error('No contact with a two-character name visible to the rep');
  return {
    chinese: who.name,
    initials: pinyin(who.name, { pattern: 'first', toneType: 'none', type: 'array' }).join(''),
    pinyin: pinyin(who.name, { toneType: 'none', type: 'array' }).join('').replace(/ü/g, 'v'),
    english: 'smi',
    phone: who.value.slice(-6),
  };
}

/** The calls the 360° organization page makes when it opens (OrganizationDetailPage and its panels, lifecycle collapsed). */
const detailCalls = (id: string) => [
  `/api/organizations/${id}`,
  `/api/organizations/${id}/contacts?limit=20&sort=name&total=true`,
  `/api/activities/timeline?organizationId=${id}&limit=20`,
  `/api/tasks?entityType=organizations&entityId=${id}&status=open,in_progress&sort=dueAt&limit=10&total=true`,
  `/api/organizations/${id}/pool-events?limit=10`,
  `/api/custom-fields?entity=organizations`,
];

/** Opens pages one after another, each page's calls in parallel as the browser sends them; ms per whole page and per call. */
async function detail(base: string, headers: Record<string, string>, ids: string[], pages: number, warmup: number) {
  const page: number[] = [];
  const call: number[] = [];
  for (let i = 0; i < pages + warmup; i++) {
    const t0 = performance.now();
    const times = await Promise.all(
      detailCalls(ids[i % ids.length]).map(async (u) => {
        const s = performance.now();
        const res = await fetch(base + u, { headers });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`GET ${u} answered ${res.status}`);
        return performance.now() - s;
      }),
    );
    if (i < warmup) continue;
    page.push(performance.now() - t0);
    call.push(...times);
  }
  page.sort((a, b) => a - b);
  call.sort((a, b) => a - b);
  const stats = (s: number[]) => ({ p50: ms(percentile(s, 50)), p95: ms(percentile(s, 95)), p99: ms(percentile(s, 99)) });
  return { page: stats(page), call: stats(call), calls: detailCalls('x').length, organizations: ids.length, pages };
}

async function main() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '10k' },
      db: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'web-dist': { type: 'string' },
      'skip-web': { type: 'boolean', default: false },
      /** Rows of the import case (bench/import.ts, a scratch SQLite file); default the scale's N up to 100k, 0 skips it. */
      'import-rows': { type: 'string' },
      /** Where to write the JSON instead of bench/results/<scale>-<dialect>.json (the smoke run keeps the real results). */
      out: { type: 'string' },
    },
  });
  const scale = values.scale.toLowerCase();
  parseScale(scale);
  const target = targetOf(scale, values.db);
  const n = values.quick ? COUNTS.quick : COUNTS.full;
  const box = machine();
  if (target.dialect === 'sqlite' && !fs.existsSync(target.url.slice('sqlite:'.length))) {
    throw new Error(`No data set at ${target.label}: run npm run bench:data -- --scale ${scale}${values.db ? ` --db ${values.db}` : ''} first`);
  }
  const handle = openDatabase(target.url, { schema: target.schema });
  const { db } = handle;
  const servers: Running[] = [];
  try {
    const dataset = {
      contacts: Number(await scalar(db, sql`select count(*) as v from contacts`)),
      organizations: Number(await scalar(db, sql`select count(*) as v from organizations`)),
      activities: Number(await scalar(db, sql`select count(*) as v from activities`)),
      users: Number(await scalar(db, sql`select count(*) as v from users`)),
      opportunities: Number(await scalar(db, sql`select count(*) as v from opportunities`)),
      orders: Number(await scalar(db, sql`select count(*) as v from orders`)),
    };
    if (dataset.contacts === 0) throw new Error(`The data set at ${target.label} is empty: run npm run bench:data first`);
    const version = await scalar(db, target.dialect === 'postgres' ? sql`select version() as v` : sql`select sqlite_version() as v`);
    const database = target.dialect === 'postgres' ? String(version).split(' ').slice(0, 2).join(' ') : `SQLite ${version}`;
    console.log(`Machine: ${box.cpu}, ${box.nproc} CPUs, ${box.memGiB} GiB, Node ${box.node}, load ${box.loadAvg1m}; ${database}`);
    console.log(`Data set ${target.label}: ${JSON.stringify(dataset)}`);

    const rep = await db.selectFrom('users').select(['id', 'teamId']).where('email', '=', BENCH_REP_EMAIL).executeTakeFirstOrThrow();
    // bench/data.ts makes its first user the sales manager heading region 1: the users list's actor.
    const manager = await db
      .selectFrom('users')
      .innerJoin('roles', 'roles.id', 'users.roleId')
      .select('users.id')
      .where('roles.builtinKey', '=', 'sales_manager')
      .where('users.name', '=', '王经理')
      .executeTakeFirstOrThrow();
    const config = loadConfig({});
    const session = async (userId: string) => ({
      authorization: `Bearer ${(await createSession(db, config, userId, { ip: null, userAgent: 'bench' })).token}`,
    });
    const asRep = await session(rep.id);
    const asManager = await session(manager.id);

    // Cold start: spawn to the first 200, migrations (none pending) and job runner included, as `guanxi serve` starts in production
    // — from an up-to-date server bundle, as after a deploy (bin/guanxi.js would otherwise rebuild it first).
    execFileSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
    const app = await start(
      ['bin/guanxi.js', 'serve'],
      { DATABASE_URL: target.serverUrl, LOG_LEVEL: 'warn', WEB_DIST: path.join(os.tmpdir(), 'guanxi-bench-no-web') },
      '/api/health',
    );
    servers.push(app);
    const hello = await start(['--import', 'tsx', 'bench/hello.ts'], {}, '/hello');
    servers.push(hello);
    console.log(`Server up in ${app.coldStartMs} ms (pid ${app.pid}); baseline up in ${hello.coldStartMs} ms`);

    // The list: first page, then follow the cursor chain to the deep page.
    const list = `/api/contacts?province=${BUSY_PROVINCE}&tier=${LIST_TIER}&sort=-updatedAt&limit=${LIMIT}`;
    let deepUrl = list;
    let deepPage = 1;
    for (let i = 0; i < DEEP; i++) {
      const res = await fetch(app.url + deepUrl, { headers: asRep });
      if (res.status !== 200) throw new Error(`GET ${deepUrl} answered ${res.status}: ${await res.text()}`);
      const next = ((await res.json()) as { nextCursor: string | null }).nextCursor;
      if (!next) break;
      deepUrl = `${list}&cursor=${encodeURIComponent(next)}`;
      deepPage++;
    }
    const totalRes = await fetch(`${app.url}${list}&total=true`, { headers: asRep });
    const visible = ((await totalRes.json()) as { total?: number }).total ?? null;

    const results: Record<string, LoadResult | Record<string, unknown>> = {};
    const step = async (name: string, run: () => Promise<LoadResult>) => {
      results[name] = await run();
      console.log(`  ${name}: ${JSON.stringify(results[name])}`);
    };
    const latency = (url: string, headers: Record<string, string>, amount = n.latency) => load({ url, headers, amount, connections: 1 });
    // A short untimed run of the same request first: JIT, statement caches, page cache.
    const warm = (url: string, headers: Record<string, string>) => load({ url, headers, amount: values.quick ? 10 : 100, connections: 1 });

    await warm(app.url + list, asRep);
    await step('list first page', () => latency(app.url + list, asRep));
    await warm(app.url + deepUrl, asRep);
    await step(`list page ${deepPage}`, () => latency(app.url + deepUrl, asRep));
    const users = `/api/users?sort=-updatedAt&limit=${LIMIT}`;
    await warm(app.url + users, asManager);
    await step('users list first page', () => latency(app.url + users, asManager));

    for (const [kind, q] of Object.entries(await searchTerms(db, rep.teamId as string))) {
      const url = `${app.url}/api/search?q=${encodeURIComponent(q)}`;
      // A search that finds nothing is fast for the wrong reason: each term must find something.
      const found = (await (await fetch(url, { headers: asRep })).json()) as { items?: unknown[] };
      if (!found.items?.length) throw new Error(`GET /api/search?q=${q} found nothing; the data set may lack the search index (run bench:data again)`);
      await warm(url, asRep);
      await step(`search ${kind} (${q})`, () => latency(url, asRep));
    }

    const orgs = await detailOrganizations(db, rep.teamId as string);
    if (orgs.length === 0) throw new Error('The rep sees no organizations');
    results.detail = await detail(app.url, asRep, orgs, n.detailPages, 10);
    console.log(`  detail: ${JSON.stringify(results.detail)}`);

    // Reports over every order of the data set, as the admin (all), the sales manager (their teams) and the rep (own).
    const admin = await db.selectFrom('users').select('id').where('email', '=', BENCH_ADMIN_EMAIL).executeTakeFirstOrThrow();
    const reportActors = { admin: await session(admin.id), manager: asManager, rep: asRep };
    const reports = await reportsCase(app.url, reportActors, values.quick ? { runs: 5, warmup: 1 } : { runs: 20, warmup: 3 });
    results.reports = reports;
    console.log(`  reports: ${JSON.stringify(reports)}`);

    let seq = 0;
    const body = () => {
      seq++;
      return JSON.stringify({
        name: `${WRITE_PREFIX} 李${seq}`,
        phones: [{ label: '手机', number: `139${String(10_000_000 + seq).slice(-8)}` }],
        emails: [{ address: `bench.write.${seq}@example.cn` }],
        tags: ['bench'],
      });
    };
    const create = (o: { amount?: number; duration?: number; connections: number }) =>
      load({ url: `${app.url}/api/contacts`, headers: asRep, method: 'POST', body, ...o });
    await create({ amount: 20, connections: 1 });
    await step('write latency', () => create({ amount: n.writeLatency, connections: 1 }));
    await step('write throughput', () => create({ duration: n.writeSeconds, connections: 4 }));

    // Throughput of GET by id against the bare route, same connections, same duration, same run.
    const contact = await db
      .selectFrom('contacts')
      .select('id')
      .where('teamId', '=', rep.teamId)
      .where('deletedAt', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const byId = `${app.url}/api/contacts/${contact.id}`;
    await load({ url: byId, headers: asRep, duration: 1, connections: 10 });
    await step('get by id', () => load({ url: byId, headers: asRep, duration: n.throughputSeconds, connections: 10 }));
    await load({ url: `${hello.url}/hello`, duration: 1, connections: 10 });
    await step('bare fastify', () => load({ url: `${hello.url}/hello`, duration: n.throughputSeconds, connections: 10 }));

    const rss = app.rss();
    let web: WebSize | null = null;
    if (!values['skip-web']) web = webSize(values['web-dist']);
    // Up to 100k by default: the import's rate falls as its search index grows (BENCHMARKS.md, import), and a
    // million rows would add well over ten minutes to the run.
    const importRows = values['import-rows'] === undefined ? Math.min(parseScale(scale), IMPORT_ROWS_DEFAULT_MAX) : Number(values['import-rows']);
    const imported = importRows > 0 ? await importBenchmark(importRows) : null;

    const r = results as Record<string, LoadResult>;
    const detailStats = results.detail as { page: { p95: number }; call: { p95: number } };
    const summary = {
      'list first page p95 ms': r['list first page'].p95,
      [`list page ${deepPage} p95 ms`]: r[`list page ${deepPage}`].p95,
      ...Object.fromEntries(
        Object.entries(r)
          .filter(([k]) => k.startsWith('search '))
          .map(([k, v]) => [`${k} p95 ms`, v.p95]),
      ),
      'detail page p95 ms': detailStats.page.p95,
      'detail call p95 ms': detailStats.call.p95,
      ...Object.fromEntries(
        Object.keys(reports.admin).map((k) => [
          `report ${k} p95 ms (admin / manager / rep)`,
          Object.values(reports)
            .map((a: Record<string, ReportStats>) => a[k].p95)
            .join(' / '),
        ]),
      ),
      'write p95 ms': r['write latency'].p95,
      'write req/s': r['write throughput'].rps,
      'get by id req/s': r['get by id'].rps,
      'bare fastify req/s': r['bare fastify'].rps,
      'get by id / bare': Number((r['get by id'].rps / r['bare fastify'].rps).toFixed(3)),
      'server RSS after load MB': rss.now,
      'of which anon / file MB': `${rss.anon} / ${rss.file}`,
      'cold start ms': app.coldStartMs,
      'initial JS gzip KB': web?.initialJsGzipKB ?? null,
      'largest lazy chunk gzip KB': web?.largestLazyChunk.gzipKB ?? null,
      'import rows (pipeline rows/s / raw rows/s)': imported ? `${imported.rows} (${imported.pipelineRowsPerSecond} / ${imported.rawRowsPerSecond})` : null,
      'import / raw': imported?.ratio ?? null,
    };
    console.log(`\n${scale} ${database}; the rep sees ${visible} contacts in ${BUSY_PROVINCE}, tier ${LIST_TIER}`);
    console.table(Object.entries(summary).map(([figure, value]) => ({ figure, value })));

    const out = {
      scale,
      dialect: target.dialect,
      date: new Date().toISOString(),
      quick: values.quick,
      machine: box,
      database,
      dataset: { ...dataset, listVisible: visible, deepPage },
      summary,
      results,
      resources: { rssMB: rss, coldStartMs: app.coldStartMs, baselineColdStartMs: hello.coldStartMs, web },
      // Always into a scratch SQLite file, whatever the data set's dialect.
      import: imported,
    };
    const file = values.out ? path.resolve(values.out) : path.join(fileURLToPath(new URL('./results/', import.meta.url)), `${scale}-${target.dialect}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written aside and renamed, so an interrupted run never leaves half a result to be committed.
    fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(out, null, 2)}\n`);
    fs.renameSync(`${file}.tmp`, file);
    console.log(`Wrote ${path.relative(process.cwd(), file)}`);
  } finally {
    for (const s of servers) await s.stop();
    // The data set is made once per scale: take the benchmark's own writes out again.
    await removeWrites(db).catch((err) => console.error('Could not remove the write benchmark rows:', err));
    await handle.close();
  }
}

/** Deletes what the write benchmark created (contacts and the rows the app wrote with them), so the next run sees the same data. */
async function removeWrites(db: Db) {
  const mine = db.selectFrom('contacts').select('id').where('name', 'like', `${WRITE_PREFIX}%`);
  await db.transaction().execute(async (trx) => {
    // The global search index (migration 0010) keys records by type and id.
    await sql`delete from search_tokens where type = 'contacts' and record_id in (select id from contacts where name like ${`${WRITE_PREFIX}%`})`.execute(trx);
    await trx.deleteFrom('contactPoints').where('entityType', '=', 'contacts').where('entityId', 'in', mine).execute();
    await trx.deleteFrom('auditLog').where('entityType', '=', 'contacts').where('entityId', 'in', mine).execute();
    await sql`delete from contacts where name like ${`${WRITE_PREFIX}%`}`.execute(trx);
  });
}

await main();
