import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PriceList, Product } from '../../../shared/schemas/products.js';
import { makeUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let admin: Client;
let rep: Client;

async function ok<T>(res: { statusCode: number; body: string; json(): unknown }, code = 200): Promise<T> {
  expect(res.statusCode, res.body).toBe(code);
  return res.json() as T;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = client(t.app, (await makeUser(t, { role: 'admin' })).token);
  rep = client(t.app, (await makeUser(t, { role: 'sales_rep' })).token);
}, 60_000);
afterAll(async () => t?.close());

describe('products', () => {
  test('an admin creates a product; a rep may read it but not change it', async () => {
    const p = await ok<Product>(await admin.post('/api/products', { sku: 'GX-ERP-01', name: '  ERP 标准版  ', unit: '套', category: '软件' }), 201);
    expect(p).toMatchObject({ sku: 'GX-ERP-01', name: 'ERP 标准版', unit: '套', category: '软件', active: true, version: 1 });
    expect((await rep.get(`/api/products/${p.id}`)).statusCode).toBe(200);
    expect((await rep.post('/api/products', { sku: 'X1', name: 'x', unit: '个' })).statusCode).toBe(403);
    expect((await rep.patch(`/api/products/${p.id}`, { version: 1, name: 'y' })).statusCode).toBe(403);
    expect((await rep.delete(`/api/products/${p.id}`)).statusCode).toBe(403);
  });

  test('a SKU is unique among live products; deleting one frees it, and restoring it then is refused', async () => {
    const first = await ok<Product>(await admin.post('/api/products', { sku: 'SKU-DUP', name: 'First', unit: '个' }), 201);
    const dup = await admin.post('/api/products', { sku: 'SKU-DUP', name: 'Second', unit: '个' });
    expect([dup.statusCode, dup.json().error.code, Object.keys(dup.json().error.fields)]).toEqual([409, 'sku_taken', ['sku']]);
    const other = await ok<Product>(await admin.post('/api/products', { sku: 'SKU-OTHER', name: 'Other', unit: '个' }), 201);
    expect((await admin.patch(`/api/products/${other.id}`, { version: other.version, sku: 'SKU-DUP' })).statusCode).toBe(409);
    expect((await admin.delete(`/api/products/${first.id}`)).statusCode).toBe(204);
    await ok(await admin.post('/api/products', { sku: 'SKU-DUP', name: 'Second', unit: '个' }), 201);
    const restore = await admin.post(`/api/recycle-bin/products/${first.id}/restore`);
    expect([restore.statusCode, restore.json().error.code]).toEqual([409, 'sku_taken']);
  });

  test('lists search name and SKU, filter by category and active, page by cursor', async () => {
    await ok(await admin.post('/api/products', { sku: 'LIST-A', name: '打印机 A4', unit: '台', category: '办公设备' }), 201);
    await ok(await admin.post('/api/products', { sku: 'LIST-B', name: '打印纸', unit: '箱', category: '耗材', active: false }), 201);
    const names = async (qs: string) => (await ok<{ items: Product[] }>(await rep.get(`/api/products${qs}`))).items.map((p) => p.name);
    expect(await names('?q=打印')).toEqual(['打印机 A4', '打印纸']);
    expect(await names('?q=list-b')).toEqual(['打印纸']);
    expect(await names('?q=打印&active=true')).toEqual(['打印机 A4']);
    expect(await names('?category=耗材')).toEqual(['打印纸']);
    const first = await ok<{ items: Product[]; nextCursor: string }>(await rep.get('/api/products?q=打印&limit=1&total=true'));
    expect(first).toMatchObject({ total: 2 });
    const second = await ok<{ items: Product[]; nextCursor: null }>(await rep.get(`/api/products?q=打印&limit=1&cursor=${first.nextCursor}`));
    expect(second.items.map((p) => p.name)).toEqual(['打印纸']);
    expect((await rep.get('/api/products?sort=price')).statusCode).toBe(400);
    expect((await admin.post('/api/products', { sku: 'bad sku!', name: 'x', unit: '个' })).statusCode).toBe(400);
  });
});

describe('price lists', () => {
  test('a list in USD with items; one default per currency; items replaced as a set; bad items named', async () => {
    const a = await ok<Product>(await admin.post('/api/products', { sku: 'PL-A', name: 'Widget', unit: 'pcs' }), 201);
    const b = await ok<Product>(await admin.post('/api/products', { sku: 'PL-B', name: 'Gadget', unit: 'pcs' }), 201);
    const usd = await ok<PriceList>(
      await admin.post('/api/price-lists', {
        name: 'Export USD',
        currency: 'USD',
        taxRate: '0',
        isDefault: true,
        items: [
          { productId: a.id, unitPrice: '19.99' },
          { productId: b.id, unitPrice: '0.10' },
        ],
      }),
      201,
    );
    expect(usd.items?.map((i) => [i.sku, i.unitPrice])).toEqual([
      ['PL-A', '19.99'],
      ['PL-B', '0.10'],
    ]);
    const second = await ok<PriceList>(await admin.post('/api/price-lists', { name: 'USD promo', currency: 'USD', taxRate: '0', isDefault: true }), 201);
    expect(second.isDefault).toBe(true);
    expect((await ok<PriceList>(await admin.get(`/api/price-lists/${usd.id}`))).isDefault).toBe(false);
    const eur = await ok<PriceList>(await admin.post('/api/price-lists', { name: 'EU', currency: 'EUR', taxRate: '19', isDefault: true }), 201);
    expect(eur.isDefault).toBe(true);

    const current = await ok<PriceList>(await admin.get(`/api/price-lists/${usd.id}`));
    const updated = await ok<PriceList>(
      await admin.patch(`/api/price-lists/${usd.id}`, { version: current.version, items: [{ productId: b.id, unitPrice: '0.20' }] }),
    );
    expect(updated.items?.map((i) => [i.sku, i.unitPrice])).toEqual([['PL-B', '0.20']]);
    expect(updated.itemCount).toBe(1);

    const bad = await admin.post('/api/price-lists', {
      name: 'Bad',
      currency: 'CNY',
      taxRate: '13',
      items: [
        { productId: a.id, unitPrice: '1' },
        { productId: a.id, unitPrice: '2' },
        { productId: '01936f3e-0000-7000-8000-000000000000', unitPrice: '3' },
      ],
    });
    expect([bad.statusCode, Object.keys(bad.json().error.fields)]).toEqual([400, ['items.1.productId', 'items.2.productId']]);
    for (const body of [
      { name: 'x', currency: 'JPY', taxRate: '0' },
      { name: 'x', currency: 'CNY', taxRate: '101' },
      { name: 'x', currency: 'CNY', taxRate: '13', items: [{ productId: a.id, unitPrice: '-1' }] },
    ]) {
      expect((await admin.post('/api/price-lists', body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    const usdLists = await ok<{ items: PriceList[] }>(await rep.get('/api/price-lists?currency=USD'));
    expect(usdLists.items.map((l) => [l.name, l.itemCount])).toEqual([
      ['Export USD', 1],
      ['USD promo', 0],
    ]);
    expect((await rep.post('/api/price-lists', { name: 'x', currency: 'CNY', taxRate: '0' })).statusCode).toBe(403);
  });
});
