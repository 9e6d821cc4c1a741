import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Command } from 'commander';
import { PasswordSchema } from '../shared/schemas/users.js';
import { loadConfig } from './config.js';
import { dialectOf, openDatabase } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { reindexParties } from './modules/customers/party-search.js';
import { exportCommand } from './modules/exports/export.command.js';
import { importCommand } from './modules/imports/import.command.js';
import { createAdmin, isEmpty, seedDemo } from './seed/demo.js';
import { serve } from './server.js';

const config = loadConfig();
const program = new Command('guanxi').description('Guanxi CRM: server and administration commands');

async function withDb<T>(fn: (db: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const handle = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(handle.db);
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

function sqliteFile(): string {
  if (dialectOf(config.databaseUrl) !== 'sqlite') {
    throw new Error(
      'backup/restore handle the embedded SQLite database. For PostgreSQL use pg_dump -Fc "$DATABASE_URL" > guanxi.dump and pg_restore --clean -d "$DATABASE_URL" guanxi.dump',
    );
  }
  return path.resolve(config.databaseUrl.slice('sqlite:'.length));
}

program
  .command('serve')
  .description('Migrate and serve the API and web app')
  .option('--build-if-needed', 'build the web app first when it is missing or out of date')
  .option('--demo-if-empty', 'create demo data when the database has no users')
  .action((opts) => serve(config, { buildIfNeeded: opts.buildIfNeeded, demoIfEmpty: opts.demoIfEmpty }));

program
  .command('migrate')
  .description('Apply pending database migrations')
  .action(() =>
    withDb(async () => {
      process.stdout.write('Database is up to date.\n');
    }),
  );

program
  .command('reindex')
  .description('Rebuild the search index of organizations and contacts (after restoring data written around the app)')
  .action(() =>
    withDb(async ({ db }) => {
      const n = await reindexParties(db);
      process.stdout.write(`Indexed ${n} records.\n`);
    }),
  );

program
  .command('create-admin')
  .description('Create an administrator (or reset the password of an existing account and make it admin)')
  .requiredOption('--email <email>')
  .requiredOption('--password <password>')
  .requiredOption('--name <name>')
  .action((opts) =>
    withDb(async ({ db }) => {
      const check = PasswordSchema.safeParse(opts.password);
      if (!check.success) throw new Error(`Password: ${check.error.issues[0]?.message}`);
      const { created } = await createAdmin(db, { email: opts.email, password: opts.password, name: opts.name });
      process.stdout.write(`${created ? 'Created' : 'Updated'} administrator ${opts.email}\n`);
    }),
  );

program
  .command('seed')
  .description('Load data')
  .option('--demo', 'demo teams and users (only into an empty database)')
  .option('--password <password>', 'password for the demo users (default: generated)')
  .action((opts) =>
    withDb(async ({ db }) => {
      if (!opts.demo) throw new Error('Say what to seed: --demo');
      if (!(await isEmpty(db))) throw new Error('The database already has users; demo data goes only into an empty one');
      const login = await seedDemo(db, opts.password);
      process.stdout.write(`Demo data created. Login: ${login.email} / ${login.password}\n`);
    }),
  );

program
  .command('backup <file>')
  .description('Online backup of the SQLite database to FILE (safe while the server runs)')
  .action(async (file: string) => {
    const source = new SQLite(sqliteFile(), { readonly: true, fileMustExist: true });
    try {
      await source.backup(path.resolve(file));
    } finally {
      source.close();
    }
    process.stdout.write(`Backed up to ${path.resolve(file)}\n`);
  });

program
  .command('restore <file>')
  .description('Replace the SQLite database with a backup (stop the server first)')
  .action(async (file: string) => {
    const from = path.resolve(file);
    const check = new SQLite(from, { readonly: true, fileMustExist: true });
    try {
      const ok = check.prepare("select count(*) as n from sqlite_master where type = 'table' and name in ('users', 'kysely_migration')").get() as { n: number };
      if (ok.n < 2) throw new Error(`${from} is not a Guanxi backup`);
      if ((check.pragma('integrity_check', { simple: true }) as string) !== 'ok') throw new Error(`${from} is damaged`);
    } finally {
      check.close();
    }
    const target = sqliteFile();
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // Copy beside the target first so a failure leaves the current database untouched.
    const staging = `${target}.restoring`;
    const source = new SQLite(from, { readonly: true });
    try {
      await source.backup(staging);
    } finally {
      source.close();
    }
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
    fs.renameSync(staging, target);
    process.stdout.write(`Restored ${target} from ${from}\n`);
  });

program
  .command('export <file>')
  .description("Export organizations or contacts to CSV or XLSX, with a user's permissions, as their list shows them")
  .requiredOption('--entity <entity>', 'organizations or contacts')
  .option('--view <id>', 'use the filters, sort and columns of this saved view')
  .option('--format <format>', 'csv or xlsx (default: from the file name, else csv)')
  .option('--as <email>', "export with this user's permissions (default: the first administrator)")
  .option('--lang <lang>', 'language of headers and values: en or zh-CN (default: from $LANG)')
  .action(async (file: string, opts) => {
    await withDb(({ db }) => exportCommand(db, config, file, opts, process.stderr));
  });

program
  .command('import [file]')
  .description("Import organizations or contacts from CSV or XLSX (UTF-8 or GBK), with a user's permissions, showing progress")
  .option('--entity <entity>', 'organizations or contacts')
  .option('--as <email>', "import with this user's permissions (default: the first administrator)")
  .option('--duplicates <mode>', 'skip, update or create (default: skip)')
  .option('--mapping <json>', 'column index → field key, e.g. {"0":"name","3":"phones"} (default: guessed from the headers)')
  .option('--resume <id>', 'resume an import that was stopped')
  .action(async (file: string | undefined, opts) => {
    await withDb(({ db }) => importCommand(db, config, file, opts, process.stderr));
  });

program.parseAsync(process.argv).catch((err: Error) => {
  process.stderr.write(`guanxi: ${err.message}\n`);
  process.exit(1);
});
