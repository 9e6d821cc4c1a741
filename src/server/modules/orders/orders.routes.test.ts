import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toMinor } from '../../../shared/money.js';
import type { OrderDetail, Payment } from '../../../shared/schemas/orders.js';
import { makeOrganization } from '../../test/customerFactories.js';
import { makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let admin: Client;
let repUser: TestUser;
let rep: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = client(t.app, (await makeUser(t, { role: 'admin' })).token);
  repUser = await makeUser(t, { role: 'sales_rep', name: '王伟' });
  rep = client(t.app, repUser.token);
}, 60_000);
afterAll(async () => t?.close());

async function ok<T>(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<T> {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}

async function newOrder(c: Client, lines: { description: string; quantity: string; unitPrice: string }[], extra: Record<string, unknown> = {}) {
  const org = await makeOrganization(t, { name: `订单客户 ${Math.random().toString(36).slice(2, 6)}`, ownerId: repUser.id });
  return ok<OrderDetail>(await c.post('/api/orders', { organizationId: org.id, lines, ...extra }), 201);
}

async function activeOrderWithPlan(plan: { dueOn: string; amount: string }[], unitPrice: string) {
  const order = await newOrder(rep, [{ description: '年度服务', quantity: '1', unitPrice }]);
  const planned = await ok<OrderDetail>(await put(repUser.token, `/api/orders/${order.id}/installments`, { version: order.version, installments: plan }));
  return ok<OrderDetail>(await rep.post(`/api/orders/${order.id}/transition`, { to: 'active', version: planned.version }));
}

/** The test client has no PUT; the plan endpoint is one. */
const put = (token: string, url: string, payload: unknown) =>
  t.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${token}` }, payload: payload as object });

describe('orders', () => {
  test('an order made from lines totals them exactly and gets a yearly number', async () => {
    const order = await newOrder(rep, [
      { description: '软件许可', quantity: '1', unitPrice: '0.10' },
      { description: '实施服务', quantity: '1', unitPrice: '0.20' },
    ]);
    expect(order.total).toBe('0.30');
    expect(order.subtotal).toBe('0.30');
    expect(order.paid).toBe('0.00');
    expect(order.status).toBe('draft');
    expect(order.kind).toBe('order');
    expect(order.number).toMatch(new RegExp(`^SO-${new Date().getUTCFullYear()}-\\d{6}$`));
    expect(order.lines.map((l) => [l.lineNo, l.total])).toEqual([
      [1, '0.10'],
      [2, '0.20'],
    ]);
    expect(order.ownerId).toBe(repUser.id);
  });

  test('large CNY totals and fractional quantities stay exact', async () => {
    const order = await newOrder(rep, [
      { description: '大额设备', quantity: '3', unitPrice: '33333333333.33' },
      { description: '耗材', quantity: '1.5', unitPrice: '0.03' },
    ]);
    // 99,999,999,999.99 + 0.045 → 0.05 (half-up on the line)
    expect(order.lines[0].total).toBe('99999999999.99');
    expect(order.lines[1].total).toBe('0.05');
    expect(order.total).toBe('100000000000.04');
    const tooLarge = await rep.post('/api/orders', {
      organizationId: order.organizationId,
      lines: [{ description: '超额', quantity: '2', unitPrice: '999999999999.99' }],
    });
    expect(tooLarge.statusCode).toBe(400);
  });

  test('numbers are unique when orders are created at the same time', async () => {
    const org = await makeOrganization(t, { ownerId: repUser.id });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => rep.post('/api/orders', { organizationId: org.id, lines: [{ description: 'x', quantity: '1', unitPrice: '1' }] })),
    );
    const numbers = results.map((r) => {
      expect(r.statusCode, r.body).toBe(201);
      return r.json().number;
    });
    expect(new Set(numbers).size).toBe(8);
  });

  test('an order needs a customer and lines; bad amounts answer 400', async () => {
    expect((await rep.post('/api/orders', { lines: [{ description: 'x', quantity: '1', unitPrice: '1' }] })).statusCode).toBe(400);
    const org = await makeOrganization(t, { ownerId: repUser.id });
    expect((await rep.post('/api/orders', { organizationId: org.id, lines: [] })).statusCode).toBe(400);
    const bad = await rep.post('/api/orders', { organizationId: org.id, lines: [{ description: 'x', quantity: '1', unitPrice: '0.001' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty(['lines.0.unitPrice']);
  });

  test('the payment plan must add up to the total exactly (422 otherwise), sorted by due date', async () => {
    const order = await newOrder(rep, [{ description: '服务', quantity: '1', unitPrice: '100.00' }]);
    const short = await put(repUser.token, `/api/orders/${order.id}/installments`, {
      version: order.version,
      installments: [
        { dueOn: '2026-01-10', amount: '33.33' },
        { dueOn: '2026-02-10', amount: '33.33' },
        { dueOn: '2026-03-10', amount: '33.33' },
      ],
    });
    expect(short.statusCode).toBe(422);
    expect(short.json().error.code).toBe('plan_sum_mismatch');
    expect(short.json().error.message).toContain('99.99');
    const planned = await ok<OrderDetail>(
      await put(repUser.token, `/api/orders/${order.id}/installments`, {
        version: order.version,
        installments: [
          { dueOn: '2026-03-10', amount: '33.34' },
          { dueOn: '2026-01-10', amount: '33.33' },
          { dueOn: '2026-02-10', amount: '33.33' },
        ],
      }),
    );
    expect(planned.installments.map((i) => [i.seq, i.dueOn, i.amount, i.status])).toEqual([
      [1, '2026-01-10', '33.33', 'open'],
      [2, '2026-02-10', '33.33', 'open'],
      [3, '2026-03-10', '33.34', 'open'],
    ]);
    expect(planned.version).toBe(order.version + 1);
    expect(
      (await put(repUser.token, `/api/orders/${order.id}/installments`, { version: order.version, installments: [{ dueOn: '2026-01-01', amount: '100' }] }))
        .statusCode,
    ).toBe(409);
  });

  test('activation without an approval policy makes the order active; lines are then fixed', async () => {
    const order = await newOrder(rep, [{ description: '服务', quantity: '2', unitPrice: '50' }], { kind: 'contract', signedOn: '2026-01-05' });
    const active = await ok<OrderDetail>(await rep.post(`/api/orders/${order.id}/transition`, { to: 'active', version: order.version }));
    expect(active.status).toBe('active');
    expect(active.activatedAt).not.toBeNull();
    const edit = await rep.patch(`/api/orders/${order.id}`, { version: active.version, lines: [{ description: 'y', quantity: '1', unitPrice: '1' }] });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('order_not_draft');
    const notes = await ok<OrderDetail>(await rep.patch(`/api/orders/${order.id}`, { version: active.version, notes: '客户要求开专票' }));
    expect(notes.notes).toBe('客户要求开专票');
    expect((await rep.post(`/api/orders/${order.id}/transition`, { to: 'active', version: notes.version })).statusCode).toBe(409);
    const org = await admin.get(`/api/organizations/${order.organizationId}`);
    expect(org.statusCode).toBe(200);
  });

  test('editing a draft line total clears a plan that no longer adds up', async () => {
    const order = await newOrder(rep, [{ description: '服务', quantity: '1', unitPrice: '10' }]);
    const planned = await ok<OrderDetail>(
      await put(repUser.token, `/api/orders/${order.id}/installments`, { version: order.version, installments: [{ dueOn: '2026-05-01', amount: '10' }] }),
    );
    const edited = await ok<OrderDetail>(
      await rep.patch(`/api/orders/${order.id}`, { version: planned.version, lines: [{ description: '服务', quantity: '2', unitPrice: '10' }] }),
    );
    expect(edited.total).toBe('20.00');
    expect(edited.installments).toEqual([]);
  });
});

describe('orders from quotes', () => {
  test('an accepted quote becomes one order with its lines and totals; a second order from it answers 409', async () => {
    const org = await makeOrganization(t, { ownerId: repUser.id, name: '报价转订单客户' });
    const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const quote = await ok<{ id: string; version: number; total: string }>(
      await rep.post('/api/quotes', {
        organizationId: org.id,
        currency: 'CNY',
        discountPercent: '5',
        validUntil,
        lines: [
          { description: '软件许可', quantity: '3', unitPrice: '0.10', taxRate: '13' },
          { description: '实施服务', quantity: '1', unitPrice: '0.20', taxRate: '6' },
        ],
      }),
      201,
    );
    const draftTry = await rep.post('/api/orders', { quoteId: quote.id });
    expect(draftTry.statusCode).toBe(409);
    const sent = await ok<{ version: number }>(await rep.post(`/api/quotes/${quote.id}/send`, { version: quote.version }));
    await ok(await rep.post(`/api/quotes/${quote.id}/accept`, { version: sent.version }));
    const order = await ok<OrderDetail>(await rep.post('/api/orders', { quoteId: quote.id, kind: 'contract' }), 201);
    expect(order.quoteId).toBe(quote.id);
    expect(order.organizationId).toBe(org.id);
    expect(order.total).toBe(quote.total);
    expect(order.lines.map((l) => l.description)).toEqual(['软件许可', '实施服务']);
    expect(order.lines.reduce((sum, l) => sum + toMinor(l.total), 0)).toBe(toMinor(order.total));
    const again = await rep.post('/api/orders', { quoteId: quote.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('quote_already_ordered');
    expect((await rep.post('/api/orders', { quoteId: quote.id, lines: [{ description: 'x', quantity: '1', unitPrice: '1' }] })).statusCode).toBe(400);
  });
});

describe('payments', () => {
  test('on time, partial, and overpayment: installments and the order follow in one go', async () => {
    const order = await activeOrderWithPlan(
      [
        { dueOn: '2026-01-31', amount: '600.00' },
        { dueOn: '2026-02-28', amount: '400.00' },
      ],
      '1000.00',
    );
    const first = await ok<Payment>(
      await rep.post('/api/payments', { orderId: order.id, amount: '600.00', receivedOn: '2026-01-30', reference: '银行回单 001' }),
      201,
    );
    expect(first.allocations).toEqual([{ installmentId: order.installments[0].id, seq: 1, amount: '600.00' }]);
    expect(first.currency).toBe('CNY');
    const partial = await ok<Payment>(await rep.post('/api/payments', { orderId: order.id, amount: '150.10', receivedOn: '2026-03-05', method: 'cash' }), 201);
    expect(partial.installmentId).toBe(order.installments[1].id);
    let detail = await ok<OrderDetail>(await rep.get(`/api/orders/${order.id}`));
    expect(detail.paid).toBe('750.10');
    expect(detail.outstanding).toBe('249.90');
    expect(detail.installments.map((i) => [i.status, i.paid, i.paidOn])).toEqual([
      ['paid', '600.00', '2026-01-30'],
      ['open', '150.10', null],
    ]);
    const over = await rep.post('/api/payments', { orderId: order.id, amount: '249.91', receivedOn: '2026-03-06' });
    expect(over.statusCode).toBe(422);
    expect(over.json().error.code).toBe('overpayment');
    const paidAlready = await rep.post('/api/payments', { orderId: order.id, installmentId: order.installments[0].id, amount: '1', receivedOn: '2026-03-06' });
    expect(paidAlready.statusCode).toBe(409);
    // The final payment closes the receivable and completes the order.
    await ok<Payment>(await rep.post('/api/payments', { orderId: order.id, amount: '249.90', receivedOn: '2026-03-07' }), 201);
    detail = await ok<OrderDetail>(await rep.get(`/api/orders/${order.id}`));
    expect(detail.status).toBe('completed');
    expect(detail.outstanding).toBe('0.00');
    const open = await ok<{ items: unknown[] }>(await rep.get(`/api/receivables?orderId=${order.id}&asOf=2026-06-01`));
    expect(open.items).toEqual([]);
  });

  test('a payment above one installment spills into the next; deleting it gives every cent back', async () => {
    const order = await activeOrderWithPlan(
      [
        { dueOn: '2026-01-31', amount: '0.10' },
        { dueOn: '2026-02-28', amount: '0.20' },
      ],
      '0.30',
    );
    const pay = await ok<Payment>(await rep.post('/api/payments', { orderId: order.id, amount: '0.25', receivedOn: '2026-02-01' }), 201);
    expect(pay.allocations.map((a) => [a.seq, a.amount])).toEqual([
      [1, '0.10'],
      [2, '0.15'],
    ]);
    const explicitOver = await rep.post('/api/payments', {
      orderId: order.id,
      installmentId: order.installments[1].id,
      amount: '0.06',
      receivedOn: '2026-02-02',
    });
    expect(explicitOver.statusCode).toBe(422);
    expect((await rep.delete(`/api/payments/${pay.id}`)).statusCode).toBe(204);
    const detail = await ok<OrderDetail>(await rep.get(`/api/orders/${order.id}`));
    expect(detail.paid).toBe('0.00');
    expect(detail.installments.map((i) => [i.status, i.paid])).toEqual([
      ['open', '0.00'],
      ['open', '0.00'],
    ]);
    expect((await rep.get(`/api/payments/${pay.id}`)).statusCode).toBe(404);
    // Restored from the recycle bin, it pays the same installments again.
    expect((await rep.post(`/api/recycle-bin/payments/${pay.id}/restore`)).statusCode).toBe(204);
    expect((await ok<OrderDetail>(await rep.get(`/api/orders/${order.id}`))).paid).toBe('0.25');
  });

  test('payments need an active order with a plan; the list filters by order, customer and dates', async () => {
    const draft = await newOrder(rep, [{ description: '服务', quantity: '1', unitPrice: '10' }]);
    const notActive = await rep.post('/api/payments', { orderId: draft.id, amount: '1', receivedOn: '2026-01-01' });
    expect(notActive.statusCode).toBe(409);
    const active = await ok<OrderDetail>(await rep.post(`/api/orders/${draft.id}/transition`, { to: 'active', version: draft.version }));
    const noPlan = await rep.post('/api/payments', { orderId: active.id, amount: '1', receivedOn: '2026-01-01' });
    expect(noPlan.statusCode).toBe(422);
    expect(noPlan.json().error.code).toBe('no_payment_plan');

    const order = await activeOrderWithPlan([{ dueOn: '2026-04-30', amount: '90' }], '90');
    for (const [amount, on] of [
      ['10', '2026-04-01'],
      ['20', '2026-04-15'],
      ['30', '2026-05-02'],
    ]) {
      await ok(await rep.post('/api/payments', { orderId: order.id, amount, receivedOn: on }), 201);
    }
    const inApril = await ok<{ items: Payment[]; total: number }>(
      await rep.get(`/api/payments?orderId=${order.id}&receivedFrom=2026-04-01&receivedTo=2026-04-30&total=true`),
    );
    expect(inApril.items.map((p) => p.amount)).toEqual(['20.00', '10.00']);
    expect(inApril.total).toBe(2);
    const byOrg = await ok<{ items: Payment[] }>(await rep.get(`/api/payments?organizationId=${order.organizationId}&sort=receivedOn`));
    expect(byOrg.items.map((p) => p.receivedOn)).toEqual(['2026-04-01', '2026-04-15', '2026-05-02']);
    expect(byOrg.items[0].orderNumber).toBe(order.number);
    const edited = await ok<Payment>(await rep.patch(`/api/payments/${byOrg.items[0].id}`, { version: byOrg.items[0].version, reference: 'TX-88' }));
    expect(edited.reference).toBe('TX-88');
    expect(edited.amount).toBe('10.00');
  });

  test('an order with payments cannot be deleted or re-planned until they are gone', async () => {
    const order = await activeOrderWithPlan([{ dueOn: '2026-04-30', amount: '50' }], '50');
    const pay = await ok<Payment>(await rep.post('/api/payments', { orderId: order.id, amount: '5', receivedOn: '2026-04-01' }), 201);
    expect((await rep.delete(`/api/orders/${order.id}`)).json().error.code).toBe('order_has_payments');
    const detail = await ok<OrderDetail>(await rep.get(`/api/orders/${order.id}`));
    const replan = await put(repUser.token, `/api/orders/${order.id}/installments`, {
      version: detail.version,
      installments: [{ dueOn: '2026-05-01', amount: '50' }],
    });
    expect(replan.json().error.code).toBe('plan_has_payments');
    expect((await rep.delete(`/api/payments/${pay.id}`)).statusCode).toBe(204);
    expect((await rep.delete(`/api/orders/${order.id}`)).statusCode).toBe(204);
  });
});
