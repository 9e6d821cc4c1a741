import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Import } from '../../../shared/schemas/imports.js';
import { makeRole, makeTeam, makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';
import { csv, importFile, upload } from './importTestKit.js';
import { runImport } from './run-import.js';

let t: TestApp;
let admin: TestUser;
let rep: TestUser;
let as: Client;

beforeAll(async () => {
  t = await createTestApp();
  const team = await makeTeam(t.database.db, '华东大区');
  admin = await makeUser(t, { role: 'admin', name: 'Admin' });
  rep = await makeUser(t, { role: 'sales_rep', teamId: team.id, name: '李娜' });
  as = client(t.app, admin.token);
}, 60_000);
afterAll(async () => t?.close());

const orgsNamed = async (prefix: string) =>
  t.database.db.selectFrom('organizations').selectAll().where('name', 'like', `${prefix}%`).where('deletedAt', 'is', null).orderBy('name').execute();

const ZH_HEADER = ['公司名称', '联系人', '手机', '邮箱', '省份', '城市', '客户等级', '备注'];

describe('upload: encodings and header guessing', () => {
  const rows = [ZH_HEADER, ['上海明远贸易有限公司', '王芳', '138 1234 5678', 'wang@mingyuan.cn', '上海', '上海市', 'A', '老客户']];

  test('reads UTF-8, guesses Chinese headers and previews the first rows', async () => {
    const res = await upload(t, admin.token, 'organizations', 'orgs.csv', csv(rows));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.import).toMatchObject({ status: 'uploaded', format: 'csv', encoding: 'utf-8', headers: ZH_HEADER });
    // 联系人 is no organization field; 公司名称 is the name.
    expect(body.guessedMapping).toEqual({ 0: 'name', 2: 'phones', 3: 'emails', 4: 'province', 5: 'city', 6: 'tier', 7: 'notes' });
    expect(body.previewRows).toEqual([rows[1]]);
    expect(body.fields.find((f: { key: string }) => f.key === 'name')).toMatchObject({ required: true, label: { 'zh-CN': '公司名称' } });
  });

  test('guesses English headers, and maps 公司名称 to the organization of a contact', async () => {
    const en = await upload(
      t,
      admin.token,
      'contacts',
      'c.csv',
      'Full Name,Company,E-mail Address,Mobile,Job Title\r\nAnna,Acme,a@acme.com,13812345678,CEO\r\n',
    );
    expect(en.json().guessedMapping).toEqual({ 0: 'name', 1: 'organization', 2: 'emails', 3: 'phones', 4: 'title' });
    const zh = await upload(t, admin.token, 'contacts', 'c.csv', csv([ZH_HEADER, rows[1]]));
    expect(zh.json().guessedMapping).toMatchObject({ 0: 'organization', 1: 'name', 2: 'phones', 3: 'emails' });
  });

  test('detects UTF-8 with a BOM and GBK (as Excel in China saves CSV) and imports correct Chinese', async () => {
    const gbkRows = [ZH_HEADER, ['GBK测试广州恒达电子有限公司', '陈静', '13912345678', '', '广东省', '广州', '大客户', '华南区重点']];
    const gbk = iconv.encode(csv(gbkRows), 'gbk');
    expect(gbk.includes(Buffer.from('广州', 'utf8'))).toBe(false);
    const { uploaded, final } = await importFile(t, admin.token, 'organizations', 'gbk.csv', gbk);
    expect(uploaded.import.encoding).toBe('gb18030');
    expect(uploaded.import.headers).toEqual(ZH_HEADER);
    expect(final).toMatchObject({ status: 'done', rowsCreated: 1, rowsFailed: 0, totalRows: 1 });
    const [org] = await orgsNamed('GBK测试');
    expect(org).toMatchObject({ name: 'GBK测试广州恒达电子有限公司', province: '440000', city: '440100', tier: 'key', notes: '华南区重点' });

    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv([ZH_HEADER, ['BOM测试北京远景科技', '', '', '', '北京', '', '', '']]))]);
    const withBom = await importFile(t, admin.token, 'organizations', 'bom.csv', bom);
    expect(withBom.uploaded.import.encoding).toBe('utf-8-bom');
    // The BOM does not stick to the first header.
    expect(withBom.uploaded.import.headers[0]).toBe('公司名称');
    expect(withBom.final.rowsCreated).toBe(1);
    expect((await orgsNamed('BOM测试'))[0]).toMatchObject({ province: '110000', city: '110100' });
  });

  test('imports the first sheet of an XLSX workbook', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('客户');
    sheet.addRow(['客户名称', '统一社会信用代码', '电话', '成立日期']);
    sheet.addRow(['XLSX测试深圳华强', '914403001922038216', 13800138000, new Date('2020-01-02')]);
    sheet.addRow(['XLSX测试杭州云帆', '', '0571-8888 6666', null]);
    wb.addWorksheet('说明').addRow(['not data']);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const { uploaded, final } = await importFile(t, admin.token, 'organizations', 'book.xlsx', data);
    expect(uploaded.import).toMatchObject({ format: 'xlsx', headers: ['客户名称', '统一社会信用代码', '电话', '成立日期'] });
    expect(uploaded.guessedMapping).toEqual({ 0: 'name', 1: 'uscc', 2: 'phones' });
    expect(final).toMatchObject({ status: 'done', rowsCreated: 2, rowsFailed: 0 });
    const orgs = await orgsNamed('XLSX测试');
    expect(orgs.map((o) => [o.name, o.uscc, JSON.parse(o.phones)])).toEqual([
      ['XLSX测试杭州云帆', null, [{ number: '0571-8888 6666' }]],
      ['XLSX测试深圳华强', '914403001922038216', [{ number: '13800138000' }]],
    ]);
  });

  test('refuses a request without an entity or a file, and an empty file, with 400', async () => {
    expect((await upload(t, admin.token, 'deals', 'x.csv', 'a\r\n1\r\n')).statusCode).toBe(400);
    const empty = await upload(t, admin.token, 'organizations', 'x.csv', '');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('import_empty');
    const notMultipart = await as.post('/api/imports', { entity: 'organizations' });
    expect(notMultipart.statusCode).toBe(400);
  });
});

