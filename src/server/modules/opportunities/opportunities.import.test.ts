import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeOrganization } from '../../test/customerFactories.js';
import { makeUser, type TestUser } from '../../test/factories.js';
import { client, createTestApp, type TestApp } from '../../test/testApp.js';
import { csv, importFile } from '../imports/importTestKit.js';

let t: TestApp;
let admin: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  admin = await makeUser(t, { role: 'admin', name: 'Admin', email: 'boss@example.com' });
}, 60_000);
afterAll(async () => t?.close());

const HEADER = ['商机名称', '客户名称', '金额', '币种', '销售阶段', '预计成交日期', '负责人邮箱'];

describe('import of opportunities', () => {
  test('rows find their customer by name and their stage by English or Chinese name; bad cells are reported per column', async () => {
    const org = await makeOrganization(t, { name: '导入测试科技有限公司' });
    const rep = await makeUser(t, { role: 'sales_rep', name: '李娜', email: 'lina@example.com' });
    const file = csv([
      HEADER,
      ['导入一期', '导入测试科技有限公司', '1,234.50', '人民币', '方案报价', '2026/3/31', 'lina@example.com'],
      ['Import two', '导入测试科技有限公司', '0.10', 'USD', 'Won', '2026-04-01', ''],
      ['无客户', '不存在的公司', '10', 'CNY', '初步接洽', '', ''],
      ['坏金额', '导入测试科技有限公司', '1.234', 'XYZ', '不存在阶段', '明天', 'nobody@example.com'],
    ]);
    const { uploaded, final } = await importFile(t, admin.token, 'opportunities', 'opps.csv', file);
    expect(Object.values(uploaded.guessedMapping).sort()).toEqual(['amount', 'currency', 'expectedCloseDate', 'name', 'organization', 'ownerEmail', 'stage']);
    expect(final).toMatchObject({ rowsCreated: 2, rowsFailed: 2 });
    const list = (await client(t.app, admin.token).get(`/api/opportunities?organizationId=${org.id}&sort=name`)).json();
    expect(
      list.items.map((o: { name: string; amount: string; currency: string; stageName: string; status: string; ownerId: string; expectedCloseDate: string }) => [
        o.name,
        o.amount,
        o.currency,
        o.stageName,
        o.status,
        o.ownerId,
        o.expectedCloseDate,
      ]),
    ).toEqual([
      ['Import two', '0.10', 'USD', 'Won', 'won', admin.id, '2026-04-01'],
      ['导入一期', '1234.50', 'CNY', 'Proposal', 'open', rep.id, '2026-03-31'],
    ]);
    const report = (await client(t.app, admin.token).get(`/api/imports/${final.id}/report.csv`)).body;
    for (const column of ['客户名称', '金额', '币种', '销售阶段', '预计成交日期', '负责人邮箱']) expect(report).toContain(column);
    // A won import restarts the customer's pool clock like a won deal does.
    const row = await t.database.db.selectFrom('organizations').select('lastDealAt').where('id', '=', org.id).executeTakeFirstOrThrow();
    expect(row.lastDealAt).toBeTruthy();
  });

  test('a deal with the same name at the same customer is skipped, or updated with "update"', async () => {
    await makeOrganization(t, { name: '重复检测有限公司' });
    const file = (amount: string) => csv([HEADER.slice(0, 3), ['重复商机', '重复检测有限公司', amount]]);
    expect((await importFile(t, admin.token, 'opportunities', 'a.csv', file('100'))).final.rowsCreated).toBe(1);
    expect((await importFile(t, admin.token, 'opportunities', 'b.csv', file('200'))).final).toMatchObject({ rowsCreated: 0, rowsSkipped: 1 });
    expect((await importFile(t, admin.token, 'opportunities', 'c.csv', file('300'), { duplicateMode: 'update' })).final).toMatchObject({ rowsUpdated: 1 });
    const found = (await client(t.app, admin.token).get('/api/opportunities?q=重复商机')).json();
    expect(found.items.map((o: { amount: string }) => o.amount)).toEqual(['300.00']);
  });

  test('a rep cannot import deals for customers outside their scope', async () => {
    const outsider = await makeUser(t, { role: 'sales_rep' });
    await makeOrganization(t, { name: '别人的客户有限公司' });
    const { final } = await importFile(t, outsider.token, 'opportunities', 'x.csv', csv([HEADER.slice(0, 2), ['偷单', '别人的客户有限公司']]));
    expect(final).toMatchObject({ rowsCreated: 0, rowsFailed: 1 });
  });
});
