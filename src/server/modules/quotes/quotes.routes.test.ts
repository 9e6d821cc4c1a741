import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Organization } from '../../../shared/schemas/customers.js';
import type { PriceList, Product } from '../../../shared/schemas/products.js';
import type { Quote } from '../../../shared/schemas/quotes.js';
import { loadIdentity, parsePermissions } from '../../platform/auth/sessions.js';
import type { Ctx } from '../../platform/context.js';
import { makeTeam, makeUser, roleId, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';
import { chinaToday } from './quote-dates.js';
import { getQuoteForOrder } from './quotes.service.js';

let t: TestApp;
let admin: Client;
let rep: Client;
let users: Record<'admin' | 'manager' | 'rep' | 'outsider', TestUser>;
let org: Organization;
let hiddenOrg: Organization;
let products: { laptop: Product; service: Product };
let priceList: PriceList;

const as = (u: TestUser) => client(t.app, u.token);
async function ok<T>(res: { statusCode: number; body: string; json(): unknown }, code = 200): Promise<T> {
  expect(res.statusCode, res.body).toBe(code);
  return res.json() as T;
}
const created = <T = Quote>(res: { statusCode: number; body: string; json(): unknown }) => ok<T>(res, 201);
const dayOffset = (days: number) => chinaToday(Date.now() + days * 86_400_000);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const region = await makeTeam(db, '华东大区');
  const branch = await makeTeam(db, '上海分部', region);
  const other = await makeTeam(db, '华南大区');
  users = {
    admin: await makeUser(t, { role: 'admin', name: 'Admin' }),
    manager: await makeUser(t, { role: 'sales_manager', teamId: region.id, name: '王伟' }),
    rep: await makeUser(t, { role: 'sales_rep', teamId: branch.id, name: '李娜' }),
    outsider: await makeUser(t, { role: 'sales_rep', teamId: other.id, name: '陈静' }),
  };
  admin = as(users.admin);
  rep = as(users.rep);
  org = await created<Organization>(await rep.post('/api/organizations', { name: '上海华联超市有限公司' }));
  hiddenOrg = await created<Organization>(await as(users.outsider).post('/api/organizations', { name: 'Hidden Trading Co.' }));
  products = {
    laptop: await created<Product>(await admin.post('/api/products', { sku: 'GX-NB-14', name: '商务笔记本电脑 14 英寸', unit: '台', category: '硬件' })),
    service: await created<Product>(await admin.post('/api/products', { sku: 'GX-SVC-Y1', name: '年度维保服务', unit: '年' })),
  };
  priceList = await created<PriceList>(
    await admin.post('/api/price-lists', {
      name: '2026 标准价 CNY',
      currency: 'CNY',
      taxRate: '13',
      isDefault: true,
      items: [
        { productId: products.laptop.id, unitPrice: '6999.00' },
        { productId: products.service.id, unitPrice: '1200.50' },
      ],
    }),
  );
}, 60_000);
afterAll(async () => t?.close());

const twoLineQuote = (extra: Record<string, unknown> = {}) => ({
  organizationId: org.id,
  priceListId: priceList.id,
  discountPercent: '5',
  validUntil: dayOffset(30),
  lines: [
    { productId: products.laptop.id, quantity: '3', discountPercent: '10' },
    { description: '上门安装调试', quantity: '1', unitPrice: '500', taxRate: '6' },
  ],
  ...extra,
});

