import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ImportUploadResult } from '../../../shared/schemas/imports.js';
import { getJob } from '../../platform/jobs/queue.js';
import { JobRunner } from '../../platform/jobs/worker.js';
import { makeUser, type TestUser } from '../../test/factories.js';
import { client, createTestApp, type TestApp } from '../../test/testApp.js';
import { importCommand } from './import.command.js';
import { registerImportJob } from './imports.jobs.js';
import { csv, upload } from './importTestKit.js';

let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  admin = await makeUser(t, { role: 'admin', name: 'Admin', email: 'cli-admin@example.com' });
}, 60_000);
afterAll(async () => t?.close());

const countNamed = async (prefix: string) =>
  Number(
    (
      await t.database.db
        .selectFrom('organizations')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('name', 'like', `${prefix}%`)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('background job', () => {
  test('a started import runs on the job runner, and the stored file is dropped when it ends', async () => {
    const rows = [['公司名称', '手机'], ...Array.from({ length: 30 }, (_, i) => [`队列测试${i}`, String(13300000000 + i)])];
    const { import: imp, guessedMapping } = (await upload(t, admin.token, 'organizations', 'job.csv', csv(rows))).json() as ImportUploadResult;
    expect((await client(t.app, admin.token).post(`/api/imports/${imp.id}/start`, { mapping: guessedMapping, duplicateMode: 'skip' })).statusCode).toBe(200);
    const { jobId } = await t.database.db.selectFrom('imports').select('jobId').where('id', '=', imp.id).executeTakeFirstOrThrow();
    const runner = new JobRunner(t.database);
    registerImportJob(runner, t.database.db, t.config);
    expect(await runner.runOnce()).toBe(true);
    expect(await getJob(t.database.db, jobId as string)).toMatchObject({ status: 'done' });
    expect((await client(t.app, admin.token).get(`/api/imports/${imp.id}`)).json()).toMatchObject({ status: 'done', rowsCreated: 30 });
    expect(await countNamed('队列测试')).toBe(30);
    expect(await t.database.db.selectFrom('importChunks').select('seq').where('importId', '=', imp.id).execute()).toEqual([]);
  });
});

describe('CLI', () => {
  test('guanxi import reads a GBK file, guesses the mapping, imports as the named user and prints progress', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-import-'));
    const file = path.join(dir, '客户.csv');
    const rows = [['客户名称', '省份', '客户等级'], ...Array.from({ length: 40 }, (_, i) => [`命令行测试${i}`, '四川', '大客户'])];
    fs.writeFileSync(file, iconv.encode(csv(rows), 'gbk'));
    const lines: string[] = [];
    const out = {
      write: (s: string) => {
        lines.push(s);
        return true;
      },
    };
    const final = await importCommand(t.database.db, t.config, file, { entity: 'organizations', as: admin.email }, out);
    const printed = lines.join('');
    expect(final).toMatchObject({ status: 'done', rowsCreated: 40, createdBy: admin.id, encoding: 'gb18030' });
    expect(printed).toContain('客户名称 → name');
    expect(printed).toContain('100%');
    expect(printed).toContain('done: 40 created');
    const org = await t.database.db.selectFrom('organizations').selectAll().where('name', '=', '命令行测试7').executeTakeFirstOrThrow();
    expect(org).toMatchObject({ province: '510000', tier: 'key', ownerId: admin.id });
    await expect(importCommand(t.database.db, t.config, file, { entity: 'deals' }, { write: () => true })).rejects.toThrow(/--entity/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
