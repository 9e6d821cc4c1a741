import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Contact, Organization } from '../../../shared/schemas/customers.js';
import type { Task } from '../../../shared/schemas/tasks.js';
import { makeTeam, makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';
import { runNoContactRule } from './no-contact.js';

let t: TestApp;
let repUser: TestUser;
let rep: Client;

async function created<T>(res: { statusCode: number; body: string; json(): unknown }): Promise<T> {
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as T;
}
const task = (body: Record<string, unknown>) => rep.post('/api/tasks', body).then((r) => created<Task>(r));
const get = async (id: string) =>
  (await t.database.db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as { entityId: string; status: string };

beforeAll(async () => {
  t = await createTestApp();
  const team = await makeTeam(t.database.db, '上海分部');
  repUser = await makeUser(t, { role: 'sales_manager', teamId: team.id });
  rep = client(t.app, repUser.token);
}, 60_000);
afterAll(async () => t?.close());

describe('merge moves tasks', () => {
  test('an organization merge moves its tasks (recycle bin too) to the survivor; a second open no-contact follow-up is cancelled', async () => {
    const target = await created<Organization>(await rep.post('/api/organizations', { name: '华为技术有限公司', tier: 'A' }));
    const source = await created<Organization>(await rep.post('/api/organizations', { name: '华为技术', tier: 'A' }));
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
    await t.database.db.updateTable('organizations').set({ lastActivityAt: old }).where('id', 'in', [target.id, source.id]).execute();
    expect(await runNoContactRule(t.database.db)).toEqual({ created: 2 });
    const rule = (await rep.get('/api/tasks?limit=50')).json().items as Task[];
    const targetRule = rule.find((x) => x.entityId === target.id) as Task;
    const sourceRule = rule.find((x) => x.entityId === source.id) as Task;

    const open = await task({ title: '送样品', entityType: 'organizations', entityId: source.id });
    const binned = await task({ title: 'Binned follow-up', entityType: 'organizations', entityId: source.id });
    expect((await rep.delete(`/api/tasks/${binned.id}`)).statusCode).toBe(204);
    const other = await task({ title: 'Unrelated', entityType: 'organizations', entityId: target.id });

    const res = await rep.post(`/api/organizations/${target.id}/merge`, { sourceId: source.id });
    expect(res.statusCode, res.body).toBe(200);

    expect((await rep.get(`/api/tasks/${open.id}`)).json()).toMatchObject({ entityId: target.id, entityName: '华为技术有限公司', status: 'open', version: 2 });
    expect(await get(binned.id)).toMatchObject({ entityId: target.id });
    expect(await get(sourceRule.id)).toMatchObject({ entityId: target.id, status: 'cancelled' });
    expect(await get(targetRule.id)).toMatchObject({ entityId: target.id, status: 'open' });
    expect(await get(other.id)).toMatchObject({ entityId: target.id });
    const linked = (await rep.get(`/api/tasks?entityType=organizations&entityId=${target.id}&status=open`)).json().items as Task[];
    expect(linked.map((x) => x.id).sort()).toEqual([open.id, other.id, targetRule.id].sort());
    expect((await rep.get(`/api/tasks?entityType=organizations&entityId=${source.id}`)).json().items).toEqual([]);

    const audit = await t.database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('entityType', '=', 'tasks')
      .where('entityId', '=', open.id)
      .orderBy('id')
      .execute();
    expect(audit.map((e) => [e.action, e.meta && JSON.parse(e.meta)])).toEqual([
      ['create', null],
      ['update', { mergedInto: target.id }],
    ]);
  });

  test('a contact merge moves the tasks linked to the merged-away person', async () => {
    const target = await created<Contact>(await rep.post('/api/contacts', { name: '王芳', phones: [{ number: '13812345678' }] }));
    const source = await created<Contact>(await rep.post('/api/contacts', { name: '王芳 ', emails: [{ address: 'wf@example.com' }] }));
    const call = await task({ title: '电话回访王芳', entityType: 'contacts', entityId: source.id });
    const res = await rep.post(`/api/contacts/${target.id}/merge`, { sourceId: source.id });
    expect(res.statusCode, res.body).toBe(200);
    expect((await rep.get(`/api/tasks/${call.id}`)).json()).toMatchObject({ entityType: 'contacts', entityId: target.id, entityName: '王芳' });
  });
});
