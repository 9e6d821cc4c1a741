import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Organization } from '../../../shared/schemas/customers.js';
import type { Task } from '../../../shared/schemas/tasks.js';
import { makeTeam, makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';
import { runNoContactRule } from './no-contact.js';

let t: TestApp;
let adminUser: TestUser;
let admin: Client;
let rep: TestUser;
let mate: TestUser;
let orgs: Record<string, Organization>;

const DAY = 86_400_000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY).toISOString();
const putTracking = (u: TestUser, payload: object) =>
  t.app.inject({ method: 'PUT', url: '/api/settings/tracking', headers: { authorization: `Bearer ${u.token}` }, payload });
async function org(name: string, fields: Record<string, unknown>, history: { lastActivityAt?: string | null; createdAt?: string }) {
  const res = await admin.post('/api/organizations', { name, ...fields });
  expect(res.statusCode, res.body).toBe(201);
  await t.database.db.updateTable('organizations').set(history).where('id', '=', res.json().id).execute();
  return res.json() as Organization;
}
const ruleTasks = async (c: Client) =>
  ((await c.get('/api/tasks?limit=200&sort=createdAt')).json().items as Task[]).filter((x) => x.source === 'rule:no_contact');

beforeAll(async () => {
  t = await createTestApp();
  const team = await makeTeam(t.database.db, '上海分部');
  adminUser = await makeUser(t, { role: 'admin' });
  admin = client(t.app, adminUser.token);
  rep = await makeUser(t, { role: 'sales_rep', teamId: team.id, name: '李娜' });
  mate = await makeUser(t, { role: 'sales_rep', teamId: team.id, name: '张伟' });
  const gone = await makeUser(t, { role: 'sales_rep', teamId: team.id, name: 'Left the company' });
  orgs = {
    staleA: await org('Stale A Co.', { tier: 'A', ownerId: rep.id }, { lastActivityAt: daysAgo(40) }),
    freshA: await org('Fresh A Co.', { tier: 'A', ownerId: rep.id }, { lastActivityAt: daysAgo(5) }),
    neverC: await org('Never contacted C', { tier: 'C', ownerId: rep.id }, { lastActivityAt: null, createdAt: daysAgo(100) }),
    newC: await org('New C', { tier: 'C', ownerId: rep.id }, { lastActivityAt: null }),
    staleKey: await org('华为技术有限公司', { tier: 'key', ownerId: mate.id }, { lastActivityAt: daysAgo(20) }),
    staleB: await org('Stale B (tier off)', { tier: 'B', ownerId: rep.id }, { lastActivityAt: daysAgo(400) }),
    noTier: await org('No tier', { ownerId: rep.id }, { lastActivityAt: daysAgo(400) }),
    pool: await org('In the pool', { tier: 'A', ownerId: null }, { lastActivityAt: daysAgo(400) }),
    deactivated: await org('Owner left', { tier: 'A', ownerId: gone.id }, { lastActivityAt: daysAgo(400) }),
    binned: await org('Binned', { tier: 'A', ownerId: rep.id }, { lastActivityAt: daysAgo(400) }),
  };
  expect((await admin.delete(`/api/organizations/${orgs.binned.id}`)).statusCode).toBe(204);
  await t.database.db
    .updateTable('users')
    .set({ deactivatedAt: daysAgo(1) })
    .where('id', '=', gone.id)
    .execute();
}, 60_000);
afterAll(async () => t?.close());