describe('create and totals', () => {
  test('a rep quotes two lines from the price list and free text; every amount is computed on the server', async () => {
    const q = await created(
      await rep.post('/api/quotes', {
        ...twoLineQuote(),
        // Totals a client sends are not part of the API and are ignored.
        total: '1.00',
        subtotal: '1.00',
      }),
    );
    expect(q.number).toMatch(/^Q-\d{4}-\d{6}$/);
    expect(q).toMatchObject({ revision: 1, status: 'draft', currency: 'CNY', ownerId: users.rep.id, organizationName: '上海华联超市有限公司', editable: true });
    // 3 × 6,999.00 − 10% = 18,897.30 (13%); 500.00 (6%); subtotal 19,397.30; 5% = 969.865 → 969.87.
    expect(q.lines?.map((l) => [l.description, l.unit, l.unitPrice, l.net, l.taxRate])).toEqual([
      ['商务笔记本电脑 14 英寸', '台', '6999.00', '18897.30', '13'],
      ['上门安装调试', null, '500.00', '500.00', '6'],
    ]);
    expect(q.subtotal).toBe('19397.30');
    expect(q.discount).toBe('969.87');
    // Shares of the discount: 944.87 and 25.00; tax 17,952.43 × 13% = 2,333.82, 475.00 × 6% = 28.50.
    expect(q.lines?.map((l) => [l.quoteDiscount, l.tax, l.total])).toEqual([
      ['944.87', '2333.82', '20286.25'],
      ['25.00', '28.50', '503.50'],
    ]);
    expect([q.tax, q.total]).toEqual(['2362.32', '20789.75']);
  });

  test('0.1 + 0.2 is exactly 0.30 and a large CNY quote keeps every fen', async () => {
    const small = await created(
      await rep.post('/api/quotes', {
        organizationId: org.id,
        currency: 'CNY',
        lines: [
          { description: 'a', quantity: '1', unitPrice: '0.1' },
          { description: 'b', quantity: '1', unitPrice: '0.2' },
        ],
      }),
    );
    expect([small.subtotal, small.total]).toEqual(['0.30', '0.30']);
    const large = await created(
      await rep.post('/api/quotes', {
        organizationId: org.id,
        currency: 'CNY',
        lines: [{ description: '数据中心整体建设', quantity: '9999', unitPrice: '99999999.99', taxRate: '13' }],
      }),
    );
    expect([large.subtotal, large.tax, large.total]).toEqual(['999899999900.01', '129986999987.00', '1129886999887.01']);
    // Beyond ten trillion yuan the amounts would no longer be exact as numbers: refused, not rounded.
    const tooLarge = await rep.post('/api/quotes', {
      organizationId: org.id,
      currency: 'CNY',
      lines: [{ description: 'x', quantity: '999999999', unitPrice: '999999999999.99' }],
    });
    expect([tooLarge.statusCode, Object.keys(tooLarge.json().error.fields)]).toEqual([400, ['lines.0.quantity', 'lines']]);
  });

  test('bad input answers 400 naming every bad field, never 500', async () => {
    const res = await rep.post('/api/quotes', {
      organizationId: hiddenOrg.id,
      priceListId: priceList.id,
      currency: 'USD',
      lines: [{ quantity: '1' }, { productId: '01936f3e-0000-7000-8000-000000000000', quantity: '2' }],
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual([
      'currency',
      'lines.0.description',
      'lines.0.unitPrice',
      'lines.1.productId',
      'organizationId',
    ]);
    for (const body of [
      { organizationId: org.id, currency: 'CNY', lines: [] },
      { organizationId: org.id, currency: 'CNY', lines: [{ description: 'x', quantity: '0', unitPrice: '1' }] },
      { organizationId: org.id, currency: 'CNY', lines: [{ description: 'x', quantity: '1', unitPrice: '1.005' }] },
      { organizationId: org.id, currency: 'CNY', discountPercent: '101', lines: [{ description: 'x', quantity: '1', unitPrice: '1' }] },
      { organizationId: org.id, currency: 'CNY', validUntil: '2026-02-30', lines: [{ description: 'x', quantity: '1', unitPrice: '1' }] },
    ]) {
      expect((await rep.post('/api/quotes', body)).statusCode, JSON.stringify(body)).toBe(400);
    }
  });

  test('numbers are unique under concurrent creation', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => rep.post('/api/quotes', twoLineQuote())));
    const numbers = results.map((r) => r.json().number);
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    expect(new Set(numbers).size).toBe(8);
  });

  test('editing a draft recomputes the totals and audits the change; a stale version answers 409', async () => {
    const q = await created(await rep.post('/api/quotes', twoLineQuote()));
    const edited = await ok<Quote>(await rep.patch(`/api/quotes/${q.id}`, { version: q.version, discountPercent: '0' }));
    // Tax 18,897.30 × 13% = 2,456.649 → 2,456.65 and 500.00 × 6% = 30.00.
    expect([edited.discount, edited.subtotal, edited.tax, edited.total]).toEqual(['0.00', '19397.30', '2486.65', '21883.95']);
    expect((await rep.patch(`/api/quotes/${q.id}`, { version: q.version, title: 'stale' })).statusCode).toBe(409);
    const audit = await t.database.db.selectFrom('auditLog').selectAll().where('entityType', '=', 'quotes').where('entityId', '=', q.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });
});

