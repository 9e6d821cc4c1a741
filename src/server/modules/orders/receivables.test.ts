import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fromMinor, sumMinor, toMinor } from '../../../shared/money.js';
import type { OrderDetail, ReceivablePage } from '../../../shared/schemas/orders.js';
import { makeOrganization } from '../../test/customerFactories.js';
import { makeTeam, makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';
import { runCollectionReminders } from './collection.js';

let t: TestApp;
let adminUser: TestUser;
let admin: Client;
let repUser: TestUser;
let rep: Client;
let otherRep: Client;
let managerUser: TestUser;

const ASOF = '2026-06-30';
/** The date `days` before ASOF (negative: after). */
const before = (days: number) => new Date(Date.parse(`${ASOF}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
const put = (token: string, url: string, payload: unknown) =>
  t.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${token}` }, payload: payload as object });

async function ok<T>(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<T> {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}

/** An active order of the rep with one installment per [days overdue as of ASOF, amount]. */
async function orderDue(owner: TestUser, c: Client, plan: [number, string][], currency = 'CNY') {
  const org = await makeOrganization(t, { ownerId: owner.id, name: `应收客户 ${Math.random().toString(36).slice(2, 6)}` });
  const total = fromMinor(sumMinor(plan.map(([, a]) => toMinor(a))));
  const order = await ok<OrderDetail>(
    await c.post('/api/orders', { organizationId: org.id, currency, lines: [{ description: '服务', quantity: '1', unitPrice: total }] }),
    201,
  );
  const planned = await ok<OrderDetail>(
    await put(owner.token, `/api/orders/${order.id}/installments`, {
      version: order.version,
      installments: plan.map(([d, amount]) => ({ dueOn: before(d), amount })),
    }),
  );
  return ok<OrderDetail>(await c.post(`/api/orders/${order.id}/transition`, { to: 'active', version: planned.version }));
}

let aging: OrderDetail;

beforeAll(async () => {
  t = await createTestApp();
  adminUser = await makeUser(t, { role: 'admin' });
  admin = client(t.app, adminUser.token);
  const team = await makeTeam(t.database.db, '华东销售');
  repUser = await makeUser(t, { role: 'sales_rep', teamId: team.id, name: '张敏' });
  rep = client(t.app, repUser.token);
  otherRep = client(t.app, (await makeUser(t, { role: 'sales_rep', teamId: team.id })).token);
  managerUser = await makeUser(t, { role: 'sales_manager', teamId: team.id });
  // Bucket edges: not due (today, +5), 0–30 (1, 30), 31–60 (31, 60), 61–90 (61, 90), 90+ (91, 400).
  aging = await orderDue(repUser, rep, [
    [400, '0.10'],
    [91, '0.20'],
    [90, '1.00'],
    [61, '2.00'],
    [60, '10.00'],
    [31, '20.00'],
    [30, '100.00'],
    [1, '200.00'],
    [0, '1000.00'],
    [-5, '2000.00'],
  ]);
}, 60_000);
afterAll(async () => t?.close());

describe('receivables', () => {
  test('aging buckets and totals as of a fixed date, summed in SQL to the cent', async () => {
    const page = await ok<ReceivablePage>(await rep.get(`/api/receivables?asOf=${ASOF}&orderId=${aging.id}&limit=200`));
    expect(page.asOf).toBe(ASOF);
    expect(page.totals).toEqual([
      {
        currency: 'CNY',
        outstanding: '3333.30',
        overdue: '333.30',
        buckets: { current: '3000.00', d0_30: '300.00', d31_60: '30.00', d61_90: '3.00', d90_plus: '0.30' },
      },
    ]);
    expect(page.items.map((i) => [i.daysOverdue, i.bucket])).toEqual([
      [400, 'd90_plus'],
      [91, 'd90_plus'],
      [90, 'd61_90'],
      [61, 'd61_90'],
      [60, 'd31_60'],
      [31, 'd31_60'],
      [30, 'd0_30'],
      [1, 'd0_30'],
      [0, 'current'],
      [0, 'current'],
    ]);
    expect(page.items[0].orderNumber).toBe(aging.number);
    expect(page.items[0].ownerName).toBe('张敏');
  });

  test('bucket and overdue filters, keyset pages and partial payments', async () => {
    const bucket = await ok<ReceivablePage>(await rep.get(`/api/receivables?asOf=${ASOF}&orderId=${aging.id}&bucket=d31_60`));
    expect(bucket.items.map((i) => i.amount)).toEqual(['10.00', '20.00']);
    expect(bucket.totals[0].outstanding).toBe('30.00');
    const overdue = await ok<ReceivablePage>(await rep.get(`/api/receivables?asOf=${ASOF}&orderId=${aging.id}&overdue=true&limit=3`));
    expect(overdue.items).toHaveLength(3);
    expect(overdue.totals[0].outstanding).toBe('333.30');
    const next = await ok<ReceivablePage>(await rep.get(`/api/receivables?asOf=${ASOF}&orderId=${aging.id}&overdue=true&limit=3&cursor=${overdue.nextCursor}`));
    expect(next.items.map((i) => i.amount)).toEqual(['2.00', '10.00', '20.00']);
    // The oldest installment is paid off, the next in part.
    await ok(await rep.post('/api/payments', { orderId: aging.id, amount: '0.25', receivedOn: ASOF }), 201);
    const after = await ok<ReceivablePage>(await rep.get(`/api/receivables?asOf=${ASOF}&orderId=${aging.id}&bucket=d90_plus`));
    expect(after.items.map((i) => [i.amount, i.paid, i.outstanding])).toEqual([['0.20', '0.15', '0.05']]);
    expect(after.totals[0].buckets.d90_plus).toBe('0.05');
  });

  test('another rep sees none of it; a role without orders gets 403', async () => {
    const page = await ok<ReceivablePage>(await otherRep.get(`/api/receivables?asOf=${ASOF}&orderId=${aging.id}`));
    expect(page.items).toEqual([]);
    expect(page.totals).toEqual([]);
    const none = client(t.app, (await makeUser(t, { role: 'marketing' })).token);
    expect((await none.get('/api/receivables')).statusCode).toBe(403);
    expect((await ok<ReceivablePage>(await admin.get(`/api/receivables?asOf=${ASOF}&orderId=${aging.id}`))).items.length).toBeGreaterThan(0);
  });
});

describe('collection reminders', () => {
  const reminders = async (c: Client) =>
    ((await c.get('/api/notifications?limit=100')).json().items as { kind: string; title: string; link: string }[]).filter(
      (n) => n.kind === 'orders.collection',
    );

  test('one notification per overdue installment, once; again only after the repeat period', async () => {
    const owner = await makeUser(t, { role: 'sales_rep', name: '陈静' });
    const c = client(t.app, owner.token);
    const order = await orderDue(owner, c, [
      [40, '100.00'],
      [3, '50.00'],
      [-10, '25.00'],
    ]);
    const at = new Date(`${ASOF}T01:30:00Z`);
    const first = await runCollectionReminders(t.database.db, { at });
    expect(first).toBeGreaterThanOrEqual(2);
    const mine = await reminders(c);
    expect(mine).toHaveLength(2);
    expect(mine.every((n) => n.link === `/orders/${order.id}`)).toBe(true);
    expect(mine.map((n) => n.title).sort()).toEqual([`Payment overdue: ${order.number}, installment 1`, `Payment overdue: ${order.number}, installment 2`]);
    expect(await runCollectionReminders(t.database.db, { at })).toBe(0);
    // The next day's run (other tests' installments may fall due then) sends this owner nothing new.
    await runCollectionReminders(t.database.db, { at: new Date(Date.parse(at.toISOString()) + 86_400_000) });
    expect(await reminders(c)).toHaveLength(2);
    // A week later (the default repeat), both are still overdue and remind again.
    await runCollectionReminders(t.database.db, { at: new Date(Date.parse(at.toISOString()) + 8 * 86_400_000) });
    expect(await reminders(c)).toHaveLength(4);
    const detail = await ok<OrderDetail>(await c.get(`/api/orders/${order.id}`));
    expect(detail.installments.map((i) => i.remindedAt !== null)).toEqual([true, true, false]);
  });

  test('with repeats off, an installment is reminded only once; a paid one never', async () => {
    const owner = await makeUser(t, { role: 'sales_rep' });
    const c = client(t.app, owner.token);
    expect((await put(adminUser.token, '/api/settings/orders', { reminderRepeatDays: null })).statusCode).toBe(200);
    const order = await orderDue(owner, c, [
      [10, '5.00'],
      [5, '7.00'],
    ]);
    await ok(await c.post('/api/payments', { orderId: order.id, amount: '5.00', receivedOn: ASOF }), 201);
    const at = new Date(`${ASOF}T02:00:00Z`);
    await runCollectionReminders(t.database.db, { at });
    await runCollectionReminders(t.database.db, { at: new Date(Date.parse(at.toISOString()) + 30 * 86_400_000) });
    expect(await reminders(c)).toHaveLength(1);
    expect((await ok<{ reminderRepeatDays: number | null }>(await admin.get('/api/settings/orders'))).reminderRepeatDays).toBeNull();
    expect((await put(adminUser.token, '/api/settings/orders', { reminderRepeatDays: 7 })).statusCode).toBe(200);
  });

  test('remind now: managers and admins only, within their scope', async () => {
    expect((await rep.post('/api/receivables/remind')).statusCode).toBe(403);
    expect((await put(repUser.token, '/api/settings/orders', { reminderRepeatDays: 3 })).statusCode).toBe(403);
    const manager = client(t.app, managerUser.token);
    const res = await ok<{ reminded: number }>(await manager.post('/api/receivables/remind'));
    expect(res.reminded).toBeGreaterThanOrEqual(0);
    const again = await ok<{ reminded: number }>(await manager.post('/api/receivables/remind'));
    expect(again.reminded).toBe(0);
  });
});
