import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OrderDetail } from '../../../shared/schemas/orders.js';
import { makeOrganization } from '../../test/customerFactories.js';
import { makeUser, roleId, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let adminUser: TestUser;
let admin: Client;
let repUser: TestUser;
let rep: Client;

const put = (token: string, url: string, payload: unknown) =>
  t.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${token}` }, payload: payload as object });

async function ok<T>(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<T> {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}

beforeAll(async () => {
  t = await createTestApp();
  adminUser = await makeUser(t, { role: 'admin' });
  admin = client(t.app, adminUser.token);
  repUser = await makeUser(t, { role: 'sales_rep', name: '赵磊' });
  rep = client(t.app, repUser.token);
  const db = t.database.db;
  // Sales reps' contracts above ¥10,000 go to an administrator.
  await ok(
    await put(adminUser.token, '/api/settings/approvals', {
      policies: [
        {
          roleId: await roleId(db, 'sales_rep'),
          maxDiscountPercent: null,
          contractThreshold: '10000.00',
          currency: 'CNY',
          finalRoleId: await roleId(db, 'admin'),
        },
      ],
      managers: [],
    }),
  );
}, 60_000);
afterAll(async () => t?.close());

async function draftOrder(unitPrice: string) {
  const org = await makeOrganization(t, { ownerId: repUser.id, name: `审批客户 ${Math.random().toString(36).slice(2, 6)}` });
  return ok<OrderDetail>(
    await rep.post('/api/orders', { organizationId: org.id, kind: 'contract', lines: [{ description: '系统集成', quantity: '1', unitPrice }] }),
    201,
  );
}

async function requestOf(orderId: string): Promise<string> {
  const inbox = await ok<{ items: { id: string; subjectType: string; subjectId: string }[] }>(await admin.get('/api/approvals?limit=100'));
  const found = inbox.items.find((r) => r.subjectType === 'order' && r.subjectId === orderId);
  if (!found) throw new Error('no approval request');
  return found.id;
}

describe('order approval', () => {
  test('a contract at the threshold activates at once', async () => {
    const order = await draftOrder('10000.00');
    const active = await ok<OrderDetail>(await rep.post(`/api/orders/${order.id}/transition`, { to: 'active', version: order.version }));
    expect(active.status).toBe('active');
  });

  test('a contract above it waits, locked, for approval; approval activates it and restarts the customer deal clock', async () => {
    const order = await draftOrder('10000.01');
    const pending = await ok<OrderDetail>(await rep.post(`/api/orders/${order.id}/transition`, { to: 'active', version: order.version }));
    expect(pending.status).toBe('pending_approval');
    const edit = await rep.patch(`/api/orders/${order.id}`, { version: pending.version, notes: 'x' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('locked');
    expect(
      (
        await put(repUser.token, `/api/orders/${order.id}/installments`, {
          version: pending.version,
          installments: [{ dueOn: '2026-01-01', amount: '10000.01' }],
        })
      ).json().error.code,
    ).toBe('locked');
    expect((await rep.delete(`/api/orders/${order.id}`)).json().error.code).toBe('locked');
    expect((await rep.post(`/api/orders/${order.id}/transition`, { to: 'cancelled', version: pending.version })).json().error.code).toBe('locked');

    const trail = await ok<{ items: { subjectTitle: string; amount: string }[] }>(await rep.get(`/api/approvals/trail?type=order&id=${order.id}`));
    expect(trail.items[0].subjectTitle).toContain(order.number);
    expect(trail.items[0].amount).toBe('10000.01');
    await ok(await admin.post(`/api/approvals/${await requestOf(order.id)}/approve`, { comment: '同意' }));
    const approved = await ok<OrderDetail>(await rep.get(`/api/orders/${order.id}`));
    expect(approved.status).toBe('active');
    expect(approved.activatedAt).not.toBeNull();
    const org = await t.database.db.selectFrom('organizations').select('lastDealAt').where('id', '=', order.organizationId).executeTakeFirstOrThrow();
    expect(org.lastDealAt).not.toBeNull();
  });

  test('a rejected contract goes back to draft and can be changed again', async () => {
    const order = await draftOrder('25000.00');
    const pending = await ok<OrderDetail>(await rep.post(`/api/orders/${order.id}/transition`, { to: 'active', version: order.version }));
    await ok(await admin.post(`/api/approvals/${await requestOf(order.id)}/reject`, { comment: '价格过低' }));
    const back = await ok<OrderDetail>(await rep.get(`/api/orders/${order.id}`));
    expect(back.status).toBe('draft');
    expect(back.version).toBeGreaterThan(pending.version);
    await ok(await rep.patch(`/api/orders/${order.id}`, { version: back.version, lines: [{ description: '系统集成', quantity: '1', unitPrice: '9000' }] }));
  });
});
