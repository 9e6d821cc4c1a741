import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTeam, makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let admin: Client;
let manager: Client;
let rep: Client;
let users: Record<'admin' | 'manager' | 'rep' | 'mate' | 'outsider' | 'subManager', TestUser>;
let teams: Record<'region' | 'branch' | 'other', { id: string; path: string }>;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const region = await makeTeam(db, '华东大区');
  teams = { region, branch: await makeTeam(db, '上海分部', region), other: await makeTeam(db, '华南大区') };
  users = {
    admin: await makeUser(t, { role: 'admin', name: 'Admin' }),
    manager: await makeUser(t, { role: 'sales_manager', teamId: teams.region.id, name: '王伟' }),
    subManager: await makeUser(t, { role: 'sales_manager', teamId: teams.branch.id, name: '赵敏' }),
    rep: await makeUser(t, { role: 'sales_rep', teamId: teams.branch.id, name: '李娜' }),
    mate: await makeUser(t, { role: 'sales_rep', teamId: teams.branch.id, name: '张伟' }),
    outsider: await makeUser(t, { role: 'sales_rep', teamId: teams.other.id, name: '陈静' }),
  };
  admin = client(t.app, users.admin.token);
  manager = client(t.app, users.manager.token);
  rep = client(t.app, users.rep.token);
}, 60_000);
afterAll(async () => t?.close());

const as = (u: TestUser) => client(t.app, u.token);
const count = async (table: 'organizations' | 'lifecycleTransitions' | 'contactPoints') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const history = async (c: Client, id: string) => (await c.get(`/api/audit-log/records/organizations/${id}`)).json().items;

