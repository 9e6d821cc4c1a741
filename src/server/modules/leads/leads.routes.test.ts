import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Lead } from '../../../shared/schemas/leads.js';
import { makeOrganization } from '../../test/customerFactories.js';
import { makeTeam, makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let admin: Client;
let rep: Client;
let users: Record<'admin' | 'rep' | 'a' | 'b' | 'c' | 'south', TestUser>;
let teams: Record<'east' | 'south', { id: string; path: string }>;

const as = (u: TestUser) => client(t.app, u.token);
/** The test client has no PUT. */
const put = (u: TestUser, url: string, payload: object) => t.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${u.token}` }, payload });
async function created<T = Lead>(res: { statusCode: number; body: string; json(): unknown }): Promise<T> {
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as T;
}
const count = async (table: 'organizations' | 'contacts' | 'opportunities') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  teams = { east: await makeTeam(db, '华东销售'), south: await makeTeam(db, '华南销售') };
  users = {
    admin: await makeUser(t, { role: 'admin', name: 'Admin' }),
    rep: await makeUser(t, { role: 'sales_rep', teamId: teams.east.id, name: '李娜' }),
    a: await makeUser(t, { role: 'sales_rep', teamId: teams.south.id, name: '甲' }),
    b: await makeUser(t, { role: 'sales_rep', teamId: teams.south.id, name: '乙' }),
    c: await makeUser(t, { role: 'sales_rep', teamId: teams.south.id, name: '丙' }),
    south: await makeUser(t, { role: 'sales_manager', teamId: teams.east.id, name: '王经理' }),
  };
  admin = as(users.admin);
  rep = as(users.rep);
}, 60_000);
afterAll(async () => t?.close());

describe('leads', () => {
  test('a rep creates a lead: status new, owned by them in their team, named regions, audited and searchable', async () => {
    const lead = await created(
      await rep.post('/api/leads', {
        name: '  张三 ',
        company: '深圳前海微众科技',
        phone: '138 0013 8000',
        email: 'Zhang@Example.com',
        source: 'trade_show',
        provinceCode: '440000',
        cityCode: '440300',
      }),
    );
    expect(lead).toMatchObject({
      name: '张三',
      status: 'new',
      email: 'zhang@example.com',
      ownerId: users.rep.id,
      ownerName: '李娜',
      teamId: teams.east.id,
      provinceName: '广东省',
      cityName: '深圳市',
      version: 1,
    });
    const audit = await t.database.db.selectFrom('auditLog').selectAll().where('entityType', '=', 'leads').where('entityId', '=', lead.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
    const found = (await rep.get(`/api/search?q=${encodeURIComponent('微众')}&types=leads`)).json();
    expect(found.items.map((i: { id: string }) => i.id)).toContain(lead.id);
  });

  test('rejects a city outside the province and an unknown source with 400 and field messages', async () => {
    const res = await rep.post('/api/leads', { name: 'X', source: 'trade_show', provinceCode: '440000', cityCode: '310100' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('cityCode');
    const bad = await rep.post('/api/leads', { name: 'X', source: 'carrier_pigeon' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('source');
  });

  test('the kanban moves a lead by PATCHing its status; converted cannot be set by hand; a stale version is 409', async () => {
    const lead = await created(await rep.post('/api/leads', { name: '看板线索', source: 'website' }));
    const moved = await rep.patch(`/api/leads/${lead.id}`, { version: 1, status: 'qualified' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ status: 'qualified', version: 2 });
    expect((await rep.patch(`/api/leads/${lead.id}`, { version: 2, status: 'converted' })).statusCode).toBe(400);
    expect((await rep.patch(`/api/leads/${lead.id}`, { version: 1, status: 'contacted' })).statusCode).toBe(409);
    const list = (await rep.get('/api/leads?status=qualified&source=website&total=true')).json();
    expect(list.items.map((i: Lead) => i.id)).toEqual([lead.id]);
    expect(list.total).toBe(1);
  });

  test('lists page by keyset in the requested sort', async () => {
    for (const n of ['排序甲', '排序乙', '排序丙']) await created(await rep.post('/api/leads', { name: n, source: 'other', industry: 'sort-test' }));
    const first = (await rep.get('/api/leads?q=排序&sort=name&limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (await rep.get(`/api/leads?q=排序&sort=name&limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const names = [...first.items, ...second.items].map((i: Lead) => i.name);
    expect(names).toEqual([...names].sort());
    expect((await rep.get('/api/leads?sort=phone')).statusCode).toBe(400);
  });
});

