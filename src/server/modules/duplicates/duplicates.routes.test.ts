import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Contact, Organization } from '../../../shared/schemas/customers.js';
import type { Duplicates } from '../../../shared/schemas/duplicates.js';
import { makeRole, makeTeam, makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let admin: Client;
let rep: Client;
let outsider: Client;
let users: Record<'rep' | 'outsider', TestUser>;
let orgs: Record<'huawei' | 'research' | 'tencent' | 'acme', Organization>;
let people: Record<'wangFang' | 'wangFangFang' | 'wangFangHua' | 'hidden', Contact>;

/** A query string with repeatable parameters: `{ phones: ['a', 'b'] }` → `?phones=a&phones=b`. */
function qs(params: Record<string, string | string[]>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of [value].flat()) search.append(key, v);
  return `?${search}`;
}
async function check(c: Client, type: 'organizations' | 'contacts', params: Record<string, string | string[]>): Promise<Duplicates> {
  const res = await c.get(`/api/${type}/duplicates${qs(params)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const reasonsById = (d: Duplicates) => Object.fromEntries(d.items.map((i) => [i.id, i.reasons]));

async function created<T>(res: { statusCode: number; body: string; json(): unknown }): Promise<T> {
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as T;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const branch = await makeTeam(db, '深圳分部');
  const other = await makeTeam(db, '华北大区');
  users = {
    rep: await makeUser(t, { role: 'sales_rep', teamId: branch.id, name: '李娜' }),
    outsider: await makeUser(t, { role: 'sales_rep', teamId: other.id, name: '陈静' }),
  };
  admin = client(t.app, (await makeUser(t, { role: 'admin' })).token);
  rep = client(t.app, users.rep.token);
  outsider = client(t.app, users.outsider.token);
  orgs = {
    huawei: await created(
      await rep.post('/api/organizations', {
        name: '华为技术有限公司',
        uscc: '914403001922038216',
        phones: [{ number: '+86 138 1234 5678' }],
        emails: [{ address: 'Sales@Huawei.com' }],
      }),
    ),
    research: await created(await rep.post('/api/organizations', { name: '华为技术深圳研究所' })),
    acme: await created(await rep.post('/api/organizations', { name: 'Acme Trading Co., Ltd.' })),
    tencent: await created(await outsider.post('/api/organizations', { name: '腾讯科技有限公司', phones: [{ number: '0755-8601 3388' }] })),
  };
  people = {
    wangFang: await created(
      await rep.post('/api/contacts', {
        name: '王芳',
        phones: [{ number: '139 0000 1111' }],
        emails: [{ address: 'Wang.Fang@example.cn' }],
        organizations: [{ organizationId: orgs.huawei.id, title: '采购经理' }],
      }),
    ),
    wangFangFang: await created(await rep.post('/api/contacts', { name: '王芳芳', organizations: [{ organizationId: orgs.huawei.id }] })),
    wangFangHua: await created(await rep.post('/api/contacts', { name: '王芳华' })),
    hidden: await created(await outsider.post('/api/contacts', { name: '赵敏', phones: [{ number: '+86 137 0000 2222' }] })),
  };
}, 60_000);
afterAll(async () => t?.close());

describe('organization duplicates', () => {
  test('the same name with or without 有限公司 is the same name; a longer name beginning with it is similar; same name ranks first', async () => {
    const d = await check(rep, 'organizations', { name: '华为技术' });
    expect(d.items.map((i) => [i.name, i.reasons])).toEqual([
      ['华为技术有限公司', ['sameName']],
      ['华为技术深圳研究所', ['similarName']],
    ]);
    expect(d.items[0]).toMatchObject({ id: orgs.huawei.id, ownerId: users.rep.id, ownerName: '李娜' });
    expect(d.hiddenMatches).toBe(0);
    // Full-width brackets, spacing and the legal form make no difference.
    expect(reasonsById(await check(rep, 'organizations', { name: ' 华为技术 股份有限公司 ' }))[orgs.huawei.id]).toEqual(['sameName']);
    expect(reasonsById(await check(rep, 'organizations', { name: 'ACME trading limited' }))[orgs.acme.id]).toEqual(['sameName']);
  });

  test('finds the same USCC, phone in any format and e-mail in any case, strongest reason first', async () => {
    expect(reasonsById(await check(rep, 'organizations', { uscc: ' 914403001922038216 ' }))).toEqual({ [orgs.huawei.id]: ['sameUscc'] });
    for (const phone of ['138-1234-5678', '+86 13812345678', '(+86) 138 1234 5678']) {
      expect(reasonsById(await check(rep, 'organizations', { phones: phone })), phone).toEqual({ [orgs.huawei.id]: ['samePhone'] });
    }
    expect(reasonsById(await check(rep, 'organizations', { phones: ['010 1234', '13812345678'], emails: 'SALES@huawei.COM' }))).toEqual({
      [orgs.huawei.id]: ['samePhone', 'sameEmail'],
    });
    const all = await check(rep, 'organizations', { name: '华为技术', uscc: '914403001922038216', phones: '13812345678' });
    expect(all.items[0]).toMatchObject({ id: orgs.huawei.id, reasons: ['sameUscc', 'samePhone', 'sameName'] });
  });

  test('ignores what cannot match (an invalid code or phone) and leaves out the record being edited', async () => {
    expect((await check(rep, 'organizations', { uscc: '914403001922038217', phones: '555' })).items).toEqual([]);
    const d = await check(rep, 'organizations', { name: '华为技术有限公司', excludeId: orgs.huawei.id });
    expect(d.items.map((i) => i.id)).toEqual([orgs.research.id]);
    expect((await check(rep, 'organizations', {})).items).toEqual([]);
  });

  test("another team's record is not shown, only counted, and only for a strong match", async () => {
    const byName = await check(rep, 'organizations', { name: '腾讯科技' });
    expect(byName).toEqual({ items: [], hiddenMatches: 1 });
    expect(await check(rep, 'organizations', { phones: '+86 755 8601 3388' })).toEqual({ items: [], hiddenMatches: 1 });
    // A similar name alone is too weak to report.
    expect(await check(rep, 'organizations', { name: '腾讯科技深圳' })).toEqual({ items: [], hiddenMatches: 0 });
    // Someone who may see it gets it, with its owner.
    const seen = await check(admin, 'organizations', { name: '腾讯科技' });
    expect(seen).toMatchObject({ items: [{ id: orgs.tencent.id, ownerName: '陈静', reasons: ['sameName'] }], hiddenMatches: 0 });
  });

  test('a record in the recycle bin is no duplicate, and is one again after a restore', async () => {
    const gone = await created<Organization>(await rep.post('/api/organizations', { name: '回收站公司', phones: [{ number: '13811112222' }] }));
    expect((await rep.delete(`/api/organizations/${gone.id}`)).statusCode).toBe(204);
    expect(await check(rep, 'organizations', { name: '回收站', phones: '13811112222' })).toEqual({ items: [], hiddenMatches: 0 });
    expect((await rep.post(`/api/recycle-bin/organizations/${gone.id}/restore`)).statusCode).toBe(204);
    expect(reasonsById(await check(rep, 'organizations', { name: '回收站', phones: '13811112222' }))).toEqual({ [gone.id]: ['samePhone', 'sameName'] });
  });
});

describe('contact duplicates', () => {
  test('same name; a similar name counts only at the same organization, which ranks first', async () => {
    const atHuawei = await check(rep, 'contacts', { name: '王芳', organizationId: orgs.huawei.id });
    expect(atHuawei.items.map((i) => [i.name, i.reasons, i.sameOrganization])).toEqual([
      ['王芳', ['sameName'], true],
      ['王芳芳', ['similarName'], true],
    ]);
    expect(atHuawei.items[0].organizations).toEqual(['华为技术有限公司']);
    const anywhere = await check(rep, 'contacts', { name: '王 芳' });
    expect(anywhere.items.map((i) => [i.name, i.reasons])).toEqual([['王芳', ['sameName']]]);
  });

  test('same phone in any format and e-mail in any case', async () => {
    const d = await check(rep, 'contacts', { name: 'Someone else', phones: '+86 139-0000-1111', emails: 'wang.fang@EXAMPLE.cn' });
    expect(reasonsById(d)).toEqual({ [people.wangFang.id]: ['samePhone', 'sameEmail'] });
    expect((await check(rep, 'contacts', { phones: '13900001111', excludeId: people.wangFang.id })).items).toEqual([]);
  });

  test("another rep's contact with the same phone is counted, not shown; the same name elsewhere is not even counted", async () => {
    expect(await check(rep, 'contacts', { phones: '13700002222' })).toEqual({ items: [], hiddenMatches: 1 });
    expect(await check(rep, 'contacts', { name: '赵敏' })).toEqual({ items: [], hiddenMatches: 0 });
    expect((await check(outsider, 'contacts', { name: '赵敏' })).items.map((i) => i.id)).toEqual([people.hidden.id]);
  });
});

describe('access and validation', () => {
  test('answers 403 without read permission on the module and 400 naming a bad parameter', async () => {
    const orgsOnly = await makeRole(t.database.db, { organizations: { actions: ['read'], scope: 'all' } });
    const c = client(t.app, (await makeUser(t, { roleId: orgsOnly })).token);
    expect((await c.get('/api/contacts/duplicates?name=王芳')).statusCode).toBe(403);
    expect((await c.get('/api/organizations/duplicates?name=华为')).statusCode).toBe(200);
    const bad = await rep.get('/api/organizations/duplicates?excludeId=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('excludeId');
    expect((await rep.get(`/api/contacts/duplicates?name=${'x'.repeat(121)}`)).statusCode).toBe(400);
  });
});
