import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeRole, makeTeam, makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let admin: Client;
let rep: Client;
let mate: Client;
let users: Record<'admin' | 'rep' | 'mate' | 'outsider', TestUser>;
let orgs: Record<'huawei' | 'tencent' | 'theirs', { id: string; name: string }>;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const branch = await makeTeam(db, '上海分部');
  const other = await makeTeam(db, '华南大区');
  users = {
    admin: await makeUser(t, { role: 'admin', name: 'Admin' }),
    rep: await makeUser(t, { role: 'sales_rep', teamId: branch.id, name: '李娜' }),
    mate: await makeUser(t, { role: 'sales_rep', teamId: branch.id, name: '张伟' }),
    outsider: await makeUser(t, { role: 'sales_rep', teamId: other.id, name: '陈静' }),
  };
  admin = client(t.app, users.admin.token);
  rep = client(t.app, users.rep.token);
  mate = client(t.app, users.mate.token);
  orgs = {
    huawei: (await rep.post('/api/organizations', { name: '华为技术有限公司' })).json(),
    tencent: (await rep.post('/api/organizations', { name: '腾讯' })).json(),
    theirs: (await client(t.app, users.outsider.token).post('/api/organizations', { name: 'Outsider Ltd' })).json(),
  };
}, 60_000);
afterAll(async () => t?.close());

const countContacts = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('contacts')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const history = async (id: string) => (await admin.get(`/api/audit-log/records/contacts/${id}`)).json().items;