describe('assignment rules', () => {
  test('only settings admins read or change the rules', async () => {
    expect((await rep.get('/api/settings/lead-assignment')).statusCode).toBe(403);
    expect((await put(users.rep, '/api/settings/lead-assignment', { rules: [] })).statusCode).toBe(403);
  });

  test('a province rule gives a fixed owner; round robin takes turns in the team; an owner sent wins', async () => {
    const saved = await put(users.admin, '/api/settings/lead-assignment', {
      rules: [
        { name: '上海归华东经理', provinceCode: '310000', userId: users.south.id },
        { name: '其余华南轮转', teamId: teams.south.id },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const shanghai = await created(await rep.post('/api/leads', { name: '上海线索', source: 'referral', provinceCode: '310000' }));
    expect(shanghai.ownerId).toBe(users.south.id);
    const owners: string[] = [];
    for (let i = 0; i < 6; i++) owners.push((await created(await admin.post('/api/leads', { name: `轮转${i}`, source: 'advertising' }))).ownerId as string);
    const members = [users.a.id, users.b.id, users.c.id].sort();
    // Each member twice, in a repeating order.
    expect([...owners].sort()).toEqual([...members, ...members].sort());
    expect(owners.slice(3)).toEqual(owners.slice(0, 3));
    const mine = await created(await admin.post('/api/leads', { name: '指定', source: 'other', ownerId: users.admin.id }));
    expect(mine.ownerId).toBe(users.admin.id);
    const rules = (await admin.get('/api/settings/lead-assignment')).json().items;
    expect(rules.map((r: { turns: number }) => r.turns)).toEqual([0, 6]);
    // Kept by id, the rule keeps its place in the rotation.
    const again = await put(users.admin, '/api/settings/lead-assignment', { rules: [{ id: rules[1].id, name: '华南轮转', teamId: teams.south.id }] });
    expect(again.json().items[0].turns).toBe(6);
    await put(users.admin, '/api/settings/lead-assignment', { rules: [] });
  });

  test('turns taken at the same moment never hand two leads the same turn', async () => {
    const saved = (await put(users.admin, '/api/settings/lead-assignment', { rules: [{ name: '并发', teamId: teams.south.id }] })).json();
    const results = await Promise.all(Array.from({ length: 9 }, (_, i) => admin.post('/api/leads', { name: `并发${i}`, source: 'other' })));
    const owners = results.map((r) => r.json().ownerId as string);
    for (const id of [users.a.id, users.b.id, users.c.id]) expect(owners.filter((o) => o === id)).toHaveLength(3);
    expect((await admin.get('/api/settings/lead-assignment')).json().items[0]).toMatchObject({ id: saved.items[0].id, turns: 9 });
    await put(users.admin, '/api/settings/lead-assignment', { rules: [] });
  });
});

describe('conversion', () => {
  test('creates organization, contact and opportunity in one step and links them to the lead', async () => {
    const lead = await created(
      await rep.post('/api/leads', {
        name: '赵六',
        company: '杭州云栖数据有限公司',
        title: 'CTO',
        email: 'zhao@yunqi.cn',
        source: 'website',
        provinceCode: '330000',
      }),
    );
    const preview = (await rep.get(`/api/leads/${lead.id}/convert`)).json();
    expect(preview.suggestedOrganizationId).toBeNull();
    const res = await rep.post(`/api/leads/${lead.id}/convert`, {
      version: lead.version,
      opportunity: { name: '云栖数据平台', amount: '120000.10', currency: 'CNY', expectedCloseDate: '2027-03-31' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out).toMatchObject({ organizationReused: false, contactReused: false });
    expect(out.lead).toMatchObject({ status: 'converted', convertedOrganizationName: '杭州云栖数据有限公司', convertedContactName: '赵六' });
    const org = (await rep.get(`/api/organizations/${out.organizationId}`)).json();
    expect(org).toMatchObject({ province: '330000', source: 'website', ownerId: users.rep.id });
    const contact = (await rep.get(`/api/contacts/${out.contactId}`)).json();
    expect(contact.organizations[0]).toMatchObject({ organizationId: out.organizationId, title: 'CTO' });
    expect(contact.emails[0].address).toBe('zhao@yunqi.cn');
    const opp = (await rep.get(`/api/opportunities/${out.opportunityId}`)).json();
    expect(opp).toMatchObject({ name: '云栖数据平台', amount: '120000.10', leadId: lead.id, organizationId: out.organizationId });
  });

  test('reuses an existing organization the duplicate check finds, and a contact with the same e-mail', async () => {
    const org = await makeOrganization(t, { name: '成都天府软件有限公司', ownerId: users.rep.id });
    const existing = (
      await rep.post('/api/contacts', { name: '孙七', emails: [{ address: 'sun@tianfu.cn' }], organizations: [{ organizationId: org.id }] })
    ).json();
    const lead = await created(await rep.post('/api/leads', { name: '孙七', company: '成都天府软件有限公司', email: 'sun@tianfu.cn', source: 'referral' }));
    const preview = (await rep.get(`/api/leads/${lead.id}/convert`)).json();
    expect(preview).toMatchObject({ suggestedOrganizationId: org.id, suggestedContactId: existing.id });
    const [orgs, contacts] = [await count('organizations'), await count('contacts')];
    const out = (await rep.post(`/api/leads/${lead.id}/convert`, { version: lead.version })).json();
    expect(out).toMatchObject({ organizationId: org.id, organizationReused: true, contactId: existing.id, contactReused: true, opportunityId: null });
    expect([await count('organizations'), await count('contacts')]).toEqual([orgs, contacts]);
  });

  test('the client may insist on a new organization, or name one to reuse (which it must be able to see)', async () => {
    const org = await makeOrganization(t, { name: '重复公司', ownerId: users.rep.id });
    const lead = await created(await rep.post('/api/leads', { name: '周八', company: '重复公司', source: 'other' }));
    const hidden = await makeOrganization(t, { name: '别人的公司', ownerId: users.a.id });
    const refused = await rep.post(`/api/leads/${lead.id}/convert`, { version: 1, organizationId: hidden.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toHaveProperty('organizationId');
    const out = (await rep.post(`/api/leads/${lead.id}/convert`, { version: 1, organization: { createNew: true } })).json();
    expect(out.organizationReused).toBe(false);
    expect(out.organizationId).not.toBe(org.id);
  });

  test('a bad opportunity rolls everything back: no organization, no contact, the lead unchanged', async () => {
    const lead = await created(await rep.post('/api/leads', { name: '吴九', company: '回滚测试有限公司', source: 'telemarketing' }));
    const before = [await count('organizations'), await count('contacts'), await count('opportunities')];
    const res = await rep.post(`/api/leads/${lead.id}/convert`, {
      version: 1,
      opportunity: { name: '不存在的管道', pipelineId: '01900000-0000-7000-8000-000000000000' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty(['opportunity.pipelineId']);
    expect([await count('organizations'), await count('contacts'), await count('opportunities')]).toEqual(before);
    expect((await rep.get(`/api/leads/${lead.id}`)).json()).toMatchObject({ status: 'new', version: 1, convertedOrganizationId: null });
  });

  test('a converted lead is read-only and cannot be converted again', async () => {
    const lead = await created(await rep.post('/api/leads', { name: '郑十', company: '只读测试公司', source: 'advertising' }));
    const out = (await rep.post(`/api/leads/${lead.id}/convert`, { version: 1 })).json();
    const version = out.lead.version;
    const edit = await rep.patch(`/api/leads/${lead.id}`, { version, name: '改名' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('locked');
    expect((await rep.post(`/api/leads/${lead.id}/convert`, { version })).json().error.code).toBe('locked');
    const history = (await rep.get(`/api/audit-log/records/leads/${lead.id}`)).json();
    expect(history.items).toHaveLength(2);
  });

  test("a merge of the converted organization moves the lead's link to the survivor", async () => {
    const lead = await created(await rep.post('/api/leads', { name: '合并测试', company: '合并前公司甲', source: 'other' }));
    const out = (await rep.post(`/api/leads/${lead.id}/convert`, { version: 1 })).json();
    const survivor = await makeOrganization(t, { name: '合并后公司乙', ownerId: users.rep.id });
    const merged = await admin.post(`/api/organizations/${survivor.id}/merge`, { sourceId: out.organizationId });
    expect(merged.statusCode, merged.body).toBe(200);
    expect((await rep.get(`/api/leads/${lead.id}`)).json()).toMatchObject({ convertedOrganizationId: survivor.id, convertedOrganizationName: '合并后公司乙' });
  });

  test('converting needs update rights on leads and sight of the lead', async () => {
    const lead = await created(await rep.post('/api/leads', { name: '看不见', source: 'other' }));
    expect((await as(users.a).post(`/api/leads/${lead.id}/convert`, { version: 1 })).statusCode).toBe(404);
    const readOnly = await makeUser(t, { role: 'read_only' });
    expect((await as(readOnly).post(`/api/leads/${lead.id}/convert`, { version: 1 })).statusCode).toBe(403);
  });
});