describe('validation report', () => {
  const header = ['公司名称', '统一社会信用代码', '手机', '省份', '客户等级'];
  const file = csv([
    header,
    ['报告测试好公司一', '', '13812345678', '江苏', 'A'],
    ['', '', '', '', ''],
    ['报告测试坏信用代码', '914403001922038217', '', '', ''],
    ['报告测试坏电话', '', '12345', '', 'Z'],
    ['报告测试好公司二', '', '', '浙江省', ''],
    ['报告测试坏省份', '', '', '火星', ''],
  ]);

  test('preview names each bad cell; the import keeps the good rows and reports the bad ones by row, column and reason', async () => {
    const res = await upload(t, admin.token, 'organizations', 'bad.csv', file);
    const { import: imp, guessedMapping } = res.json();
    const preview = await as.post(`/api/imports/${imp.id}/preview`, { mapping: guessedMapping });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().rows.map((r: { row: number }) => r.row)).toEqual([2, 4, 5, 6, 7]);
    expect(preview.json().problems.map((p: { row: number; column: string }) => [p.row, p.column])).toEqual([
      [4, '统一社会信用代码'],
      [5, '客户等级'],
      [5, '手机'],
      [7, '省份'],
    ]);
    expect((await orgsNamed('报告测试')).length).toBe(0);

    expect((await as.post(`/api/imports/${imp.id}/start`, { mapping: guessedMapping, duplicateMode: 'skip' })).statusCode).toBe(200);
    await runImport(t.database.db, t.config, imp.id, { batchSize: 2 });
    const final = (await as.get(`/api/imports/${imp.id}`)).json() as Import;
    // The blank line is no row; row 3 in the file is the blank one and is not counted.
    expect(final).toMatchObject({ status: 'done', totalRows: 5, rowsCreated: 2, rowsFailed: 3, rowsProcessed: 5 });
    expect((await orgsNamed('报告测试')).map((o) => o.name)).toEqual(['报告测试好公司一', '报告测试好公司二']);

    const report = await as.get(`/api/imports/${imp.id}/report.csv`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toMatch(/text\/csv/);
    const lines = report.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('row,column,reason');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['4,统一社会信用代码', '5,客户等级', '5,手机', '7,省份']);
    expect(lines[1]).toContain('check character');
    expect(lines[4]).toContain('火星');
  });

  test('refuses to start without the required name column', async () => {
    const { import: imp } = (await upload(t, admin.token, 'organizations', 'bad.csv', file)).json();
    const res = await as.post(`/api/imports/${imp.id}/start`, { mapping: { 2: 'phones' }, duplicateMode: 'skip' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ 'fields.name': 'Required field: map a column to it' });
    const unknown = await as.post(`/api/imports/${imp.id}/start`, { mapping: { 0: 'name', 9: 'phones', 1: 'nope' }, duplicateMode: 'skip' });
    expect(Object.keys(unknown.json().error.fields).sort()).toEqual(['mapping.1', 'mapping.9']);
  });
});