describe('create and update', () => {
  test('creates a contact with organizations in the given order, their names, normalised contact points and an audit entry', async () => {
    const res = await rep.post('/api/contacts', {
      name: 'Li  Na',
      phones: [{ label: 'mobile', number: '+86 138 1234 5678' }],
      emails: [{ address: 'Li.Na@Example.com' }],
      organizations: [
        { organizationId: orgs.tencent.id, title: '采购经理', department: '采购部' },
        { organizationId: orgs.huawei.id, title: '顾问' },
      ],
    });
    expect(res.statusCode).toBe(201);
    const contact = res.json();
    expect(contact).toMatchObject({ ownerId: users.rep.id, emails: [{ address: 'li.na@example.com' }], version: 1 });
    expect(contact.organizations).toEqual([
      { organizationId: orgs.tencent.id, organizationName: '腾讯', title: '采购经理', department: '采购部', canOpen: true },
      { organizationId: orgs.huawei.id, organizationName: '华为技术有限公司', title: '顾问', department: null, canOpen: true },
    ]);
    const stored = await t.database.db.selectFrom('contacts').select('nameKey').where('id', '=', contact.id).executeTakeFirstOrThrow();
    expect(stored.nameKey).toBe('lina');
    const points = await t.database.db
      .selectFrom('contactPoints')
      .select(['entityType', 'value'])
      .where('entityId', '=', contact.id)
      .orderBy('value')
      .execute();
    expect(points).toEqual([
      { entityType: 'contacts', value: '+8613812345678' },
      { entityType: 'contacts', value: 'li.na@example.com' },
    ]);
    const [entry] = await history(contact.id);
    expect(entry).toMatchObject({ action: 'create', actorId: users.rep.id });
    expect(entry.changes.organizations.after).toEqual([
      { organizationId: orgs.tencent.id, title: '采购经理', department: '采购部' },
      { organizationId: orgs.huawei.id, title: '顾问', department: null },
    ]);
  });

  test('answers 400 naming an organization you cannot see, one listed twice and a bad phone, and writes nothing', async () => {
    const before = await countContacts();
    const res = await rep.post('/api/contacts', {
      name: 'Nope',
      phones: [{ number: '555' }],
      organizations: [{ organizationId: orgs.huawei.id }, { organizationId: orgs.theirs.id }, { organizationId: orgs.huawei.id }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({
      'phones.0.number': expect.any(String),
      'organizations.1.organizationId': 'No such organization',
      'organizations.2.organizationId': 'Listed twice',
    });
    expect(await countContacts()).toBe(before);
  });

  test('an update replaces the organizations as a set and the audit records the set before and after', async () => {
    const c = (await rep.post('/api/contacts', { name: '王芳', organizations: [{ organizationId: orgs.huawei.id, title: '工程师' }] })).json();
    const res = await rep.patch(`/api/contacts/${c.id}`, {
      version: 1,
      organizations: [
        { organizationId: orgs.tencent.id, title: 'CTO' },
        { organizationId: orgs.huawei.id, title: '顾问' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().organizations.map((m: { organizationName: string; title: string }) => [m.organizationName, m.title])).toEqual([
      ['腾讯', 'CTO'],
      ['华为技术有限公司', '顾问'],
    ]);
    const [latest] = await history(c.id);
    expect(latest.changes.organizations).toEqual({
      before: [{ organizationId: orgs.huawei.id, title: '工程师', department: null }],
      after: [
        { organizationId: orgs.tencent.id, title: 'CTO', department: null },
        { organizationId: orgs.huawei.id, title: '顾问', department: null },
      ],
    });
    const cleared = await rep.patch(`/api/contacts/${c.id}`, { version: 2, organizations: [] });
    expect(cleared.json().organizations).toEqual([]);
    // A PATCH without `organizations` leaves them alone.
    await rep.patch(`/api/contacts/${c.id}`, { version: 3, organizations: [{ organizationId: orgs.tencent.id }] });
    expect((await rep.patch(`/api/contacts/${c.id}`, { version: 4, name: '王芳芳' })).json().organizations).toHaveLength(1);
  });

  test('a link to an organization outside your scope that the contact already has may stay, but none may be added', async () => {
    const c = (await admin.post('/api/contacts', { name: 'Shared person', ownerId: users.rep.id, organizations: [{ organizationId: orgs.theirs.id }] })).json();
    expect(c.organizations[0].organizationName).toBe('Outsider Ltd');
    const keep = await rep.patch(`/api/contacts/${c.id}`, {
      version: 1,
      organizations: [{ organizationId: orgs.huawei.id }, { organizationId: orgs.theirs.id, title: 'Board member' }],
    });
    expect(keep.statusCode).toBe(200);
    // The rep reads where the person works, by name, and is told which organization she may open.
    expect(keep.json().organizations.map((m: { organizationName: string; canOpen: boolean }) => [m.organizationName, m.canOpen])).toEqual(
      expect.arrayContaining([
        ['Outsider Ltd', false],
        [orgs.huawei.name, true],
      ]),
    );
    expect((await rep.get(`/api/organizations/${orgs.theirs.id}`)).statusCode).toBe(404);
    const listed = (await rep.get(`/api/contacts/${c.id}`)).json();
    expect(listed.organizations.find((m: { organizationId: string }) => m.organizationId === orgs.theirs.id).canOpen).toBe(false);
    expect((await admin.get(`/api/contacts/${c.id}`)).json().organizations.every((m: { canOpen: boolean }) => m.canOpen)).toBe(true);
    const other = (await rep.post('/api/contacts', { name: 'Other person' })).json();
    const add = await rep.patch(`/api/contacts/${other.id}`, { version: 1, organizations: [{ organizationId: orgs.theirs.id }] });
    expect(add.statusCode).toBe(400);
    expect(add.json().error.fields).toEqual({ 'organizations.0.organizationId': 'No such organization' });
  });

  test('answers 409 for a stale version and leaves the memberships as they were', async () => {
    const c = (await rep.post('/api/contacts', { name: 'Stale', organizations: [{ organizationId: orgs.huawei.id }] })).json();
    expect((await rep.patch(`/api/contacts/${c.id}`, { version: 1, name: 'First' })).statusCode).toBe(200);
    const stale = await rep.patch(`/api/contacts/${c.id}`, { version: 1, organizations: [] });
    expect(stale.statusCode).toBe(409);
    expect((await rep.get(`/api/contacts/${c.id}`)).json()).toMatchObject({ name: 'First', version: 2, organizations: [{ organizationId: orgs.huawei.id }] });
  });

  test('a rep cannot give a contact to a colleague (403, fields.ownerId)', async () => {
    const res = await rep.post('/api/contacts', { name: 'Give away', ownerId: users.mate.id });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.fields.ownerId).toBeTruthy();
  });
});

describe('contacts of an organization', () => {
  test('lists the contacts of an organization that you may see, sorted and counted', async () => {
    const org = (await rep.post('/api/organizations', { name: 'Panel Ltd' })).json();
    const mine = [];
    for (const name of ['Zhou', 'An', 'Ma']) mine.push((await rep.post('/api/contacts', { name, organizations: [{ organizationId: org.id }] })).json());
    // Another rep's contact at the same organization: the admin links it (the organization is not the mate's to see).
    const matesContact = (
      await admin.post('/api/contacts', { name: 'Mate contact', ownerId: users.mate.id, organizations: [{ organizationId: org.id }] })
    ).json();
    const page = (await rep.get(`/api/organizations/${org.id}/contacts?sort=name&limit=2&total=true`)).json();
    expect(page.total).toBe(3);
    expect(page.items.map((c: { name: string }) => c.name)).toEqual(['An', 'Ma']);
    const next = (await rep.get(`/api/organizations/${org.id}/contacts?sort=name&limit=2&cursor=${page.nextCursor}`)).json();
    expect(next.items.map((c: { name: string }) => c.name)).toEqual(['Zhou']);
    expect(next.nextCursor).toBeNull();
    const all = (await admin.get(`/api/organizations/${org.id}/contacts?total=true`)).json();
    expect(all.items.map((c: { id: string }) => c.id).sort()).toEqual([...mine.map((c) => c.id), matesContact.id].sort());
    expect((await admin.get(`/api/contacts?organizationId=${org.id}&total=true`)).json().total).toBe(4);
    // The mate cannot see the organization itself (own scope), so its contact list is 404 for them.
    expect((await mate.get(`/api/organizations/${org.id}/contacts`)).statusCode).toBe(404);
  });

  test('answers 404 for an organization outside your scope or in the recycle bin, and 403 without contacts access', async () => {
    expect((await rep.get(`/api/organizations/${orgs.theirs.id}/contacts`)).statusCode).toBe(404);
    const gone = (await rep.post('/api/organizations', { name: 'Gone' })).json();
    await rep.delete(`/api/organizations/${gone.id}`);
    expect((await rep.get(`/api/organizations/${gone.id}/contacts`)).statusCode).toBe(404);
    const orgsOnly = await makeRole(t.database.db, { organizations: { actions: ['read'], scope: 'all' } });
    const noContacts = client(t.app, (await makeUser(t, { roleId: orgsOnly })).token);
    expect((await noContacts.get(`/api/organizations/${orgs.huawei.id}/contacts`)).statusCode).toBe(403);
  });
});

describe('recycle bin', () => {
  test("deleting an organization hides it from its contacts' memberships; edits meanwhile keep the link; a restore brings it back", async () => {
    const org = (await rep.post('/api/organizations', { name: 'Comes back Ltd' })).json();
    const c = (
      await rep.post('/api/contacts', { name: 'Loyal', organizations: [{ organizationId: orgs.huawei.id }, { organizationId: org.id, title: 'CFO' }] })
    ).json();
    expect((await rep.delete(`/api/organizations/${org.id}`)).statusCode).toBe(204);
    const hidden = (await rep.get(`/api/contacts/${c.id}`)).json();
    expect(hidden.organizations.map((m: { organizationId: string }) => m.organizationId)).toEqual([orgs.huawei.id]);
    // Replacing the visible set while the organization is in the bin does not drop the hidden link.
    expect((await rep.patch(`/api/contacts/${c.id}`, { version: 1, organizations: [{ organizationId: orgs.tencent.id }] })).statusCode).toBe(200);
    expect((await rep.post(`/api/recycle-bin/organizations/${org.id}/restore`)).statusCode).toBe(204);
    const back = (await rep.get(`/api/contacts/${c.id}`)).json();
    expect(back.organizations.map((m: { organizationName: string; title: string | null }) => [m.organizationName, m.title]).sort()).toEqual([
      ['Comes back Ltd', 'CFO'],
      ['腾讯', null],
    ]);
    expect((await rep.get(`/api/organizations/${org.id}/contacts`)).json().items.map((x: { id: string }) => x.id)).toEqual([c.id]);
  });

  test('a deleted contact leaves lists and its organization, and a restore brings it back with its memberships, audited', async () => {
    const c = (
      await rep.post('/api/contacts', { name: 'Deleted person', tags: ['bin'], organizations: [{ organizationId: orgs.tencent.id, title: 'VP' }] })
    ).json();
    expect((await rep.delete(`/api/contacts/${c.id}`)).statusCode).toBe(204);
    expect((await rep.get(`/api/contacts/${c.id}`)).statusCode).toBe(404);
    expect((await rep.get('/api/contacts?tag=bin&total=true')).json().total).toBe(0);
    expect((await rep.get(`/api/organizations/${orgs.tencent.id}/contacts`)).json().items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    const bin = (await rep.get('/api/recycle-bin?type=contacts')).json();
    expect(bin.items.map((i: { id: string }) => i.id)).toContain(c.id);
    expect((await rep.post(`/api/recycle-bin/contacts/${c.id}/restore`)).statusCode).toBe(204);
    expect((await rep.get(`/api/contacts/${c.id}`)).json()).toMatchObject({
      name: 'Deleted person',
      organizations: [{ organizationName: '腾讯', title: 'VP' }],
    });
    expect((await history(c.id)).map((e: { action: string }) => e.action)).toEqual(['restore', 'delete', 'create']);
  });
});