describe('status and versions', () => {
  test('draft → sent → accepted; a sent quote is read-only and cannot be accepted twice', async () => {
    const q = await created(await rep.post('/api/quotes', twoLineQuote()));
    expect((await rep.post(`/api/quotes/${q.id}/accept`, { version: q.version })).json().error.code).toBe('quote_not_sent');
    const sent = await ok<Quote>(await rep.post(`/api/quotes/${q.id}/send`, { version: q.version }));
    expect(sent).toMatchObject({ status: 'sent', editable: false });
    expect(sent.sentAt).not.toBeNull();
    const edit = await rep.patch(`/api/quotes/${q.id}`, { version: sent.version, title: 'x' });
    expect([edit.statusCode, edit.json().error.code]).toEqual([409, 'quote_not_editable']);
    const accepted = await ok<Quote>(await rep.post(`/api/quotes/${q.id}/accept`, { version: sent.version }));
    expect(accepted.status).toBe('accepted');
    expect((await rep.post(`/api/quotes/${q.id}/reject`, { version: accepted.version })).statusCode).toBe(409);
    expect((await rep.post(`/api/quotes/${q.id}/revise`, { version: accepted.version })).json().error.code).toBe('quote_accepted');
  });

  test('a sent quote past its validity reads as expired, filters as expired and cannot be accepted', async () => {
    const q = await created(await rep.post('/api/quotes', twoLineQuote({ validUntil: dayOffset(0) })));
    const sent = await ok<Quote>(await rep.post(`/api/quotes/${q.id}/send`, { version: q.version }));
    await t.database.db
      .updateTable('quotes')
      .set({ validUntil: dayOffset(-1) })
      .where('id', '=', q.id)
      .execute();
    expect((await ok<Quote>(await rep.get(`/api/quotes/${q.id}`))).status).toBe('expired');
    const expired = await ok<{ items: Quote[] }>(await rep.get('/api/quotes?status=expired&limit=200'));
    expect(expired.items.map((i) => i.id)).toContain(q.id);
    const stillSent = await ok<{ items: Quote[] }>(await rep.get('/api/quotes?status=sent&limit=200'));
    expect(stillSent.items.map((i) => i.id)).not.toContain(q.id);
    expect((await rep.post(`/api/quotes/${q.id}/accept`, { version: sent.version })).json().error.code).toBe('quote_expired');
    // A draft whose date has passed must be given a new date before it is sent.
    const draft = await created(await rep.post('/api/quotes', twoLineQuote({ validUntil: dayOffset(-2) })));
    expect((await rep.post(`/api/quotes/${draft.id}/send`, { version: draft.version })).json().error.code).toBe('quote_expired');
  });

  test('revise makes version 2 with the same number and lines; version 1 is kept read-only and listed', async () => {
    const v1 = await created(await rep.post('/api/quotes', twoLineQuote()));
    const sent = await ok<Quote>(await rep.post(`/api/quotes/${v1.id}/send`, { version: v1.version }));
    const v2 = await ok<Quote>(await rep.post(`/api/quotes/${v1.id}/revise`, { version: sent.version }));
    expect(v2).toMatchObject({ number: v1.number, revision: 2, previousId: v1.id, status: 'draft', total: v1.total, editable: true });
    expect(v2.lines?.map((l) => l.description)).toEqual(v1.lines?.map((l) => l.description));
    const old = await ok<Quote>(await rep.get(`/api/quotes/${v1.id}`));
    expect(old).toMatchObject({ supersededById: v2.id, status: 'sent', editable: false });
    expect((await rep.post(`/api/quotes/${v1.id}/accept`, { version: old.version })).json().error.code).toBe('quote_superseded');
    expect((await rep.post(`/api/quotes/${v1.id}/revise`, { version: old.version })).json().error.code).toBe('quote_superseded');
    const versions = await ok<{ items: { id: string; revision: number }[] }>(await rep.get(`/api/quotes/${v2.id}/versions`));
    expect(versions.items.map((v) => [v.id, v.revision])).toEqual([
      [v1.id, 1],
      [v2.id, 2],
    ]);
    // Lists show the latest version unless asked for all.
    const latest = await ok<{ items: Quote[] }>(await rep.get(`/api/quotes?q=${v1.number}`));
    expect(latest.items.map((i) => i.id)).toEqual([v2.id]);
    const all = await ok<{ items: Quote[] }>(await rep.get(`/api/quotes?q=${v1.number}&allVersions=true&sort=createdAt`));
    expect(all.items.map((i) => i.id)).toEqual([v1.id, v2.id]);
    // Deleting version 2 makes version 1 the latest again; restoring it puts it back on top.
    expect((await rep.delete(`/api/quotes/${v1.id}`)).json().error.code).toBe('quote_superseded');
    expect((await rep.delete(`/api/quotes/${v2.id}`)).statusCode).toBe(204);
    expect((await ok<Quote>(await rep.get(`/api/quotes/${v1.id}`))).supersededById).toBeNull();
    expect((await rep.post(`/api/recycle-bin/quotes/${v2.id}/restore`)).statusCode).toBe(204);
    expect((await ok<Quote>(await rep.get(`/api/quotes/${v1.id}`))).supersededById).toBe(v2.id);
  });

  test('search by number or customer name; filters by organization and status', async () => {
    const q = await created(await rep.post('/api/quotes', twoLineQuote()));
    for (const qs of [`?q=${encodeURIComponent('华联')}`, `?q=${q.number.toLowerCase()}`, `?organizationId=${org.id}&status=draft`, '?sort=-total&limit=200']) {
      const page = await ok<{ items: Quote[] }>(await rep.get(`/api/quotes${qs}${qs.includes('limit') ? '' : '&limit=200'}`));
      expect(
        page.items.map((i) => i.id),
        qs,
      ).toContain(q.id);
    }
    const page1 = await ok<{ items: Quote[]; nextCursor: string }>(await rep.get('/api/quotes?sort=-total&limit=2'));
    const page2 = await ok<{ items: Quote[] }>(await rep.get(`/api/quotes?sort=-total&limit=2&cursor=${page1.nextCursor}`));
    expect(page2.items.map((i) => i.id)).not.toContain(page1.items[0].id);
    expect((await rep.get('/api/quotes?status=bogus')).statusCode).toBe(400);
    expect((await rep.get('/api/quotes?sort=bogus')).statusCode).toBe(400);
  });
});

