import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Lead } from '../../../shared/schemas/leads.js';
import { makeTeam, makeUser, type TestUser } from '../../test/factories.js';
import { client, createTestApp, type TestApp } from '../../test/testApp.js';
import { csv, importFile } from '../imports/importTestKit.js';

let t: TestApp;
let admin: TestUser;
let members: TestUser[];

beforeAll(async () => {
  t = await createTestApp();
  const team = await makeTeam(t.database.db, '电销组');
  admin = await makeUser(t, { role: 'admin' });
  members = [await makeUser(t, { role: 'sales_rep', teamId: team.id }), await makeUser(t, { role: 'sales_rep', teamId: team.id })];
  const res = await t.app.inject({
    method: 'PUT',
    url: '/api/settings/lead-assignment',
    headers: { authorization: `Bearer ${admin.token}` },
    payload: { rules: [{ name: '电销轮转', teamId: team.id }] },
  });
  expect(res.statusCode, res.body).toBe(200);
}, 60_000);
afterAll(async () => t?.close());

test('leads import from Chinese headers: sources and provinces by name, owners by the rules, bad rows reported, duplicates skipped', async () => {
  const file = csv([
    ['姓名', '公司', '手机', '邮箱', '来源', '省份'],
    ['王一', '甲公司', '13800000001', 'wang1@example.com', '展会', '广东'],
    ['王二', '乙公司', '13800000002', 'wang2@example.com', '官网', '浙江省'],
    ['', '丙公司', '', '', '其他', ''],
    ['王一', '甲公司', '13800000001', 'wang1@example.com', '展会', '广东'],
  ]);
  const { final } = await importFile(t, admin.token, 'leads', 'leads.csv', file);
  expect(final).toMatchObject({ status: 'done', rowsCreated: 2, rowsFailed: 1, rowsSkipped: 1 });
  const leads = (await client(t.app, admin.token).get('/api/leads?sort=name')).json().items as Lead[];
  expect(leads.map((l) => [l.name, l.source, l.provinceCode])).toEqual([
    ['王一', 'trade_show', '440000'],
    ['王二', 'website', '330000'],
  ]);
  expect(new Set(leads.map((l) => l.ownerId))).toEqual(new Set(members.map((m) => m.id)));
  // Found by global search like leads entered by hand.
  const found = (await client(t.app, admin.token).get(`/api/search?q=${encodeURIComponent('乙公司')}&types=leads`)).json();
  expect(found.items).toHaveLength(1);
});