describe('create', () => {
  test('a rep creates an organization they own in their team, with normalised phones, e-mails, USCC, first lifecycle status and an audit entry', async () => {
    const res = await rep.post('/api/organizations', {
      name: '华为技术有限公司',
      uscc: '914403001922038216',
      phones: [{ label: '总机', number: '0755-2878 0808' }, { number: '138 1234 5678' }],
      emails: [{ address: 'Sales@Huawei.COM' }],
      tags: ['ICT', 'ICT', '重点'],
      province: '440000',
      lifecycleReason: '展会认识',
    });
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org).toMatchObject({
      ownerId: users.rep.id,
      teamId: teams.branch.id,
      partyType: 'customer',
      lifecycleStatus: 'potential',
      uscc: '914403001922038216',
      tags: ['ICT', '重点'],
      phones: [{ label: '总机', number: '0755-2878 0808' }, { number: '138 1234 5678' }],
      emails: [{ address: 'sales@huawei.com' }],
      version: 1,
    });
    const stored = await t.database.db.selectFrom('organizations').select(['nameKey', 'custom']).where('id', '=', org.id).executeTakeFirstOrThrow();
    expect(stored.nameKey).toBe('华为技术');
    const points = await t.database.db.selectFrom('contactPoints').select(['kind', 'value']).where('entityId', '=', org.id).orderBy('value').execute();
    expect(points).toEqual([
      { kind: 'phone', value: '+8613812345678' },
      { kind: 'phone', value: '+8675528780808' },
      { kind: 'email', value: 'sales@huawei.com' },
    ]);
    const lifecycle = (await rep.get(`/api/organizations/${org.id}/lifecycle`)).json().items;
    expect(lifecycle).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: 'potential', reason: '展会认识', actorId: users.rep.id, actorName: '李娜' }),
    ]);
    const [entry] = await history(admin, org.id);
    expect(entry).toMatchObject({ action: 'create', actorId: users.rep.id });
    expect(entry.changes.name).toEqual({ before: null, after: '华为技术有限公司' });
    expect(entry.changes.uscc).toEqual({ before: null, after: '914403001922038216' });
  });

  test('stores the USCC in upper case and an emptied optional text as null', async () => {
    const org = (await rep.post('/api/organizations', { name: 'Fuzhou Co., Ltd.', uscc: ' 91350100m000100y43 ', website: '', industry: '  ' })).json();
    expect(org).toMatchObject({ uscc: '91350100M000100Y43', website: null, industry: null });
  });

  test('accepts a website as an http(s) address or a bare domain (stored with https://) and refuses other schemes with 400 naming website', async () => {
    const bare = (await rep.post('/api/organizations', { name: 'Website bare', website: ' www.huaqiang.example ' })).json();
    expect(bare.website).toBe('https://www.huaqiang.example');
    const full = (await rep.post('/api/organizations', { name: 'Website full', website: 'HTTP://华为.中国/about?x=1' })).json();
    expect(full.website).toBe('http://华为.中国/about?x=1');
    expect((await rep.post('/api/organizations', { name: 'Website port', website: 'intranet.example:8080/crm' })).json().website).toBe(
      'https://intranet.example:8080/crm',
    );
    const before = await count('organizations');
    for (const website of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,x',
      'mailto:a@b.example',
      'not a site',
      'huaqiang',
      'ftp://files.example',
      'https://user:pw@evil.example',
    ]) {
      const res = await rep.post('/api/organizations', { name: 'Website bad', website });
      expect(res.statusCode, website).toBe(400);
      expect(Object.keys(res.json().error.fields), website).toEqual(['website']);
    }
    expect(await count('organizations')).toBe(before);
    const patched = await rep.patch(`/api/organizations/${bare.id}`, { version: bare.version, website: 'javascript:alert(1)' });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().error.fields).toHaveProperty('website');
  });

  test('answers 400 naming the fields zod rejects, and writes nothing', async () => {
    const before = await count('organizations');
    const res = await rep.post('/api/organizations', { name: '', partyType: 'alien', emails: [{ address: 'nope' }], tier: 'Z' });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['emails.0.address', 'name', 'partyType', 'tier']);
    expect(await count('organizations')).toBe(before);
  });

  test('answers 400 naming a bad USCC and every invalid phone number together, and writes nothing', async () => {
    const before = await Promise.all([count('organizations'), count('lifecycleTransitions'), count('contactPoints')]);
    const res = await rep.post('/api/organizations', {
      name: 'Bad numbers Ltd',
      uscc: '91350100M000100Y44',
      phones: [{ number: '13812345678' }, { number: '12345' }, { number: '+44 20 7946' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['phones.1.number', 'phones.2.number', 'uscc']);
    expect(await Promise.all([count('organizations'), count('lifecycleTransitions'), count('contactPoints')])).toEqual(before);
  });

  test('a USCC with a letter outside the GB 32100 alphabet is refused', async () => {
    const res = await rep.post('/api/organizations', { name: 'Letters', uscc: '91350100I000100Y43' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.uscc).toBeTruthy();
  });

  test('a role without the create action gets 403 and nothing is written', async () => {
    const readOnly = as(await makeUser(t, { role: 'read_only', teamId: teams.branch.id }));
    const before = await count('organizations');
    expect((await readOnly.post('/api/organizations', { name: 'Nope' })).statusCode).toBe(403);
    expect(await count('organizations')).toBe(before);
  });
});

describe('update', () => {
  test('a lifecycle change records the transition with its reason, newest first, and the audit before/after', async () => {
    const org = (await rep.post('/api/organizations', { name: '阿里巴巴' })).json();
    const res = await rep.patch(`/api/organizations/${org.id}`, { version: 1, lifecycleStatus: 'intended', lifecycleReason: '首次拜访后有意向' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ lifecycleStatus: 'intended', version: 2 });
    await rep.patch(`/api/organizations/${org.id}`, { version: 2, lifecycleStatus: 'existing', lifecycleReason: '签约' });
    // A change that leaves the status alone records no transition.
    await rep.patch(`/api/organizations/${org.id}`, { version: 3, name: '阿里巴巴集团', lifecycleStatus: 'existing' });
    const items = (await rep.get(`/api/organizations/${org.id}/lifecycle`)).json().items;
    expect(items.map((i: { fromStatus: string | null; toStatus: string; reason: string | null }) => [i.fromStatus, i.toStatus, i.reason])).toEqual([
      ['intended', 'existing', '签约'],
      ['potential', 'intended', '首次拜访后有意向'],
      [null, 'potential', null],
    ]);
    const updates = (await history(admin, org.id)).filter((e: { action: string }) => e.action === 'update');
    expect(updates[updates.length - 1]).toMatchObject({
      changes: { lifecycleStatus: { before: 'potential', after: 'intended' } },
      meta: { lifecycleReason: '首次拜访后有意向' },
    });
    expect(updates[0].changes).toEqual({ name: { before: '阿里巴巴', after: '阿里巴巴集团' } });
  });

  test('answers 409 for a stale version and writes nothing: no change, no transition, no audit entry', async () => {
    const org = (await rep.post('/api/organizations', { name: 'Stale Ltd' })).json();
    expect((await rep.patch(`/api/organizations/${org.id}`, { version: 1, name: 'First writer' })).statusCode).toBe(200);
    const stale = await rep.patch(`/api/organizations/${org.id}`, { version: 1, name: 'Second writer', lifecycleStatus: 'terminated' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    expect((await rep.get(`/api/organizations/${org.id}`)).json()).toMatchObject({ name: 'First writer', lifecycleStatus: 'potential', version: 2 });
    expect((await rep.get(`/api/organizations/${org.id}/lifecycle`)).json().items).toHaveLength(1);
    expect((await history(admin, org.id)).filter((e: { action: string }) => e.action === 'update')).toHaveLength(1);
  });

  test('new phone numbers replace the stored E.164 forms; an invalid one is refused with its index', async () => {
    const org = (await rep.post('/api/organizations', { name: 'Phones Ltd', phones: [{ number: '010-12345678' }] })).json();
    const bad = await rep.patch(`/api/organizations/${org.id}`, { version: 1, phones: [{ number: '+44 20 7946 0958' }, { number: 'call me' }] });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['phones.1.number']);
    const ok = await rep.patch(`/api/organizations/${org.id}`, { version: 1, phones: [{ number: '+44 20 7946 0958' }] });
    expect(ok.statusCode).toBe(200);
    const points = await t.database.db.selectFrom('contactPoints').select('value').where('entityId', '=', org.id).execute();
    expect(points.map((p) => p.value)).toEqual(['+442079460958']);
  });

  test('an invalid USCC in a PATCH is 400 with fields.uscc; an empty one clears it', async () => {
    const org = (await rep.post('/api/organizations', { name: 'Code Ltd', uscc: '91310000MA1FL1MMXL' })).json();
    const bad = await rep.patch(`/api/organizations/${org.id}`, { version: 1, uscc: '91310000MA1FL1MMX0' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.uscc).toBeTruthy();
    expect((await rep.patch(`/api/organizations/${org.id}`, { version: 1, uscc: '' })).json().uscc).toBeNull();
  });
});

describe('owner assignment', () => {
  test('a rep with own scope cannot give an organization to a colleague or the pool, on create or update (403, fields.ownerId)', async () => {
    const before = await count('organizations');
    for (const ownerId of [users.mate.id, null]) {
      const res = await rep.post('/api/organizations', { name: 'Give away', ownerId });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'owner_out_of_scope', fields: { ownerId: expect.any(String) } });
    }
    expect(await count('organizations')).toBe(before);
    const org = (await rep.post('/api/organizations', { name: 'Mine', ownerId: users.rep.id })).json();
    expect(org.ownerId).toBe(users.rep.id);
    const res = await rep.patch(`/api/organizations/${org.id}`, { version: 1, ownerId: users.mate.id });
    expect(res.statusCode).toBe(403);
    expect((await rep.get(`/api/organizations/${org.id}`)).json()).toMatchObject({ ownerId: users.rep.id, version: 1 });
  });

  test('a manager assigns an organization to a rep of the team; the team follows each new owner and the audit records it', async () => {
    const org = (await manager.post('/api/organizations', { name: 'Assigned Ltd', ownerId: users.rep.id })).json();
    expect(org).toMatchObject({ ownerId: users.rep.id, teamId: teams.branch.id });
    expect((await rep.get(`/api/organizations/${org.id}`)).statusCode).toBe(200);
    const back = await manager.patch(`/api/organizations/${org.id}`, { version: 1, ownerId: users.manager.id });
    expect(back.json()).toMatchObject({ ownerId: users.manager.id, teamId: teams.region.id });
    expect((await rep.get(`/api/organizations/${org.id}`)).statusCode).toBe(404);
    const [latest] = await history(admin, org.id);
    expect(latest.changes).toEqual({ ownerId: { before: users.rep.id, after: users.manager.id }, teamId: { before: teams.branch.id, after: teams.region.id } });
  });

  test('an owner the actor cannot see, who does not exist or who is deactivated is refused with 400 fields.ownerId', async () => {
    const gone = await makeUser(t, { role: 'sales_rep', teamId: teams.region.id });
    await t.database.db.updateTable('users').set({ deactivatedAt: new Date().toISOString() }).where('id', '=', gone.id).execute();
    for (const ownerId of [users.outsider.id, '01900000-0000-7000-8000-000000000000', gone.id]) {
      const res = await manager.post('/api/organizations', { name: 'Nobody', ownerId });
      expect(res.statusCode, ownerId).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(['ownerId']);
    }
  });

  test('an admin may assign to anyone, including a user of another team', async () => {
    const org = (await admin.post('/api/organizations', { name: 'Far away', ownerId: users.outsider.id })).json();
    expect(org).toMatchObject({ ownerId: users.outsider.id, teamId: teams.other.id });
  });
});

describe('shared pool (公海)', () => {
  test("an organization without owner sits in the creator's team pool: seen by team scope over that team and by all scope, not by own scope or other subtrees", async () => {
    const org = (await manager.post('/api/organizations', { name: 'Pool Ltd', ownerId: null })).json();
    expect(org).toMatchObject({ ownerId: null, teamId: teams.region.id });
    expect((await manager.get(`/api/organizations/${org.id}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/organizations/${org.id}`)).statusCode).toBe(200);
    expect((await rep.get(`/api/organizations/${org.id}`)).statusCode).toBe(404);
    // A manager of the sub-team sees the sub-team's pool, not the region's.
    expect((await as(users.subManager).get(`/api/organizations/${org.id}`)).statusCode).toBe(404);
    const list = (await manager.get('/api/organizations?q=pool%20ltd&total=true')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([org.id]);
    expect((await rep.get('/api/organizations?q=pool%20ltd&total=true')).json()).toMatchObject({ items: [], total: 0 });
  });

  test("releasing to the pool keeps the record in its team's pool, where that team's manager still sees it", async () => {
    const org = (await manager.post('/api/organizations', { name: 'Released Ltd', ownerId: users.rep.id })).json();
    const released = (await manager.patch(`/api/organizations/${org.id}`, { version: 1, ownerId: null })).json();
    expect(released).toMatchObject({ ownerId: null, teamId: teams.branch.id });
    expect((await as(users.subManager).get(`/api/organizations/${org.id}`)).statusCode).toBe(200);
    expect((await rep.get(`/api/organizations/${org.id}`)).statusCode).toBe(404);
  });
});

describe('list', () => {
  test('filters by every field, sorts, and pages with a keyset cursor and a total', async () => {
    const names = ['Delta', 'alpha', 'Charlie', 'Bravo', 'Echo'];
    for (const [i, name] of names.entries()) {
      const res = await admin.post('/api/organizations', {
        name: `${name} 测试`,
        tags: ['batch-7', ...(i % 2 === 0 ? ['even'] : [])],
        province: i < 3 ? '310000' : '110000',
        tier: i === 0 ? 'key' : 'B',
        partyType: i === 4 ? 'supplier' : 'customer',
        ownerId: users.mate.id,
      });
      expect(res.statusCode).toBe(201);
    }
    const get = async (qs: string) => (await admin.get(`/api/organizations?tag=batch-7&${qs}`)).json();
    const collected: string[] = [];
    let page = await get('sort=name&limit=2&total=true');
    expect(page.total).toBe(5);
    for (;;) {
      collected.push(...page.items.map((i: { name: string }) => i.name));
      if (!page.nextCursor) break;
      page = await get(`sort=name&limit=2&cursor=${page.nextCursor}`);
    }
    expect(collected).toEqual(['Bravo 测试', 'Charlie 测试', 'Delta 测试', 'Echo 测试', 'alpha 测试']);
    const namesOf = async (qs: string) => (await get(qs)).items.map((i: { name: string }) => i.name.split(' ')[0]).sort();
    expect(await namesOf('province=310000')).toEqual(['Charlie', 'Delta', 'alpha']);
    expect(await namesOf('tier=key')).toEqual(['Delta']);
    expect(await namesOf('partyType=supplier')).toEqual(['Echo']);
    const even = (await admin.get('/api/organizations?tag=even&q=%E6%B5%8B%E8%AF%95')).json();
    expect(even.items.map((i: { name: string }) => i.name.split(' ')[0]).sort()).toEqual(['Charlie', 'Delta', 'Echo']);
    expect(await namesOf('q=ALPHA')).toEqual(['alpha']);
    expect(await namesOf(`ownerId=${users.mate.id}&teamId=${teams.branch.id}&lifecycleStatus=potential`)).toHaveLength(5);
    expect(await namesOf('lifecycleStatus=existing')).toEqual([]);
    // The default order is the most recently changed first.
    expect((await get('')).items.map((i: { name: string }) => i.name.split(' ')[0])).toEqual([...names].reverse());
    expect((await get('sort=-createdAt')).items[0].name).toBe('Echo 测试');
  });

  test('the tag filter matches whole tags exactly, with quotes, percent signs and backslashes taken literally', async () => {
    const odd = (await admin.post('/api/organizations', { name: 'Odd tags', tags: ['50%_off "vip" \\x', 'Big'] })).json();
    const ids = async (tag: string) =>
      (await admin.get(`/api/organizations?tag=${encodeURIComponent(tag)}`)).json().items.map((i: { id: string }) => i.id) as string[];
    expect(await ids('50%_off "vip" \\x')).toEqual([odd.id]);
    expect(await ids('Big')).toEqual([odd.id]);
    for (const miss of ['big', 'Bi', '50%', '%', '_', '"vip"']) expect(await ids(miss), miss).not.toContain(odd.id);
  });

  test('an unknown sort field or a tampered cursor is 400', async () => {
    expect((await admin.get('/api/organizations?sort=nameKey')).statusCode).toBe(400);
    expect((await admin.get('/api/organizations?cursor=garbage')).statusCode).toBe(400);
  });
});

describe('lifecycle history and recycle bin', () => {
  test('the lifecycle history of an organization outside your scope, missing or deleted is 404', async () => {
    const theirs = (await as(users.outsider).post('/api/organizations', { name: 'Theirs' })).json();
    expect((await rep.get(`/api/organizations/${theirs.id}/lifecycle`)).statusCode).toBe(404);
    expect((await rep.get('/api/organizations/01900000-0000-7000-8000-000000000000/lifecycle')).statusCode).toBe(404);
    const mine = (await rep.post('/api/organizations', { name: 'Soon gone' })).json();
    expect((await rep.delete(`/api/organizations/${mine.id}`)).statusCode).toBe(204);
    expect((await rep.get(`/api/organizations/${mine.id}/lifecycle`)).statusCode).toBe(404);
  });

  test('a deleted organization leaves lists and reads, waits in the recycle bin, and comes back whole on restore, audited', async () => {
    const org = (await rep.post('/api/organizations', { name: 'Recycled Ltd', tags: ['recycled'], lifecycleStatus: 'intended' })).json();
    expect((await rep.delete(`/api/organizations/${org.id}`)).statusCode).toBe(204);
    expect((await rep.get(`/api/organizations/${org.id}`)).statusCode).toBe(404);
    expect((await rep.get('/api/organizations?tag=recycled&total=true')).json().total).toBe(0);
    const bin = (await rep.get('/api/recycle-bin?type=organizations')).json();
    expect(bin.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: org.id, title: 'Recycled Ltd', deletedByName: '李娜' })]));
    expect((await rep.post(`/api/recycle-bin/organizations/${org.id}/restore`)).statusCode).toBe(204);
    const back = (await rep.get(`/api/organizations/${org.id}`)).json();
    expect(back).toMatchObject({ name: 'Recycled Ltd', tags: ['recycled'], lifecycleStatus: 'intended' });
    expect((await rep.get(`/api/organizations/${org.id}/lifecycle`)).json().items).toHaveLength(1);
    expect((await history(rep, org.id)).map((e: { action: string }) => e.action)).toEqual(['restore', 'delete', 'create']);
  });

  test('a rep without delete rights in another role cannot empty the bin of organizations', async () => {
    const marketing = as(await makeUser(t, { role: 'marketing', teamId: teams.region.id }));
    expect((await marketing.get('/api/recycle-bin?type=organizations')).statusCode).toBe(403);
    const org = (await rep.post('/api/organizations', { name: 'Read only for marketing' })).json();
    expect((await marketing.get(`/api/organizations/${org.id}`)).statusCode).toBe(200);
    expect((await marketing.delete(`/api/organizations/${org.id}`)).statusCode).toBe(403);
  });
});
