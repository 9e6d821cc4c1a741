/**
 * npm run bench:data -- --scale 10k|100k|1m [--db sqlite:<file>|postgres://…] [--sales-scale 1m]
 *
 * Builds the benchmark's data set once per scale (see target.ts for where it goes): the real
 * migrations, then N contacts, N/4 organizations, about 2N activities, N/10 opportunities and N orders
 * with payments (sales.ts; --sales-scale sets their N apart) and what hangs off them, bulk-loaded
 * below the app (sink.ts). Deterministic: the same scale gives the same rows everywhere.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../src/server/db/connection.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { customFieldsService } from '../../src/server/modules/custom-fields/custom-fields.service.js';
import { CustomFieldCreateSchema } from '../../src/shared/schemas/custom-fields.js';
import { BULK_TABLES, type Counts, CUSTOM_FIELDS, seedCustomers } from './customers.js';
import { seedPeople } from './people.js';
import { seeded } from './random.js';
import { prepareSales, SALES_TABLES } from './sales.js';
import { fillSearchIndex } from './search-hook.js';
import { nullSink, postgresSink, type Sink, sqliteSink } from './sink.js';
import { parseScale, type Target, targetOf } from './target.js';

const SEED = 20_260_101;

async function main() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '10k' },
      db: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'sales-scale': { type: 'string' },
    },
  });
  const scale = values.scale.toLowerCase();
  const n = parseScale(scale);
  const dry = values['dry-run'];
  // A dry run generates everything but keeps only users and fields (in memory): the generator's own cost.
  const target: Target = dry ? { dialect: 'sqlite', url: ':memory:', serverUrl: ':memory:', label: 'nowhere (dry run)' } : targetOf(scale, values.db);
  console.log(`Generating ${scale} (${n} contacts) into ${target.dialect} ${target.label}`);

  let client: pg.Client | undefined;
  if (target.dialect === 'postgres') {
    const admin = new pg.Client({ connectionString: target.url });
    await admin.connect();
    await admin.query(`drop schema if exists ${target.schema} cascade`);
    await admin.query(`create schema ${target.schema}`);
    await admin.end();
    client = new pg.Client({ connectionString: target.serverUrl });
    await client.connect();
  } else if (!dry) {
    const file = target.url.slice('sqlite:'.length);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
  const handle = openDatabase(target.url, { schema: target.schema });
  const t0 = performance.now();
  try {
    await migrateToLatest(handle.db);
    const r = seeded(SEED);
    const people = await seedPeople(handle.db, r, Math.max(40, Math.floor(n / 500)));
    // Through the service, so each field gets its expression index exactly as an admin's click makes it.
    for (const f of CUSTOM_FIELDS) await customFieldsService.createField(people.admin, CustomFieldCreateSchema.parse(f));

    // Its own stream of random numbers, so the customers are the same rows with or without the sales data.
    const sales = await prepareSales(handle.db, seeded(SEED + 1), n, values['sales-scale'] ? parseScale(values['sales-scale']) : n);
    const tables = [...BULK_TABLES, ...SALES_TABLES];
    const sink: Sink = dry ? nullSink() : client ? await postgresSink(handle, client, tables) : await sqliteSink(handle, tables);
    sales.attach(sink);
    const t1 = performance.now();
    const progress = (c: Counts) => {
      const s = (performance.now() - t1) / 1000;
      process.stdout.write(
        `\r  ${c.contacts} contacts, ${c.organizations} organizations, ${c.activities} activities, ${sales.counts.orders} orders; ${Math.round(sink.rows / s)} rows/s   `,
      );
    };
    const counts = await seedCustomers(sink, r, people, n, progress, (org) => sales.organization(org));
    await sink.finish();
    const salesCounts = await sales.finish(handle.db);
    const loadSeconds = (performance.now() - t1) / 1000;
    console.log(`\n  loaded ${sink.rows} rows in ${loadSeconds.toFixed(1)} s (${Math.round(sink.rows / loadSeconds)} rows/s)`);

    if (!dry) console.log(`  search index: ${await fillSearchIndex(handle)}`);
    // What a running app would have by now: PostgreSQL's autovacuum analyzes a fresh bulk load, the
    // app runs PRAGMA optimize on SQLite at start and hourly. Done here so every benchmark plans alike.
    const t2 = performance.now();
    if (target.dialect === 'postgres') await sql`analyze`.execute(handle.db);
    else {
      handle.sqlite?.exec('ANALYZE');
      handle.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    }
    console.log(`  analyzed in ${((performance.now() - t2) / 1000).toFixed(1)} s`);
    const mb = Math.round(process.resourceUsage().maxRSS / 1024);
    console.log(`Done in ${((performance.now() - t0) / 1000).toFixed(1)} s, peak RSS ${mb} MB:`, JSON.stringify({ ...counts, ...salesCounts }));
  } finally {
    await client?.end();
    await handle.close();
  }
}

await main();