describe('orders seam', () => {
  test('getQuoteForOrder returns an accepted quote in scope; 409 before acceptance; 404 outside scope', async () => {
    const contact = await created<{ id: string }>(await rep.post('/api/contacts', { name: '赵敏' }));
    const q = await created(await rep.post('/api/quotes', twoLineQuote({ contactId: contact.id })));
    const ctxOf = async (u: TestUser): Promise<Ctx> => {
      const id = await loadIdentity(t.database.db, u.id);
      if (!id) throw new Error('no identity');
      return {
        db: t.database.db,
        config: t.config,
        actor: { userId: id.id, teamId: id.teamId, teamPath: id.teamPath, permissions: parsePermissions(id.permissions), ip: null },
      };
    };
    const repCtx = await ctxOf(users.rep);
    await expect(getQuoteForOrder(t.database.db, repCtx, q.id)).rejects.toMatchObject({ status: 409, code: 'quote_not_accepted' });
    const sent = await ok<Quote>(await rep.post(`/api/quotes/${q.id}/send`, { version: q.version }));
    await ok(await rep.post(`/api/quotes/${q.id}/accept`, { version: sent.version }));
    const forOrder = await getQuoteForOrder(t.database.db, repCtx, q.id);
    expect(forOrder).toMatchObject({
      number: q.number,
      currency: 'CNY',
      organizationId: org.id,
      contactId: contact.id,
      totalMinor: 2_078_975,
      taxMinor: 236_232,
    });
    expect(forOrder.lines.map((l) => l.totalMinor).reduce((a, b) => a + b, 0)).toBe(forOrder.totalMinor);
    await expect(getQuoteForOrder(t.database.db, await ctxOf(users.outsider), q.id)).rejects.toMatchObject({ status: 404 });
  });
});