describe('duplicates', () => {
  const header = ['Company', 'Phone', 'Industry', 'Tags'];

  test('skip, update or create per import: by name key, phone, and repeats within the file', async () => {
    const first = csv([header, ['Dup Alpha Co., Ltd.', '13700000001', 'Retail', 'vip'], ['Dup Beta', '13700000002', '', '']]);
    expect((await importFile(t, admin.token, 'organizations', 'a.csv', first)).final.rowsCreated).toBe(2);

    // "Dup Alpha Ltd" has the same name key; the second row has Beta's phone; the third repeats the new Gamma.
    const again = csv([
      header,
      ['Dup Alpha Ltd', '', 'Wholesale', 'east'],
      ['Dup Beta Renamed', '+86 137 0000 0002', '', ''],
      ['Dup Gamma', '', 'Media', ''],
      ['Dup Gamma', '13700000003', '', ''],
    ]);
    const skipped = (await importFile(t, admin.token, 'organizations', 'b.csv', again, { duplicateMode: 'skip' })).final;
    expect(skipped).toMatchObject({ rowsCreated: 1, rowsSkipped: 3, rowsUpdated: 0 });
    expect((await orgsNamed('Dup ')).length).toBe(3);

    const updated = (await importFile(t, admin.token, 'organizations', 'c.csv', again, { duplicateMode: 'update' })).final;
    expect(updated).toMatchObject({ rowsCreated: 0, rowsUpdated: 4, rowsSkipped: 0 });
    const orgs = await orgsNamed('Dup ');
    expect(orgs.map((o) => o.name)).toEqual(['Dup Alpha Ltd', 'Dup Beta Renamed', 'Dup Gamma']);
    const alpha = orgs[0];
    expect(alpha).toMatchObject({ industry: 'Wholesale', version: 2 });
    // Tags and phones are added to, not replaced.
    expect(JSON.parse(alpha.tags)).toEqual(['vip', 'east']);
    expect(JSON.parse(alpha.phones)).toEqual([{ number: '13700000001' }]);
    const gamma = orgs[2];
    expect(JSON.parse(gamma.phones)).toEqual([{ number: '13700000003' }]);

    const created = (await importFile(t, admin.token, 'organizations', 'd.csv', again, { duplicateMode: 'create' })).final;
    expect(created).toMatchObject({ rowsCreated: 4, rowsSkipped: 0 });
    expect((await orgsNamed('Dup ')).length).toBe(7);
  });

  test('a contact matches by phone or e-mail and is linked to the organization named in its row', async () => {
    const file = csv([
      ['联系人', '公司名称', '职位', '手机', '邮箱'],
      ['周杰', 'Dup Beta Renamed', '采购经理', '13600000001', 'zhou@beta.cn'],
      ['周杰 (2)', '', '', '', 'ZHOU@beta.cn'],
      ['吴磊', '不存在的公司', '', '13600000002', ''],
    ]);
    const { final } = await importFile(t, admin.token, 'contacts', 'c.csv', file);
    expect(final).toMatchObject({ rowsCreated: 1, rowsSkipped: 1, rowsFailed: 1 });
    const contact = await t.database.db.selectFrom('contacts').selectAll().where('name', '=', '周杰').executeTakeFirstOrThrow();
    const links = await t.database.db.selectFrom('contactOrganizations').selectAll().where('contactId', '=', contact.id).execute();
    expect(links).toMatchObject([{ title: '采购经理', position: 0 }]);
    const points = await t.database.db.selectFrom('contactPoints').select(['kind', 'value']).where('entityId', '=', contact.id).orderBy('kind').execute();
    expect(points).toEqual([
      { kind: 'email', value: 'zhou@beta.cn' },
      { kind: 'phone', value: '+8613600000001' },
    ]);
  });
});

