import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { openDatabase } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { startJobs } from './jobs.js';
import { rolesService } from './modules/roles/roles.service.js';
import { DEMO_ADMIN_EMAIL, isEmpty, seedDemo } from './seed/demo.js';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the web app when it was never built or its sources changed since. */
export function buildWebIfNeeded(config: Config, log: (msg: string) => void): void {
  const index = path.join(config.webDist, 'index.html');
  const sources = path.resolve('src/web');
  if (!fs.existsSync(sources)) return;
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= Math.max(newestMtime(sources), newestMtime(path.resolve('src/shared')))) return;
  log('Building the web app (first start or changed sources)…');
  const vite = path.resolve('node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The web build failed');
}

const demoLoginFile = (config: Config) => path.join(path.dirname(config.databaseUrl.replace(/^sqlite:/, '')), 'demo-login.txt');

export interface ServeOptions {
  buildIfNeeded?: boolean;
  demoIfEmpty?: boolean;
}

export async function serve(config: Config, options: ServeOptions = {}): Promise<void> {
  const say = (msg: string) => process.stdout.write(`${msg}\n`);
  if (options.buildIfNeeded) buildWebIfNeeded(config, say);
  const database = openDatabase(config.databaseUrl, { backgroundCheckpoints: true });
  await migrateToLatest(database.db);
  await rolesService.ensureBuiltinRoles(database.db);
  const isSqlite = database.dialect === 'sqlite';
  if (options.demoIfEmpty && (await isEmpty(database.db))) {
    const login = await seedDemo(database.db);
    say('Created demo data: teams, users of every role, and customers with contacts, activities and tasks.');
    // The generated password is kept beside the SQLite file so later starts can show it again.
    if (isSqlite) fs.writeFileSync(demoLoginFile(config), `${login.email}\n${login.password}\n`, { mode: 0o600 });
    else say(`Demo login: ${login.email} / ${login.password}`);
  }

  const app = await buildApp({ config, database });
  await app.listen({ port: config.port, host: config.host });
  // After listen: the job runner's first poll (due schedules, cron parsing, a due job) need not hold up
  // the first requests of a fresh start (BENCHMARKS.md, finding 8).
  const jobs = await startJobs(database, app.log);
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await jobs.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  say(`\nGuanxi is running at ${url}  (API docs: ${url}/api/docs)`);
  if (isSqlite && fs.existsSync(demoLoginFile(config))) {
    const [email, password] = fs.readFileSync(demoLoginFile(config), 'utf8').split('\n');
    say(`Demo login: ${email} / ${password}   (every demo user, e.g. li.na@guanxi.local, has the same password)`);
  } else if (!options.demoIfEmpty) {
    say(`Sign in with an account made by: npx guanxi create-admin --email ${DEMO_ADMIN_EMAIL} --password … --name …`);
  }
}
