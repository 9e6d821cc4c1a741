import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Organization } from '../../../shared/schemas/customers.js';
import { loadIdentity, parsePermissions } from '../../platform/auth/sessions.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { makeRole, makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';
import { exportsService } from './exports.service.js';
import { ExportAborted } from './writers.js';

let t: TestApp;
let admin: Client;
let adminUser: TestUser;
let exporter: TestUser;
let exporterClient: Client;
let plainRep: Client;
let readOnly: Client;
const orgs: Record<string, Organization> = {};

const q = (params: Record<string, string | unknown[]>) =>
  new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString();
const rowsOf = (csv: string): string[][] => parse(csv, { bom: true, relax_column_count: false });

async function created(res: { statusCode: number; body: string; json(): unknown }) {
  if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as Organization;
}

beforeAll(async () => {
  t = await createTestApp();
  adminUser = await makeUser(t, { role: 'admin', name: 'Admin' });
  admin = client(t.app, adminUser.token);
  // A rep allowed to export, but only their own customers.
  const ownExport = await makeRole(t.database.db, {
    users: { actions: ['read'], scope: 'team' },
    organizations: { actions: ['read', 'create', 'update', 'export'], scope: 'own' },
    contacts: { actions: ['read', 'export'], scope: 'own' },
  });
  exporter = await makeUser(t, { roleId: ownExport, name: '王伟' });
  exporterClient = client(t.app, exporter.token);
  plainRep = client(t.app, (await makeUser(t, { role: 'sales_rep' })).token);
  readOnly = client(t.app, (await makeUser(t, { role: 'read_only' })).token);

  // One after another: each creates an index on PostgreSQL.
  for (const spec of [
    { key: 'revenue', label: { en: 'Revenue', 'zh-CN': '年营业额' }, type: 'money' },
    {
      key: 'channel',
      label: { en: 'Channel', 'zh-CN': '渠道' },
      type: 'select',
      options: [
        { value: 'online', label: { en: 'Online', 'zh-CN': '线上' } },
        { value: 'retail', label: { en: 'Retail', 'zh-CN': '门店' } },
      ],
    },
    { key: 'kam', label: { en: 'Key account manager', 'zh-CN': '大客户经理' }, type: 'user' },
  ]) {
    const res = await admin.post('/api/custom-fields', { entity: 'organizations', ...spec });
    if (res.statusCode !== 201) throw new Error(res.body);
  }

  orgs.huawei = await created(
    await admin.post('/api/organizations', {
      name: '华为技术有限公司',
      partyType: 'customer',
      lifecycleStatus: 'existing',
      tier: 'key',
      province: '440000',
      city: '440300',
      tags: ['vip', '华南'],
      phones: [{ number: '13800138000' }],
      ownerId: exporter.id,
      custom: { revenue: 1200.5, channel: 'online', kam: exporter.id },
    }),
  );
  orgs.evil = await created(
    await admin.post('/api/organizations', {
      name: '=HYPERLINK("http://evil.example","点我")',
      industry: '+1+2',
      source: '-3',
      address: '@SUM(A1)',
      ownerId: exporter.id,
      custom: { revenue: 10, channel: 'online' },
    }),
  );
  orgs.quoted = await created(await admin.post('/api/organizations', { name: 'Comma, "Quote"\nand line', custom: { revenue: 500, channel: 'retail' } }));
  orgs.pool = await created(await admin.post('/api/organizations', { name: 'Pool Ltd', ownerId: null, custom: { channel: 'online' } }));
  // Tab and carriage return never survive the API's trimming, but imports or old data may hold them.
  await t.database.db.updateTable('organizations').set({ website: '\thttp://tab.example', uscc: '\rCR' }).where('id', '=', orgs.evil.id).execute();
}, 60_000);
afterAll(async () => t?.close());

