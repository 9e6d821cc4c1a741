import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Activity } from '../../../shared/schemas/activities.js';
import type { Contact, Organization } from '../../../shared/schemas/customers.js';
import { MergeHooks } from '../../platform/merge-hooks.js';
import { ensureCustomField } from '../../test/customFieldFactories.js';
import { makeRole, makeTeam, makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

// The app builds its own MergeHooks; catching the instance lets this test add a hook of its own next to the modules' ones.
const registerSpy = vi.spyOn(MergeHooks.prototype, 'register');

let t: TestApp;
let admin: Client;
let manager: Client;
let rep: Client;
let users: Record<'manager' | 'rep' | 'mate' | 'outsider', TestUser>;
const moves: { type: string; sourceId: string; targetId: string }[] = [];
let failHook = false;

async function created<T>(res: { statusCode: number; body: string; json(): unknown }): Promise<T> {
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as T;
}
const org = (c: Client, body: Record<string, unknown>) => c.post('/api/organizations', body).then((r) => created<Organization>(r));
const person = (c: Client, body: Record<string, unknown>) => c.post('/api/contacts', body).then((r) => created<Contact>(r));
const history = async (type: string, id: string) => (await admin.get(`/api/audit-log/records/${type}/${id}`)).json().items;

beforeAll(async () => {
  t = await createTestApp();
  const hooks = registerSpy.mock.contexts[0] as MergeHooks;
  hooks.register('test', async (trx, _ctx, move) => {
    // Runs inside the merge's transaction: the records are still both there, and a failure undoes everything.
    const source = await trx.selectFrom(move.type).select('deletedAt').where('id', '=', move.sourceId).executeTakeFirstOrThrow();
    expect(source.deletedAt).toBeNull();
    if (failHook) throw new Error('hook failed');
    moves.push(move);
  });
  const db = t.database.db;
  const branch = await makeTeam(db, '上海分部');
  const other = await makeTeam(db, '华南大区');
  users = {
    manager: await makeUser(t, { role: 'sales_manager', teamId: branch.id, name: '王伟' }),
    rep: await makeUser(t, { role: 'sales_rep', teamId: branch.id, name: '李娜' }),
    mate: await makeUser(t, { role: 'sales_rep', teamId: branch.id, name: '张伟' }),
    outsider: await makeUser(t, { role: 'sales_rep', teamId: other.id, name: '陈静' }),
  };
  admin = client(t.app, (await makeUser(t, { role: 'admin' })).token);
  manager = client(t.app, users.manager.token);
  rep = client(t.app, users.rep.token);
  await ensureCustomField(t, { entity: 'organizations', key: 'revenue', type: 'money' });
  await ensureCustomField(t, { entity: 'organizations', key: 'products', type: 'text' });
}, 60_000);
afterAll(async () => t?.close());

describe('merging organizations', () => {
  test('moves contacts, activities and hooked records to the survivor, fills its gaps, and sends the other to the recycle bin, audited', async () => {
    const target = await org(rep, {
      name: '华为技术有限公司',
      tier: 'A',
      tags: ['vip'],
      phones: [{ number: '+86 138 1234 5678' }],
      custom: { revenue: 1000 },
    });
    const source = await org(rep, {
      name: '华为技术',
      tier: 'B',
      industry: '通信',
      uscc: '914403001922038216',
      tags: ['vip', 'north'],
      phones: [{ number: '138-1234-5678' }, { number: '010 6552 9988' }],
      emails: [{ address: 'info@huawei.com' }],
      custom: { revenue: 5, products: '交换机' },
    });
    const moved = await person(rep, { name: '王芳', organizations: [{ organizationId: source.id, title: '采购经理', department: '采购部' }] });
    const stays = await person(rep, { name: '刘强', organizations: [{ organizationId: target.id, title: 'CTO' }] });
    const visit = await created<Activity>(await rep.post('/api/activities', { kind: 'visit', subject: '拜访', organizationId: source.id }));

    const res = await rep.post(`/api/organizations/${target.id}/merge`, { sourceId: source.id, version: target.version, sourceVersion: source.version });
    expect(res.statusCode, res.body).toBe(200);
    const survivor: Organization = res.json();
    expect(survivor).toMatchObject({
      id: target.id,
      name: '华为技术有限公司',
      tier: 'A',
      industry: '通信',
      uscc: '914403001922038216',
      tags: ['vip', 'north'],
      phones: [{ number: '+86 138 1234 5678' }, { number: '010 6552 9988' }],
      emails: [{ address: 'info@huawei.com' }],
      custom: { revenue: 1000, products: '交换机' },
      version: target.version + 1,
    });

    const contacts = (await rep.get(`/api/organizations/${target.id}/contacts?sort=name`)).json().items as Contact[];
    expect(contacts.map((c) => c.id).sort()).toEqual([moved.id, stays.id].sort());
    expect((await rep.get(`/api/contacts/${moved.id}`)).json().organizations).toEqual([
      { organizationId: target.id, organizationName: '华为技术有限公司', title: '采购经理', department: '采购部', canOpen: true },
    ]);
    expect((await rep.get(`/api/activities/${visit.id}`)).json().organizationId).toBe(target.id);
    expect(moves).toContainEqual({ type: 'organizations', sourceId: source.id, targetId: target.id });

    expect((await rep.get(`/api/organizations/${source.id}`)).statusCode).toBe(404);
    const bin = (await rep.get('/api/recycle-bin?type=organizations')).json();
    expect(bin.items.map((i: { id: string }) => i.id)).toContain(source.id);

    const [update] = await history('organizations', target.id);
    expect(update).toMatchObject({ action: 'update', actorId: users.rep.id, meta: { mergedFrom: source.id } });
    expect(update.changes).toMatchObject({ industry: { before: null, after: '通信' }, 'custom.products': { before: null, after: '交换机' } });
    const [removal] = await history('organizations', source.id);
    expect(removal).toMatchObject({ action: 'delete', meta: { mergedInto: target.id } });
    const [membership] = await history('contacts', moved.id);
    expect(membership.changes.organizations.after).toEqual([{ organizationId: target.id, title: '采购经理', department: '采购部' }]);

    // The duplicate check now finds the survivor by the merged-away record's number.
    const dup = (await rep.get('/api/organizations/duplicates?phones=01065529988')).json();
    expect(dup.items.map((i: { id: string }) => i.id)).toEqual([target.id]);
  });

  test('takes the fields chosen from the other record, records a lifecycle change, and can hand the survivor to its owner', async () => {
    const target = await org(manager, {
      name: 'Acme',
      lifecycleStatus: 'potential',
      tier: 'A',
      notes: 'old notes',
      ownerId: users.rep.id,
      custom: { revenue: 1 },
    });
    const source = await org(manager, {
      name: 'ACME Trading Co., Ltd.',
      lifecycleStatus: 'existing',
      tier: null,
      ownerId: users.mate.id,
      custom: { revenue: 2 },
    });
    const res = await manager.post(`/api/organizations/${target.id}/merge`, {
      sourceId: source.id,
      fields: { name: 'source', lifecycleStatus: 'source', tier: 'source', ownerId: 'source', 'custom.revenue': 'source', notes: 'target' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'ACME Trading Co., Ltd.',
      lifecycleStatus: 'existing',
      tier: null,
      notes: 'old notes',
      ownerId: users.mate.id,
      custom: { revenue: 2 },
    });
    const lifecycle = (await manager.get(`/api/organizations/${target.id}/lifecycle`)).json().items;
    expect(lifecycle[0]).toMatchObject({ fromStatus: 'potential', toStatus: 'existing', actorId: users.manager.id });
    const stored = await t.database.db.selectFrom('organizations').select('nameKey').where('id', '=', target.id).executeTakeFirstOrThrow();
    expect(stored.nameKey).toBe('acmetrading');
  });

  test('a contact of both keeps one membership: the survivor’s title, the missing department filled, the earlier position', async () => {
    const target = await org(rep, { name: 'Both target' });
    const source = await org(rep, { name: 'Both source' });
    const other = await org(rep, { name: 'Third' });
    const c = await person(rep, {
      name: 'Member of both',
      organizations: [
        { organizationId: source.id, title: 'Old title', department: '销售部' },
        { organizationId: other.id },
        { organizationId: target.id, title: 'CEO' },
      ],
    });
    expect((await rep.post(`/api/organizations/${target.id}/merge`, { sourceId: source.id })).statusCode).toBe(200);
    expect(
      (await rep.get(`/api/contacts/${c.id}`)).json().organizations.map((m: Contact['organizations'][number]) => [m.organizationName, m.title, m.department]),
    ).toEqual([
      ['Both target', 'CEO', '销售部'],
      ['Third', null, null],
    ]);
  });

  test('the merged-away record can be restored from the recycle bin, without what moved', async () => {
    const target = await org(rep, { name: 'Restore target' });
    const source = await org(rep, { name: 'Restore source', phones: [{ number: '13811119999' }] });
    const c = await person(rep, { name: 'Moved person', organizations: [{ organizationId: source.id }] });
    expect((await rep.post(`/api/organizations/${target.id}/merge`, { sourceId: source.id })).statusCode).toBe(200);
    expect((await rep.post(`/api/recycle-bin/organizations/${source.id}/restore`)).statusCode).toBe(204);
    expect((await rep.get(`/api/organizations/${source.id}`)).json()).toMatchObject({ name: 'Restore source', phones: [{ number: '13811119999' }] });
    expect((await rep.get(`/api/organizations/${source.id}/contacts?total=true`)).json().total).toBe(0);
    expect((await rep.get(`/api/contacts/${c.id}`)).json().organizations.map((m: { organizationId: string }) => m.organizationId)).toEqual([target.id]);
    // Both share the number again, so each is the other's duplicate.
    const dup = (await rep.get(`/api/organizations/duplicates?phones=13811119999&excludeId=${target.id}`)).json();
    expect(dup.items.map((i: { id: string }) => i.id)).toEqual([source.id]);
  });

  test('a failing merge hook undoes the whole merge', async () => {
    const target = await org(rep, { name: 'Rollback target' });
    const source = await org(rep, { name: 'Rollback source', industry: 'X' });
    const c = await person(rep, { name: 'Stays put', organizations: [{ organizationId: source.id }] });
    failHook = true;
    try {
      expect((await rep.post(`/api/organizations/${target.id}/merge`, { sourceId: source.id })).statusCode).toBe(500);
    } finally {
      failHook = false;
    }
    expect((await rep.get(`/api/organizations/${source.id}`)).statusCode).toBe(200);
    expect((await rep.get(`/api/organizations/${target.id}`)).json()).toMatchObject({ industry: null, version: 1 });
    expect((await rep.get(`/api/contacts/${c.id}`)).json().organizations[0].organizationId).toBe(source.id);
    expect((await history('organizations', target.id)).map((e: { action: string }) => e.action)).toEqual(['create']);
  });
});

describe('merging contacts', () => {
  test("moves the other's organizations after the survivor's and its activities, combines phones, and audits the change", async () => {
    const a = await org(rep, { name: 'Org A' });
    const b = await org(rep, { name: 'Org B' });
    const target = await person(rep, { name: '王芳', phones: [{ number: '13900001111' }], organizations: [{ organizationId: a.id, title: '经理' }] });
    const source = await person(rep, {
      name: 'Wang Fang',
      phones: [{ number: '+86 139 0000 1111' }, { number: '13900002222' }],
      emails: [{ address: 'fang@example.cn' }],
      organizations: [
        { organizationId: b.id, title: 'Adviser' },
        { organizationId: a.id, department: '采购部' },
      ],
    });
    const call = await created<Activity>(await rep.post('/api/activities', { kind: 'call', subject: '电话', contactIds: [source.id] }));
    const res = await rep.post(`/api/contacts/${target.id}/merge`, { sourceId: source.id, version: 1, sourceVersion: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: '王芳',
      phones: [{ number: '13900001111' }, { number: '13900002222' }],
      emails: [{ address: 'fang@example.cn' }],
      organizations: [
        { organizationId: a.id, title: '经理', department: '采购部' },
        { organizationId: b.id, title: 'Adviser', department: null },
      ],
    });
    expect((await rep.get(`/api/activities/${call.id}`)).json().contacts).toEqual([{ contactId: target.id, contactName: '王芳' }]);
    expect(moves).toContainEqual({ type: 'contacts', sourceId: source.id, targetId: target.id });
    expect((await rep.get(`/api/contacts/${source.id}`)).statusCode).toBe(404);
    const [update] = await history('contacts', target.id);
    expect(update.meta).toMatchObject({ mergedFrom: source.id });
    expect(update.changes.organizations.after).toHaveLength(2);
    expect((await history('contacts', source.id))[0]).toMatchObject({ action: 'delete', meta: { mergedInto: target.id } });
  });
});

describe('refusals', () => {
  test('400 for merging a record into itself or naming an unknown field; 409 for a stale version; nothing written', async () => {
    const target = await org(rep, { name: 'Refusal target' });
    const source = await org(rep, { name: 'Refusal source' });
    const self = await rep.post(`/api/organizations/${target.id}/merge`, { sourceId: target.id });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.fields).toEqual({ sourceId: expect.any(String) });
    const unknown = await rep.post(`/api/organizations/${target.id}/merge`, { sourceId: source.id, fields: { colour: 'source', name: 'left' } });
    expect(unknown.statusCode).toBe(400);
    expect(Object.keys(unknown.json().error.fields)).toEqual(['fields.name']);
    const unknownField = await rep.post(`/api/organizations/${target.id}/merge`, { sourceId: source.id, fields: { colour: 'source' } });
    expect(unknownField.json().error.fields).toEqual({ 'fields.colour': 'No such field' });
    expect((await rep.post(`/api/organizations/${target.id}/merge`, { sourceId: source.id, version: 2 })).statusCode).toBe(409);
    expect((await rep.post(`/api/organizations/${target.id}/merge`, { sourceId: source.id, sourceVersion: 2 })).statusCode).toBe(409);
    expect((await rep.get(`/api/organizations/${source.id}`)).json().version).toBe(1);
    expect((await rep.get(`/api/organizations/${target.id}`)).json().version).toBe(1);
  });

  test('404 when either record is outside your scope or already in the recycle bin', async () => {
    const mine = await org(rep, { name: 'Mine' });
    const theirs = await org(client(t.app, users.outsider.token), { name: 'Theirs' });
    expect((await rep.post(`/api/organizations/${mine.id}/merge`, { sourceId: theirs.id })).statusCode).toBe(404);
    expect((await rep.post(`/api/organizations/${theirs.id}/merge`, { sourceId: mine.id })).statusCode).toBe(404);
    const binned = await org(rep, { name: 'Binned' });
    await rep.delete(`/api/organizations/${binned.id}`);
    expect((await rep.post(`/api/organizations/${mine.id}/merge`, { sourceId: binned.id })).statusCode).toBe(404);
    expect((await admin.get(`/api/organizations/${theirs.id}`)).json().version).toBe(1);
  });

  test('403 without update or delete rights on the module', async () => {
    const target = await org(admin, { name: 'Rights target' });
    const source = await org(admin, { name: 'Rights source' });
    const contactA = await person(admin, { name: 'Rights A' });
    const contactB = await person(admin, { name: 'Rights B' });
    for (const actions of [['read', 'update'], ['read', 'delete'], ['read']] as const) {
      const roleId = await makeRole(t.database.db, {
        organizations: { actions: [...actions], scope: 'all' },
        contacts: { actions: [...actions], scope: 'all' },
      });
      const c = client(t.app, (await makeUser(t, { roleId })).token);
      expect((await c.post(`/api/organizations/${target.id}/merge`, { sourceId: source.id })).statusCode, actions.join()).toBe(403);
      expect((await c.post(`/api/contacts/${contactA.id}/merge`, { sourceId: contactB.id })).statusCode, actions.join()).toBe(403);
    }
  });
});