describe('tracking settings', () => {
  test('admins read and change the days per tier (null switches a tier off); others get 403; bad days are 400', async () => {
    const defaults = (await admin.get('/api/settings/tracking')).json();
    expect(defaults).toEqual({ noContact: { key: 14, A: 30, B: 60, C: 90 } });
    const saved = await putTracking(adminUser, { noContact: { key: 14, A: 30, B: null, C: 90 } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await admin.get('/api/settings/tracking')).json()).toEqual({ noContact: { key: 14, A: 30, B: null, C: 90 } });
    expect((await client(t.app, rep.token).get('/api/settings/tracking')).statusCode).toBe(403);
    expect((await putTracking(rep, { noContact: { key: 1, A: 1, B: 1, C: 1 } })).statusCode).toBe(403);
    const bad = await putTracking(adminUser, { noContact: { key: 0, A: 30, B: 60, C: 90 } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['noContact.key']);
    const log = await t.database.db.selectFrom('auditLog').select(['action', 'entityId']).where('entityType', '=', 'settings').execute();
    expect(log).toContainEqual({ action: 'update', entityId: 'tracking.noContact' });
  });
});

describe('no contact in N days', () => {
  test('raises one follow-up task per stale organization for its owner, and tells each owner once', async () => {
    expect(await runNoContactRule(t.database.db)).toEqual({ created: 3 });
    const mine = await ruleTasks(client(t.app, rep.token));
    expect(mine.map((x) => x.entityId).sort()).toEqual([orgs.staleA.id, orgs.neverC.id].sort());
    expect(mine.find((x) => x.entityId === orgs.staleA.id)).toMatchObject({
      title: 'No contact for 30 days: Stale A Co.',
      assigneeId: rep.id,
      teamId: orgs.staleA.teamId,
      entityType: 'organizations',
      entityName: 'Stale A Co.',
      status: 'open',
      priority: 'normal',
      createdBy: null,
    });
    const mates = await ruleTasks(client(t.app, mate.token));
    expect(mates).toEqual([expect.objectContaining({ entityId: orgs.staleKey.id, priority: 'high', title: 'No contact for 14 days: 华为技术有限公司' })]);
    const notes = (await client(t.app, rep.token).get('/api/notifications')).json().items;
    expect(notes).toEqual([expect.objectContaining({ kind: 'tracking.no_contact', title: '2 customers need a follow-up', link: '/tasks' })]);
    const audit = await t.database.db.selectFrom('auditLog').selectAll().where('entityType', '=', 'tasks').where('entityId', '=', mine[0].id).execute();
    expect(audit).toEqual([expect.objectContaining({ action: 'create', actorId: null, meta: JSON.stringify({ rule: 'rule:no_contact' }) })]);
  });

  test('does not raise a second task while one is open, nor again soon after one was closed without contact', async () => {
    expect(await runNoContactRule(t.database.db)).toEqual({ created: 0 });
    const repClient = client(t.app, rep.token);
    const task = (await ruleTasks(repClient)).find((x) => x.entityId === orgs.staleA.id) as Task;
    expect((await repClient.patch(`/api/tasks/${task.id}`, { version: task.version, status: 'done' })).statusCode).toBe(200);
    expect(await runNoContactRule(t.database.db)).toEqual({ created: 0 });
    expect((await client(t.app, rep.token).get('/api/notifications')).json().items).toHaveLength(1);

    // 31 days on, the closed follow-up is older than the limit, so a new one comes (and "Fresh A" has gone stale too).
    const later = new Date(Date.now() + 31 * DAY).toISOString();
    expect(await runNoContactRule(t.database.db, later)).toEqual({ created: 2 });
    const open = (await ruleTasks(repClient)).filter((x) => x.status === 'open').map((x) => x.entityId);
    expect(open.sort()).toEqual([orgs.staleA.id, orgs.neverC.id, orgs.freshA.id].sort());
  });

  test('logging a visit makes the organization fresh again', async () => {
    const c = client(t.app, rep.token);
    const visit = await c.post('/api/activities', { kind: 'visit', subject: '拜访', organizationId: orgs.neverC.id });
    expect(visit.statusCode, visit.body).toBe(201);
    const task = (await ruleTasks(c)).find((x) => x.entityId === orgs.neverC.id) as Task;
    expect((await c.patch(`/api/tasks/${task.id}`, { version: task.version, status: 'done' })).statusCode).toBe(200);
    const later = new Date(Date.now() + 91 * DAY).toISOString();
    const before = (await ruleTasks(c)).length;
    await runNoContactRule(t.database.db, new Date(Date.now() + 60 * DAY).toISOString());
    expect((await ruleTasks(c)).filter((x) => x.entityId === orgs.neverC.id)).toHaveLength(1);
    // Ninety days after that visit it is stale again.
    await runNoContactRule(t.database.db, later);
    expect((await ruleTasks(c)).filter((x) => x.entityId === orgs.neverC.id)).toHaveLength(2);
    expect((await ruleTasks(c)).length).toBeGreaterThan(before);
  });
});
