import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeUser, type TestUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/testApp.js';
import { csv, importFile, upload } from '../imports/importTestKit.js';

let t: TestApp;
let admin: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  admin = await makeUser(t, { role: 'admin' });
}, 60_000);
afterAll(async () => t?.close());

const HEADER = ['产品编码', '产品名称', '单位', '类别', '状态'];
const products = () => t.database.db.selectFrom('products').selectAll().where('deletedAt', 'is', null).orderBy('sku').execute();

test('Chinese headers are recognised; SKUs identify products: skipped, updated, or refused in create mode', async () => {
  const first = await upload(t, admin.token, 'products', 'p.csv', csv([HEADER, ['IMP-1', '打印机', '台', '办公', '在售']]));
  expect(first.json().guessedMapping).toEqual({ 0: 'sku', 1: 'name', 2: 'unit', 3: 'category', 4: 'active' });

  const rows = [
    HEADER,
    ['IMP-1', '激光打印机', '台', '办公设备', '在售'],
    ['IMP-2', '硒鼓', '个', '耗材', '停售'],
    ['', '无编码', '个', '', ''],
    ['IMP-3', '纸', '箱', '', '也许'],
  ];
  const created = await importFile(t, admin.token, 'products', 'p.csv', csv(rows));
  expect(created.final).toMatchObject({ status: 'done', rowsCreated: 2, rowsFailed: 2 });
  expect((await products()).map((p) => [p.sku, p.name, p.active])).toEqual([
    ['IMP-1', '激光打印机', 1],
    ['IMP-2', '硒鼓', 0],
  ]);

  const again = [HEADER, ['IMP-1', '彩色激光打印机', '台', '办公设备', '在售']];
  expect((await importFile(t, admin.token, 'products', 'p.csv', csv(again))).final).toMatchObject({ rowsSkipped: 1, rowsCreated: 0 });
  expect((await importFile(t, admin.token, 'products', 'p.csv', csv(again), { duplicateMode: 'update' })).final).toMatchObject({ rowsUpdated: 1 });
  expect((await importFile(t, admin.token, 'products', 'p.csv', csv(again), { duplicateMode: 'create' })).final).toMatchObject({
    rowsCreated: 0,
    rowsFailed: 1,
  });
  expect((await products()).map((p) => [p.sku, p.name])).toEqual([
    ['IMP-1', '彩色激光打印机'],
    ['IMP-2', '硒鼓'],
  ]);
});
