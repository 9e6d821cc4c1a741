import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { type DbHandle, openDatabase } from '../../db/connection.js';
import { migrateToLatest } from '../../db/migrate.js';
import { makeRole, makeUser, type TestUser } from '../../test/factories.js';
import { client, type TestApp } from '../../test/testApp.js';
import { createTestDb } from '../../test/testDb.js';
import { rolesService } from '../roles/roles.service.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-export-cli-'));
let t: TestApp;
/** Environment under which a CLI process opens the same database as this test. */
let env: NodeJS.ProcessEnv;
let repWithExport: TestUser;
let plainRep: TestUser;
let viewId: string;

/** A database a second process can open: a file on SQLite, this test's schema on PostgreSQL. */
async function sharedDatabase(): Promise<{ handle: DbHandle; env: NodeJS.ProcessEnv }> {
  const url = process.env.DATABASE_URL;
  if (url?.startsWith('postgres')) {
    const handle = await createTestDb();
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(handle.db);
    return { handle, env: { DATABASE_URL: url, PGOPTIONS: `-c search_path=${rows[0].schema}` } };
  }
  const databaseUrl = `sqlite:${path.join(dir, 'guanxi.db')}`;
  const handle = openDatabase(databaseUrl);
  await migrateToLatest(handle.db);
  return { handle, env: { DATABASE_URL: databaseUrl } };
}

function guanxi(...args: string[]) {
  const run = spawnSync(process.execPath, ['bin/guanxi.js', ...args], { env: { ...process.env, ...env, LOG_LEVEL: 'silent' }, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  const shared = await sharedDatabase();
  env = shared.env;
  await rolesService.ensureBuiltinRoles(shared.handle.db);
  const config = { ...loadConfig({}), webDist: '/nonexistent' };
  const app = await buildApp({ config, database: shared.handle, logger: false });
  const close = async () => {
    await app.close();
    await shared.handle.close();
  };
  t = { app, database: shared.handle, config, close };
  // The first administrator is whom the CLI acts as when no --as is given.
  const admin = client(t.app, (await makeUser(t, { role: 'admin', name: 'First admin' })).token);
  const ownExport = await makeRole(t.database.db, { organizations: { actions: ['read', 'export'], scope: 'own' } });
  repWithExport = await makeUser(t, { roleId: ownExport, name: 'Rep' });
  plainRep = await makeUser(t, { role: 'sales_rep' });
  const field = await admin.post('/api/custom-fields', {
    entity: 'organizations',
    key: 'channel',
    label: { en: 'Channel', 'zh-CN': '渠道' },
    type: 'select',
    options: [
      { value: 'online', label: { en: 'Online', 'zh-CN': '线上' } },
      { value: 'retail', label: { en: 'Retail', 'zh-CN': '门店' } },
    ],
  });
  expect(field.statusCode, field.body).toBe(201);
  for (const [name, channel, ownerId] of [
    ['阿里巴巴', 'online', repWithExport.id],
    ['=cmd|"/c calc"!A1', 'online', null],
    ['苏宁', 'retail', repWithExport.id],
  ] as const) {
    const res = await admin.post('/api/organizations', { name, custom: { channel }, ...(ownerId && { ownerId }) });
    expect(res.statusCode, res.body).toBe(201);
  }
  const view = await admin.post('/api/views', {
    entity: 'organizations',
    name: 'Online',
    shared: true,
    config: { columns: ['name', 'custom.channel'], filters: [{ field: 'custom.channel', op: 'eq', value: 'online' }], sort: 'name', q: null },
  });
  expect(view.statusCode, view.body).toBe(201);
  viewId = view.json().id;
}, 60_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('guanxi export', () => {
  test('exports a saved view to CSV as the first administrator, with progress on stderr', () => {
    const file = path.join(dir, 'online.csv');
    const run = guanxi('export', '--entity', 'organizations', '--view', viewId, '--lang', 'zh-CN', file);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Exported 2 organizations to .*online\.csv/);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(parse(text, { bom: true })).toEqual([
      ['名称', '渠道'],
      [`'=cmd|"/c calc"!A1`, '线上'],
      ['阿里巴巴', '线上'],
    ]);
    expect(fs.existsSync(`${file}.part`)).toBe(false);
  }, 60_000);

  test('exports XLSX with the permissions of the user named by --as, and audits it as a CLI export', async () => {
    const file = path.join(dir, 'mine.xlsx');
    const run = guanxi('export', '--entity', 'organizations', '--as', repWithExport.email, file);
    expect(run.status, run.stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const names = (book.worksheets[0].getColumn(1).values as unknown[]).filter((v) => typeof v === 'string').slice(1);
    expect(names.sort()).toEqual(['苏宁', '阿里巴巴'].sort());
    const entry = await t.database.db
      .selectFrom('auditLog')
      .select('meta')
      .where('action', '=', 'export')
      .where('actorId', '=', repWithExport.id)
      .executeTakeFirst();
    expect(JSON.parse(entry?.meta ?? '{}')).toMatchObject({ via: 'cli', format: 'xlsx', rows: 2, completed: true });
  }, 60_000);

  test('refuses a user without the export permission and bad arguments, leaving no file', () => {
    const file = path.join(dir, 'refused.csv');
    const refused = guanxi('export', '--entity', 'organizations', '--as', plainRep.email, file);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/permission/);
    const bad = guanxi('export', '--entity', 'deals', file);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--entity must be organizations or contacts/);
    expect(fs.existsSync(file)).toBe(false);
  }, 60_000);
});