describe('CSV export', () => {
  test('starts with a BOM, carries Chinese headers and values, and escapes formula cells', async () => {
    const res = await admin.get(
      `/api/organizations/export?${q({ format: 'csv', lang: 'zh-CN', sort: 'name', columns: 'name,industry,source,address,website,uscc', filter: [{ field: 'ownerId', op: 'eq', value: exporter.id }] })}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = res.rawPayload.toString('utf8');
    expect(text).toContain('华为技术有限公司');
    const rows = rowsOf(text);
    expect(rows[0]).toEqual(['名称', '行业', '来源', '详细地址', '网站', '统一社会信用代码']);
    const evil = rows.find((r) => r[0].includes('HYPERLINK'));
    expect(evil).toEqual([`'=HYPERLINK("http://evil.example","点我")`, "'+1+2", "'-3", "'@SUM(A1)", "'\thttp://tab.example", "'\rCR"]);
    // No cell of the raw file begins with a formula character.
    expect(text).not.toMatch(/(^|,)"?[=+\-@]/m);
  });

  test('quotes commas, quotes and line breaks as RFC 4180 says, with CRLF between records', async () => {
    const res = await admin.get(`/api/organizations/export?${q({ columns: 'name', filter: [{ field: 'name', op: 'contains', value: 'Comma' }] })}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toBe('\uFEFFName\r\n"Comma, ""Quote""\nand line"\r\n');
  });

  test('follows the filter, sort and columns, custom fields included, with names instead of codes and ids', async () => {
    const res = await admin.get(
      `/api/organizations/export?${q({
        lang: 'zh-CN',
        sort: '-custom.revenue',
        columns: 'name,custom.revenue,custom.channel,custom.kam,ownerId,province,city,tier,partyType,lifecycleStatus,tags,phones',
        filter: [{ field: 'custom.channel', op: 'eq', value: 'online' }],
      })}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const [header, ...rows] = rowsOf(res.body);
    expect(header).toEqual(['名称', '年营业额', '渠道', '大客户经理', '负责人', '省份', '城市', '客户等级', '客户类型', '生命周期', '标签', '电话']);
    // Largest revenue first, the empty one last; retail left out.
    expect(rows.map((r) => r[0])).toEqual(['华为技术有限公司', `'=HYPERLINK("http://evil.example","点我")`, 'Pool Ltd']);
    expect(rows[0]).toEqual(['华为技术有限公司', '1200.5', '线上', '王伟', '王伟', '广东省', '深圳市', '大客户', '客户', '现有', 'vip, 华南', '13800138000']);
    expect(rows[2].slice(0, 5)).toEqual(['Pool Ltd', '', '线上', '', '公海']);
  });

  test('uses the list default columns without `columns`, and English from Accept-Language', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/organizations/export?${q({ q: '华为' })}`,
      headers: { authorization: `Bearer ${exporter.token}`, 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const [header, row] = rowsOf(res.body);
    expect(header).toEqual(['Name', 'Party type', 'Lifecycle', 'Tier', 'Owner', 'Province', 'Tags', 'Updated', 'Created']);
    expect(row.slice(0, 7)).toEqual(['华为技术有限公司', 'Customer', 'Existing', 'Key account', '王伟', '广东省', 'vip, 华南']);
    expect(row[7]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="organizations-\d{8}-\d{4}\.csv"; filename\*=UTF-8''Organizations-\d{8}-\d{4}\.csv$/,
    );
  });

  test("names the file in the caller's language, UTF-8 encoded", async () => {
    const res = await admin.get(`/api/organizations/export?${q({ lang: 'zh-CN', format: 'xlsx' })}`);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('客户-')}`);
  });

  test('shows times in the time zone asked for', async () => {
    const utc = rowsOf((await admin.get(`/api/organizations/export?${q({ q: 'Pool', columns: 'createdAt' })}`)).body)[1][0];
    const shanghai = rowsOf((await admin.get(`/api/organizations/export?${q({ q: 'Pool', columns: 'createdAt', tz: 'Asia/Shanghai' })}`)).body)[1][0];
    const hours = (s: string) => new Date(`${s.replace(' ', 'T')}:00Z`).getTime() / 3_600_000;
    expect(hours(shanghai) - hours(utc)).toBe(8);
  });
});

describe('permissions and scope', () => {
  test("a rep's export holds exactly what their list shows", async () => {
    const list = (await exporterClient.get('/api/organizations?limit=200&sort=name')).json() as { items: Organization[] };
    const res = await exporterClient.get(`/api/organizations/export?${q({ columns: 'name', sort: 'name' })}`);
    expect(res.statusCode, res.body).toBe(200);
    const names = rowsOf(res.body)
      .slice(1)
      .map((r) => r[0].replace(/^'/, ''));
    expect(names).toEqual(list.items.map((o) => o.name));
    expect(names).toHaveLength(2);
    expect(names).not.toContain('Pool Ltd');
  });

  test('answers 403 without the export permission, before any file is sent', async () => {
    for (const c of [plainRep, readOnly]) {
      const res = await c.get('/api/organizations/export');
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
      expect((await c.get('/api/contacts/export?format=xlsx')).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/organizations/export' })).statusCode).toBe(401);
  });

  test('answers 400 naming the parameter for a bad format, column, filter, sort or time zone', async () => {
    const cases: [Record<string, string | unknown[]>, string][] = [
      [{ format: 'pdf' }, 'format'],
      [{ columns: 'name,nonsense' }, 'columns'],
      [{ columns: 'name,name' }, 'columns'],
      [{ columns: 'organizationId' }, 'columns'],
      [{ filter: 'not json' }, 'filter'],
      [{ filter: [{ field: 'custom.nope', op: 'eq', value: 'x' }] }, 'filter'],
      [{ sort: 'website' }, 'sort'],
      [{ tz: 'Mars/Olympus' }, 'tz'],
      [{ lang: 'fr' }, 'lang'],
    ];
    for (const [params, field] of cases) {
      const res = await admin.get(`/api/organizations/export?${q(params)}`);
      expect(res.statusCode, JSON.stringify(params)).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {}), JSON.stringify(params)).toContain(field);
    }
  });
});

describe('XLSX export and audit', () => {
  test('an XLSX file holds the same rows as the CSV, as text cells, never formulas', async () => {
    const params = { sort: 'name', columns: 'name,custom.revenue,custom.channel,ownerId,tags', lang: 'zh-CN' };
    const csv = rowsOf((await admin.get(`/api/organizations/export?${q({ ...params, format: 'csv' })}`)).body);
    const res = await admin.get(`/api/organizations/export?${q({ ...params, format: 'xlsx' })}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('客户');
    const xlsx: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let i = 1; i <= csv[0].length; i++) {
        const cell = row.getCell(i);
        expect(cell.formula).toBeFalsy();
        cells.push(cell.value === null || cell.value === undefined ? '' : String(cell.value));
      }
      xlsx.push(cells);
    });
    expect(xlsx).toEqual(csv);
    const revenue = sheet.getRow(csv.findIndex((r) => r[0] === '华为技术有限公司') + 1).getCell(2).value;
    expect(revenue).toBe(1200.5);
  });

  test('writes one audit entry per export with entity, format, filter and row count', async () => {
    const filter = [{ field: 'custom.channel', op: 'eq', value: 'retail' }];
    const res = await exporterClient.get(`/api/organizations/export?${q({ format: 'xlsx', filter })}`);
    expect(res.statusCode).toBe(200);
    const entries = await t.database.db.selectFrom('auditLog').selectAll().where('action', '=', 'export').where('actorId', '=', exporter.id).execute();
    const last = entries.map((e) => ({ ...e, meta: JSON.parse(e.meta ?? '{}') })).find((e) => e.meta.format === 'xlsx');
    expect(last).toMatchObject({ entityType: 'organizations', entityId: null });
    // The rep owns no retail customer: the export is audited with what it held, nothing.
    expect(last?.meta).toMatchObject({ format: 'xlsx', rows: 0, completed: true, filter, via: 'api' });
  });
});

describe('contacts', () => {
  test('exports contacts with their organizations and first phone / e-mail', async () => {
    const c = await admin.post('/api/contacts', {
      name: '李娜',
      phones: [{ number: '13900139000' }],
      emails: [{ address: 'li@example.com' }],
      organizations: [{ organizationId: orgs.huawei.id, title: '采购经理' }],
    });
    expect(c.statusCode, c.body).toBe(201);
    const res = await admin.get(`/api/contacts/export?${q({ lang: 'zh-CN', q: '李娜' })}`);
    expect(res.statusCode, res.body).toBe(200);
    const [header, row] = rowsOf(res.body);
    expect(header.slice(0, 4)).toEqual(['姓名', '所属客户', '客户等级', '电话 / 邮箱']);
    expect(row.slice(0, 4)).toEqual(['李娜', '华为技术有限公司 (采购经理)', '', '13900139000 / li@example.com']);
  });
});

describe('streaming', () => {
  const names = Array.from({ length: 2500 }, (_, i) => `Bulk ${String(i).padStart(4, '0')}`);
  beforeAll(async () => {
    const db = t.database.db;
    const template = await db.selectFrom('organizations').selectAll().where('id', '=', orgs.pool.id).executeTakeFirstOrThrow();
    const rows = names.map((name) => ({
      ...template,
      id: newId(),
      name,
      nameKey: name.toLowerCase().replace(' ', ''),
      tags: '["bulk"]',
      custom: typeof template.custom === 'string' ? template.custom : JSON.stringify(template.custom),
    }));
    for (let i = 0; i < rows.length; i += 250)
      await db
        .insertInto('organizations')
        .values(rows.slice(i, i + 250))
        .execute();
  }, 60_000);

  test('walks several keyset batches: 2,500 rows come out once each, in order', async () => {
    const res = await admin.get(
      `/api/organizations/export?${q({ columns: 'name,tags', sort: '-name', filter: [{ field: 'tags', op: 'eq', value: 'bulk' }] })}`,
    );
    expect(res.statusCode).toBe(200);
    const exported = rowsOf(res.body)
      .slice(1)
      .map((r) => r[0]);
    expect(exported).toHaveLength(2500);
    expect(exported).toEqual([...names].reverse());
  }, 60_000);

  test('waits for a slow reader instead of buffering, and stops reading when the reader goes away', async () => {
    const identity = await loadIdentity(t.database.db, adminUser.id);
    if (!identity) throw new Error('admin has no identity');
    const ctx: Ctx = {
      db: t.database.db,
      config: t.config,
      actor: { userId: adminUser.id, teamId: identity.teamId, teamPath: identity.teamPath, permissions: parsePermissions(identity.permissions), ip: null },
    };
    const bulk = JSON.stringify([{ field: 'tags', op: 'eq', value: 'bulk' }]);
    const prepared = await exportsService.prepare(ctx, 'organizations', { format: 'csv', columns: 'name', filter: bulk }, 'en', { batchSize: 100 });
    // Nobody reads this stream: its small buffer fills after a few batches.
    const out = new PassThrough({ highWaterMark: 4096 });
    let progress = 0;
    const running = prepared.run(out, (n) => {
      progress = n;
    });
    const failed = running.catch((err: unknown) => err);
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // Until the export has written something and then stopped moving (bounded, for a busy machine).
    for (let last = -1, i = 0; i < 60 && (progress === 0 || progress !== last); i++) {
      last = progress;
      await sleep(150);
    }
    const stalled = progress;
    expect(stalled).toBeGreaterThan(0);
    expect(stalled).toBeLessThan(2500);
    await sleep(300);
    expect(progress).toBe(stalled);
    out.destroy();
    expect(await failed).toBeInstanceOf(ExportAborted);
    const entries = await t.database.db.selectFrom('auditLog').select('meta').where('action', '=', 'export').where('actorId', '=', adminUser.id).execute();
    expect(entries.map((e) => JSON.parse(e.meta ?? '{}')).filter((m) => m.completed === false)).toEqual([
      expect.objectContaining({ rows: stalled, format: 'csv' }),
    ]);
  });
});
