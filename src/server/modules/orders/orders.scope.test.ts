import { makeOrganization } from '../../test/customerFactories.js';
import { makeUser } from '../../test/factories.js';
import { describeScopeEnforcement } from '../../test/permissionSuite.js';
import { client, type TestApp } from '../../test/testApp.js';

const orgOf = new Map<string, string>();
const ownerOf = new Map<string, string>();
const orderOf = new Map<string, string>();

/** An order of `ownerId` for a customer of theirs, made by an administrator through the API. */
async function makeOrder(t: TestApp, ownerId: string) {
  const org = await makeOrganization(t, { ownerId, name: 'Scope 订单 Co.' });
  const admin = client(t.app, (await makeUser(t, { role: 'admin' })).token);
  const res = await admin.post('/api/orders', {
    organizationId: org.id,
    ownerId,
    kind: 'contract',
    lines: [{ description: '隐藏 order line', quantity: '1', unitPrice: '120' }],
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return { admin, order: res.json() as { id: string; version: number; number: string }, orgId: org.id };
}

// An order belongs to its owner and the owner's team at assignment, like an organization.
describeScopeEnforcement('orders', {
  path: '/api/orders',
  module: 'orders',
  type: 'orders',
  create: async (t, owner) => {
    const { order, orgId } = await makeOrder(t, owner.userId);
    orgOf.set(order.id, orgId);
    ownerOf.set(order.id, owner.userId);
    return order.id;
  },
  patch: (r) => ({ version: r.version, notes: 'Changed by an outsider' }),
  filters: (hidden) => [
    `?organizationId=${orgOf.get(hidden.id)}&total=true`,
    `?ownerId=${ownerOf.get(hidden.id)}&total=true`,
    '?kind=contract&status=draft&sort=-updatedAt&total=true',
    '?q=SO-&sort=number&total=true',
  ],
});

// A payment carries the order owner's scope from when it was recorded.
describeScopeEnforcement('payments', {
  path: '/api/payments',
  module: 'orders',
  type: 'payments',
  create: async (t, owner) => {
    const { admin, order, orgId } = await makeOrder(t, owner.userId);
    const planned = await t.app.inject({
      method: 'PUT',
      url: `/api/orders/${order.id}/installments`,
      headers: { authorization: `Bearer ${(await makeUser(t, { role: 'admin' })).token}` },
      payload: { version: order.version, installments: [{ dueOn: '2026-03-01', amount: '120' }] },
    });
    if (planned.statusCode !== 200) throw new Error(planned.body);
    const active = await admin.post(`/api/orders/${order.id}/transition`, { to: 'active', version: planned.json().version });
    if (active.statusCode !== 200) throw new Error(active.body);
    const res = await admin.post('/api/payments', { orderId: order.id, amount: '20', receivedOn: '2026-02-15' });
    if (res.statusCode !== 201) throw new Error(res.body);
    orgOf.set(res.json().id, orgId);
    orderOf.set(res.json().id, order.id);
    ownerOf.set(res.json().id, owner.userId);
    return res.json().id;
  },
  patch: (r) => ({ version: r.version, reference: 'Changed by an outsider' }),
  filters: (hidden) => [
    `?organizationId=${orgOf.get(hidden.id)}&total=true`,
    `?orderId=${orderOf.get(hidden.id)}&total=true`,
    `?ownerId=${ownerOf.get(hidden.id)}&total=true`,
    '?receivedFrom=2026-02-15&receivedTo=2026-02-15&sort=-receivedOn&total=true',
  ],
});
