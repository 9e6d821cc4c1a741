import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { loadIdentity } from '../../platform/auth/sessions.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { makeTeam, makeUser, roleId, type TestUser } from '../../test/factories.js';
import { client, createTestApp, type TestApp } from '../../test/testApp.js';
import { registerApprovalSubject, submitForApproval } from './approvals.service.js';

let t: TestApp;
let users: Record<'admin' | 'director' | 'manager' | 'rep' | 'finance' | 'finance2', TestUser>;
let teams: Record<'root' | 'region' | 'branch', { id: string; path: string }>;
let roles: Record<'rep' | 'finance', string>;

/** A stand-in subject: remembers each decision, as a quote or an order would set its status. */
const decided = new Map<string, string>();
const as = (u: TestUser) => client(t.app, u.token);
const put = (u: TestUser, url: string, payload: object) => t.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${u.token}` }, payload });

async function ctxOf(u: TestUser): Promise<Ctx> {
  const id = await loadIdentity(t.database.db, u.id);
  if (!id) throw new Error('no identity');
  return {
    db: t.database.db,
    config: t.config,
    actor: { userId: id.id, teamId: id.teamId, teamPath: id.teamPath, permissions: JSON.parse(id.permissions), ip: null },
  };
}

async function submit(u: TestUser, input: { reason: 'discount' | 'amount'; amountMinor?: number; discountPercent?: string; currency?: string }) {
  const ctx = await ctxOf(u);
  const id = newId();
  const out = await t.database.db.transaction().execute((trx) => submitForApproval(trx, ctx, { type: 'order', id, ...input }));
  return { subjectId: id, ...out };
}

async function setPolicy(managers: { teamId: string; userId: string }[]) {
  const res = await put(users.admin, '/api/settings/approvals', {
    policies: [{ roleId: roles.rep, maxDiscountPercent: '10', contractThreshold: '500000.00', currency: 'CNY', finalRoleId: roles.finance }],
    managers,
  });
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const root = await makeTeam(db, '总部');
  const region = await makeTeam(db, '华东大区', root);
  teams = { root, region, branch: await makeTeam(db, '上海分部', region) };
  roles = { rep: await roleId(db, 'sales_rep'), finance: await roleId(db, 'marketing') };
  users = {
    admin: await makeUser(t, { role: 'admin', name: 'Admin' }),
    director: await makeUser(t, { role: 'sales_manager', teamId: teams.root.id, name: '总监' }),
    manager: await makeUser(t, { role: 'sales_manager', teamId: teams.region.id, name: '大区经理' }),
    rep: await makeUser(t, { role: 'sales_rep', teamId: teams.branch.id, name: '销售' }),
    finance: await makeUser(t, { role: 'marketing', name: '财务甲' }),
    finance2: await makeUser(t, { role: 'marketing', name: '财务乙' }),
  };
  registerApprovalSubject('order', {
    title: async (_db, id) => `合同 ${id.slice(-4)}`,
    onDecided: async (_trx, id, outcome) => {
      decided.set(id, outcome);
    },
    // As an order's scope would: only its owner sees it from the record side.
    canSee: async (ctx) => ctx.actor.userId === users.rep.id,
  });
}, 60_000);
afterAll(async () => t?.close());
beforeEach(() => decided.clear());

describe('policies', () => {
  test('only settings admins read or change policies; bad roles are named per field', async () => {
    expect((await as(users.rep).get('/api/settings/approvals')).statusCode).toBe(403);
    const bad = await put(users.admin, '/api/settings/approvals', {
      policies: [{ roleId: newId(), maxDiscountPercent: '5', contractThreshold: null, finalRoleId: roles.finance }],
      managers: [],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty(['policies.0.roleId']);
  });

  test('no approval under the thresholds; approval over them', async () => {
    await setPolicy([]);
    expect((await submit(users.rep, { reason: 'discount', discountPercent: '10' })).required).toBe(false);
    expect((await submit(users.rep, { reason: 'amount', amountMinor: 50_000_000, currency: 'CNY' })).required).toBe(false);
    expect((await submit(users.rep, { reason: 'discount', discountPercent: '10.01' })).required).toBe(true);
    expect((await submit(users.rep, { reason: 'amount', amountMinor: 50_000_001, currency: 'CNY' })).required).toBe(true);
    // Another currency cannot be compared without rates: people decide.
    expect((await submit(users.rep, { reason: 'amount', amountMinor: 100, currency: 'USD' })).required).toBe(true);
    // A role without a policy never needs approval.
    expect((await submit(users.manager, { reason: 'discount', discountPercent: '90' })).required).toBe(false);
  });
});

describe('chain', () => {
  test('managers up the team tree, each once and never the submitter, then the named role; every step recorded', async () => {
    // The branch has no manager of its own; the region's and the root's come next, the director twice is once.
    await setPolicy([
      { teamId: teams.region.id, userId: users.manager.id },
      { teamId: teams.root.id, userId: users.director.id },
    ]);
    const { subjectId, requestId } = await submit(users.rep, { reason: 'discount', discountPercent: '25' });
    const mine = (await as(users.rep).get('/api/approvals?box=mine')).json();
    const request = mine.items.find((r: { id: string }) => r.id === requestId);
    expect(request.steps.map((s: { kind: string; approverName: string | null; status: string }) => [s.kind, s.approverName, s.status])).toEqual([
      ['manager', '大区经理', 'pending'],
      ['manager', '总监', 'waiting'],
      ['role', null, 'waiting'],
    ]);
    expect(request.subjectTitle).toBe(`合同 ${subjectId.slice(-4)}`);
    // Not the director's turn yet, nor the submitter's.
    expect((await as(users.director).post(`/api/approvals/${requestId}/approve`, {})).statusCode).toBe(403);
    expect((await as(users.rep).post(`/api/approvals/${requestId}/approve`, {})).statusCode).toBe(403);
    expect((await as(users.manager).get('/api/approvals/count')).json().inbox).toBe(1);
    const first = await as(users.manager).post(`/api/approvals/${requestId}/approve`, { comment: '同意' });
    expect(first.statusCode, first.body).toBe(200);
    expect(decided.has(subjectId)).toBe(false);
    await as(users.director).post(`/api/approvals/${requestId}/approve`, {});
    // Any user of the named role may act on the last step.
    const inbox = (await as(users.finance2).get('/api/approvals?box=inbox')).json();
    expect(inbox.items.map((r: { id: string }) => r.id)).toContain(requestId);
    expect(inbox.items.find((r: { id: string }) => r.id === requestId).canAct).toBe(true);
    const last = (await as(users.finance2).post(`/api/approvals/${requestId}/approve`, { comment: '财务确认' })).json();
    expect(last.status).toBe('approved');
    expect(decided.get(subjectId)).toBe('approved');
    expect(last.steps.map((s: { actedByName: string; comment: string | null }) => [s.actedByName, s.comment])).toEqual([
      ['大区经理', '同意'],
      ['总监', null],
      ['财务乙', '财务确认'],
    ]);
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityType', '=', 'approvals')
      .where('entityId', '=', requestId as string)
      .execute();
    expect(audit).toHaveLength(4);
    // Decided is decided.
    expect((await as(users.finance).post(`/api/approvals/${requestId}/approve`, {})).statusCode).toBe(409);
    const done = (await as(users.manager).get('/api/approvals?box=done')).json();
    expect(done.items.map((r: { id: string }) => r.id)).toContain(requestId);
  });

  test('a manager who submits skips themselves; without managers the named role decides alone', async () => {
    await setPolicy([{ teamId: teams.region.id, userId: users.manager.id }]);
    const ownPolicy = await put(users.admin, '/api/settings/approvals', {
      policies: [
        { roleId: roles.rep, maxDiscountPercent: '10', contractThreshold: null, finalRoleId: roles.finance },
        { roleId: await roleId(t.database.db, 'sales_manager'), maxDiscountPercent: '20', contractThreshold: null, finalRoleId: roles.finance },
      ],
      managers: [{ teamId: teams.region.id, userId: users.manager.id }],
    });
    expect(ownPolicy.statusCode, ownPolicy.body).toBe(200);
    const { requestId } = await submit(users.manager, { reason: 'discount', discountPercent: '30' });
    const request = (await as(users.manager).get(`/api/approvals/${requestId}`)).json();
    expect(request.steps.map((s: { kind: string }) => s.kind)).toEqual(['role']);
  });

  test('a rejection needs a comment, ends the chain and tells the subject; a record waits for one request at a time', async () => {
    await setPolicy([{ teamId: teams.region.id, userId: users.manager.id }]);
    const { subjectId, requestId } = await submit(users.rep, { reason: 'amount', amountMinor: 90_000_000, currency: 'CNY' });
    const ctx = await ctxOf(users.rep);
    await expect(
      t.database.db
        .transaction()
        .execute((trx) => submitForApproval(trx, ctx, { type: 'order', id: subjectId, reason: 'amount', amountMinor: 90_000_000, currency: 'CNY' })),
    ).rejects.toMatchObject({ code: 'approval_pending', status: 409 });
    const noComment = await as(users.manager).post(`/api/approvals/${requestId}/reject`, {});
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.fields).toHaveProperty('comment');
    const rejected = (await as(users.manager).post(`/api/approvals/${requestId}/reject`, { comment: '金额过大，请拆分' })).json();
    expect(rejected.status).toBe('rejected');
    expect(rejected.steps.map((s: { status: string }) => s.status)).toEqual(['rejected', 'skipped']);
    expect(decided.get(subjectId)).toBe('rejected');
    // Once decided, the record may be sent again.
    const again = await t.database.db
      .transaction()
      .execute((trx) => submitForApproval(trx, ctx, { type: 'order', id: subjectId, reason: 'amount', amountMinor: 90_000_000, currency: 'CNY' }));
    expect(again.required).toBe(true);
  });

  test('outsiders cannot see a request; admins see all', async () => {
    await setPolicy([]);
    const { requestId } = await submit(users.rep, { reason: 'discount', discountPercent: '50' });
    const outsider = await makeUser(t, { role: 'service_agent' });
    expect((await as(outsider).get(`/api/approvals/${requestId}`)).statusCode).toBe(404);
    expect((await as(outsider).get('/api/approvals?box=all')).statusCode).toBe(403);
    const all = (await as(users.admin).get('/api/approvals?box=all&limit=200')).json();
    expect(all.items.map((r: { id: string }) => r.id)).toContain(requestId);
  });
});
