import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { type DbHandle, openDatabase } from '../../src/server/db/connection.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { startJobs } from '../../src/server/jobs.js';
import { seedDemo } from '../../src/server/seed/demo.js';
import { buildWebIfNeeded } from '../../src/server/server.js';

export const DEMO_PASSWORD = 'e2e demo password';
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export interface E2E {
  baseUrl: string;
  browser: Browser;
  database: DbHandle;
  newPage(locale?: string): Promise<Page>;
  close(): Promise<void>;
}

/** The real server on a free port over a fresh SQLite file with the demo data, and headless Chromium. */
export async function startE2E(): Promise<E2E> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-e2e-'));
  const config = { ...loadConfig({}), port: 0, databaseUrl: `sqlite:${path.join(dir, 'e2e.db')}`, logLevel: 'warn' as const };
  // E2E_WEB_DIST points at a build made elsewhere (e.g. while others edit the sources); otherwise dist/web, rebuilt when stale.
  if (process.env.E2E_WEB_DIST) config.webDist = path.resolve(process.env.E2E_WEB_DIST);
  else buildWebIfNeeded(config, (m) => process.stdout.write(`${m}\n`));
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
  await seedDemo(database.db, DEMO_PASSWORD, { customers: false });
  const app: FastifyInstance = await buildApp({ config, database, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  // The same background jobs as `guanxi serve` (reminders, rules), so journeys see what users see.
  const jobs = await startJobs(database, app.log);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    database,
    async newPage(locale = 'en-US') {
      const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
      return context.newPage();
    },
    async close() {
      await browser.close();
      await jobs.stop();
      await app.close();
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const SCREENSHOTS = path.resolve('docs/screenshots');