describe('custom fields', () => {
  test('typed from text and checked by the custom-field rules', async () => {
    const created = await as.post('/api/custom-fields', {
      entity: 'organizations',
      key: 'revenue',
      type: 'money',
      label: { en: 'Annual revenue', 'zh-CN': '年营业额' },
    });
    expect(created.statusCode).toBe(201);
    const file = csv([
      ['公司名称', '年营业额'],
      ['自定义字段好', '¥1,234,567.50'],
      ['自定义字段坏', '很多'],
    ]);
    const { uploaded, final } = await importFile(t, admin.token, 'organizations', 'cf.csv', file);
    expect(uploaded.guessedMapping).toEqual({ 0: 'name', 1: 'custom.revenue' });
    expect(final).toMatchObject({ rowsCreated: 1, rowsFailed: 1 });
    const [org] = await orgsNamed('自定义字段好');
    expect(JSON.parse(org.custom as string)).toEqual({ revenue: 1234567.5 });
  });
});

describe('progress, cancel and resume', () => {
  let series = 0;
  /** n rows with unique names and phone numbers (a new number series per file). */
  const bulk = (prefix: string, n: number) => {
    const base = 13500000000 + ++series * 10_000;
    return csv([['Name', 'Phone'], ...Array.from({ length: n }, (_, i) => [`${prefix} ${String(i).padStart(4, '0')}`, String(base + i)])]);
  };
  const count = async (prefix: string) => (await orgsNamed(prefix)).length;

  test('a run interrupted after some batches resumes where it stopped: every row once, none twice', async () => {
    const res = await upload(t, admin.token, 'organizations', 'big.csv', bulk('Resume', 300));
    const { import: imp, guessedMapping } = res.json();
    await as.post(`/api/imports/${imp.id}/start`, { mapping: guessedMapping, duplicateMode: 'create' });
    let batches = 0;
    const crash = () => {
      if (++batches === 3) throw new Error('killed');
    };
    await expect(runImport(t.database.db, t.config, imp.id, { batchSize: 40, afterBatch: crash })).rejects.toThrow('killed');
    const midway = (await as.get(`/api/imports/${imp.id}`)).json() as Import;
    expect(midway).toMatchObject({ status: 'running', rowsProcessed: 120, rowsCreated: 120, totalRows: 300 });
    expect(await count('Resume')).toBe(120);

    await runImport(t.database.db, t.config, imp.id, { batchSize: 40 });
    expect((await as.get(`/api/imports/${imp.id}`)).json()).toMatchObject({ status: 'done', rowsCreated: 300, rowsProcessed: 300 });
    expect(await count('Resume')).toBe(300);
    // Running a finished import again changes nothing.
    await runImport(t.database.db, t.config, imp.id, { batchSize: 40 });
    expect(await count('Resume')).toBe(300);
  });

  test('a second runner that lost the race cannot commit the same batch', async () => {
    const { import: imp, guessedMapping } = (await upload(t, admin.token, 'organizations', 'race.csv', bulk('Race', 100))).json();
    await as.post(`/api/imports/${imp.id}/start`, { mapping: guessedMapping, duplicateMode: 'create' });
    await Promise.all([runImport(t.database.db, t.config, imp.id, { batchSize: 25 }), runImport(t.database.db, t.config, imp.id, { batchSize: 25 })]);
    expect(await count('Race')).toBe(100);
    expect((await as.get(`/api/imports/${imp.id}`)).json()).toMatchObject({ status: 'done', rowsCreated: 100 });
  });

  test('cancel stops a running import before its next batch and a queued one at once', async () => {
    const { import: imp, guessedMapping } = (await upload(t, admin.token, 'organizations', 'c.csv', bulk('Cancel', 100))).json();
    await as.post(`/api/imports/${imp.id}/start`, { mapping: guessedMapping, duplicateMode: 'create' });
    let cancelled = false;
    await runImport(t.database.db, t.config, imp.id, {
      batchSize: 30,
      afterBatch: async () => {
        if (cancelled) return;
        cancelled = true;
        expect((await as.post(`/api/imports/${imp.id}/cancel`)).json()).toMatchObject({ status: 'running', cancelRequested: true });
      },
    });
    expect((await as.get(`/api/imports/${imp.id}`)).json()).toMatchObject({ status: 'cancelled', rowsCreated: 30 });
    expect(await count('Cancel')).toBe(30);

    const queued = (await upload(t, admin.token, 'organizations', 'q.csv', bulk('Queued', 5))).json();
    await as.post(`/api/imports/${queued.import.id}/start`, { mapping: queued.guessedMapping, duplicateMode: 'create' });
    expect((await as.post(`/api/imports/${queued.import.id}/cancel`)).json()).toMatchObject({ status: 'cancelled' });
    await runImport(t.database.db, t.config, queued.import.id);
    expect(await count('Queued')).toBe(0);
    expect((await as.post(`/api/imports/${queued.import.id}/cancel`)).statusCode).toBe(409);
  });

  test('the import is audited once, with its counts', async () => {
    const { final } = await importFile(t, admin.token, 'organizations', 'audit.csv', bulk('Audited', 60), { run: { batchSize: 20 } });
    const entries = await t.database.db.selectFrom('auditLog').selectAll().where('entityId', '=', final.id).execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'import', entityType: 'organizations', actorId: admin.id });
    expect(JSON.parse(entries[0].meta as string)).toMatchObject({ status: 'done', created: 60, failed: 0, totalRows: 60, fileName: 'audit.csv' });
    const orgIds = (await orgsNamed('Audited')).map((o) => o.id);
    const perRecord = await t.database.db.selectFrom('auditLog').select('id').where('entityId', 'in', orgIds).execute();
    expect(perRecord).toEqual([]);
  });
});