describe('PDF', () => {
  test('the PDF is application/pdf with the Chinese customer name, the lines and the total as text', async () => {
    expect(await ok(await admin.get('/api/settings/company'))).toEqual({ name: '', address: '', phone: '', email: '', website: '' });
    await ok(
      await t.app.inject({
        method: 'PUT',
        url: '/api/settings/company',
        headers: { authorization: `Bearer ${users.admin.token}` },
        payload: {
          name: '关系软件（上海）有限公司',
          address: '上海市浦东新区世纪大道 100 号',
          phone: '021-5555 8888',
          email: 'sales@guanxi.example',
          website: '',
        },
      }),
    );
    const q = await created(await rep.post('/api/quotes', twoLineQuote({ title: '门店信息化升级报价', notes: '含税价，付款方式：预付 30%，验收后 70%。' })));
    for (const [lang, labels] of [
      ['zh-CN', ['报价单', '总计', '小计', '整单折扣']],
      ['en', ['QUOTATION', 'Total', 'Subtotal', 'Quote discount']],
    ] as const) {
      const res = await rep.get(`/api/quotes/${q.id}/pdf?lang=${lang}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      // Subset embedding keeps the 10 MB font out of the file.
      expect(res.rawPayload.length).toBeLessThan(300_000);
      const text = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: res.rawPayload }).stdout.toString();
      for (const s of ['上海华联超市有限公司', '关系软件（上海）有限公司', '商务笔记本电脑', '¥20,789.75', q.number, ...labels])
        expect(text, `${lang}: ${s}`).toContain(s);
    }
    expect((await rep.get(`/api/quotes/${q.id}/pdf?lang=fr`)).statusCode).toBe(400);
    expect((await as(users.outsider).get(`/api/quotes/${q.id}/pdf`)).statusCode).toBe(404);
  });

  test('company settings: a rep without settings access can neither read nor change them', async () => {
    expect((await rep.get('/api/settings/company')).statusCode).toBe(403);
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/settings/company',
      headers: { authorization: `Bearer ${users.rep.token}` },
      payload: { name: 'x' },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('approvals', () => {
  test('a discount above the role threshold goes to approval: locked while pending, sent when approved', async () => {
    const salesRep = await roleId(t.database.db, 'sales_rep');
    const adminRole = await roleId(t.database.db, 'admin');
    await ok(
      await t.app.inject({
        method: 'PUT',
        url: '/api/settings/approvals',
        headers: { authorization: `Bearer ${users.admin.token}` },
        payload: { policies: [{ roleId: salesRep, maxDiscountPercent: '15', contractThreshold: null, finalRoleId: adminRole }], managers: [] },
      }),
    );
    // 5% quote discount on lines already 10% off is within 15%: sent straight away.
    const small = await created(await rep.post('/api/quotes', twoLineQuote()));
    expect((await ok<Quote>(await rep.post(`/api/quotes/${small.id}/send`, { version: small.version }))).status).toBe('sent');

    const big = await created(await rep.post('/api/quotes', twoLineQuote({ discountPercent: '20' })));
    const pending = await ok<Quote>(await rep.post(`/api/quotes/${big.id}/send`, { version: big.version }));
    expect(pending.status).toBe('pending_approval');
    expect(pending.approvalRequestId).not.toBeNull();
    const edit = await rep.patch(`/api/quotes/${big.id}`, { version: pending.version, discountPercent: '1' });
    expect([edit.statusCode, edit.json().error.code]).toEqual([409, 'locked']);
    expect((await rep.post(`/api/quotes/${big.id}/revise`, { version: pending.version })).json().error.code).toBe('locked');
    expect((await rep.delete(`/api/quotes/${big.id}`)).json().error.code).toBe('locked');
    await ok(await admin.post(`/api/approvals/${pending.approvalRequestId}/approve`, { comment: '同意' }));
    const approved = await ok<Quote>(await rep.get(`/api/quotes/${big.id}`));
    expect(approved.status).toBe('sent');

    const again = await created(await rep.post('/api/quotes', twoLineQuote({ discountPercent: '30' })));
    const waiting = await ok<Quote>(await rep.post(`/api/quotes/${again.id}/send`, { version: again.version }));
    await ok(await admin.post(`/api/approvals/${waiting.approvalRequestId}/reject`, { comment: '折扣过大' }));
    const back = await ok<Quote>(await rep.get(`/api/quotes/${again.id}`));
    expect(back).toMatchObject({ status: 'draft', editable: true });
  });
});

describe('global search', () => {
  test('finds the latest version by number or customer name, within scope only', async () => {
    const v1 = await created(await rep.post('/api/quotes', twoLineQuote({ title: '冷链设备报价' })));
    const v2 = await ok<Quote>(await rep.post(`/api/quotes/${v1.id}/revise`, { version: v1.version }));
    const found = async (c: Client, q: string) =>
      (
        await ok<{ items: { type: string; id: string; title: string }[] }>(await c.get(`/api/search?types=quotes&limit=50&q=${encodeURIComponent(q)}`))
      ).items.map((i) => i.id);
    expect(await found(rep, v1.number)).toEqual([v2.id]);
    expect(await found(rep, '冷链设备')).toEqual([v2.id]);
    expect(await found(rep, '华联')).toContain(v2.id);
    expect(await found(as(users.outsider), v1.number)).toEqual([]);
    expect((await rep.delete(`/api/quotes/${v2.id}`)).statusCode).toBe(204);
    expect(await found(rep, v1.number)).toEqual([v1.id]);
  });
});