describe('permissions', () => {
  test('without create on the record type: 403 on upload', async () => {
    const roleId = await makeRole(t.database.db, {
      organizations: { actions: ['read'], scope: 'all' },
      contacts: { actions: ['read', 'create'], scope: 'own' },
    });
    const reader = await makeUser(t, { roleId });
    const res = await upload(t, reader.token, 'organizations', 'x.csv', 'Name\r\nX\r\n');
    expect(res.statusCode).toBe(403);
    expect((await upload(t, reader.token, 'contacts', 'x.csv', 'Name\r\nX\r\n')).statusCode).toBe(201);
  });

  test("a rep sees their own imports only; another's import is 404 to them and cannot be started by them", async () => {
    const mine = (await upload(t, rep.token, 'organizations', 'mine.csv', 'Name\r\nScope Mine\r\n')).json();
    const theirs = (await upload(t, admin.token, 'organizations', 'theirs.csv', 'Name\r\nScope Theirs\r\n')).json();
    const repClient = client(t.app, rep.token);
    expect((await repClient.get(`/api/imports/${theirs.import.id}`)).statusCode).toBe(404);
    expect((await repClient.post(`/api/imports/${theirs.import.id}/start`, { mapping: { 0: 'name' }, duplicateMode: 'skip' })).statusCode).toBe(404);
    expect((await repClient.get(`/api/imports/${theirs.import.id}/report.csv`)).statusCode).toBe(404);
    const list = (await repClient.get('/api/imports')).json();
    expect(list.items.map((i: Import) => i.id)).toEqual([mine.import.id]);
    // The admin (all scope) sees the rep's import but only its uploader may start it.
    expect((await as.get(`/api/imports/${mine.import.id}`)).statusCode).toBe(200);
    expect((await as.post(`/api/imports/${mine.import.id}/start`, { mapping: { 0: 'name' }, duplicateMode: 'skip' })).statusCode).toBe(403);
  });

  test("update mode does not touch a duplicate outside the importer's scope: the row is reported", async () => {
    await importFile(t, admin.token, 'organizations', 'x.csv', 'Name\r\nScope Hidden Org\r\n');
    const { final } = await importFile(t, rep.token, 'organizations', 'y.csv', 'Name,Industry\r\nScope Hidden Org,Mining\r\n', { duplicateMode: 'update' });
    expect(final).toMatchObject({ rowsUpdated: 0, rowsFailed: 1 });
    const [org] = await orgsNamed('Scope Hidden Org');
    expect(org.industry).toBeNull();
    const report = (await client(t.app, rep.token).get(`/api/imports/${final.id}/report.csv`)).body;
    expect(report).toContain('may not edit');
  });
});
