import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Contact, Organization } from '../../../shared/schemas/customers.js';
import type { SearchItem } from '../../../shared/schemas/search.js';
import { makeRole, makeTeam, makeUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';
import { reindexParties } from '../customers/party-search.js';

let t: TestApp;
let admin: Client;
let rep: Client;
let mate: Client;
let outsider: Client;
let blind: Client;
let repId: string;
const orgs: Record<string, Organization> = {};
let zhang: Contact;

async function created<T>(res: { statusCode: number; body: string; json(): unknown }): Promise<T> {
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as T;
}
const org = (body: Record<string, unknown>) => admin.post('/api/organizations', { ownerId: repId, ...body }).then((r) => created<Organization>(r));

async function search(c: Client, q: string, extra = ''): Promise<SearchItem[]> {
  const res = await c.get(`/api/search?q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  expect(Object.keys(body)).toEqual(['items']);
  return body.items;
}
const titles = async (c: Client, q: string, extra = '') => (await search(c, q, extra)).map((i) => i.title);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const teamA = await makeTeam(db, '华东大区');
  const teamB = await makeTeam(db, '华南大区');
  const repUser = await makeUser(t, { role: 'sales_rep', teamId: teamA.id, name: '李娜' });
  repId = repUser.id;
  rep = client(t.app, repUser.token);
  mate = client(t.app, (await makeUser(t, { role: 'sales_rep', teamId: teamA.id, name: '王芳' })).token);
  outsider = client(t.app, (await makeUser(t, { role: 'sales_rep', teamId: teamB.id, name: '陈静' })).token);
  const noCustomers = await makeRole(db, { tasks: { actions: ['read'], scope: 'all' } });
  blind = client(t.app, (await makeUser(t, { roleId: noCustomers, teamId: teamA.id })).token);
  admin = client(t.app, (await makeUser(t, { role: 'admin' })).token);

  orgs.huawei = await org({ name: '华为技术有限公司', industry: '通信设备' });
  orgs.zte = await org({ name: '深圳市中兴通讯股份有限公司', phones: [{ number: '0755-26770000' }], emails: [{ address: 'ir@zte.com.cn' }] });
  orgs.acme = await org({ name: 'Acme Trading Co.' });
  orgs.star = await org({ name: '星辰' });
  orgs.starTech = await org({ name: '星辰科技' });
  orgs.starTrade = await org({ name: '星辰贸易有限公司' });
  orgs.bjStar = await org({ name: '北京星辰' });
  zhang = await admin
    .post('/api/contacts', {
      name: '张伟',
      ownerId: repId,
      emails: [{ address: 'Zhang.Wei@Example.com' }],
      phones: [{ number: '13912345678' }],
      organizations: [{ organizationId: orgs.huawei.id }],
    })
    .then((r) => created<Contact>(r));
}, 60_000);
afterAll(async () => t?.close());

describe('finding records', () => {
  test.each(['华为', 'huawei', 'hw', 'HuaWei', '华wei'])('"%s" finds 华为技术有限公司 first', async (q) => {
    const items = await search(rep, q);
    expect(items[0]).toMatchObject({ type: 'organizations', id: orgs.huawei.id, title: '华为技术有限公司', subtitle: '通信设备' });
  });

  test.each(['中兴', 'zxtx', 'zhongxing', '中兴通讯', '讯'])('"%s" finds 深圳市中兴通讯股份有限公司 inside the name', async (q) => {
    expect(await titles(rep, q)).toContain('深圳市中兴通讯股份有限公司');
  });

  test('a single Chinese character finds every name holding it, and nothing else', async () => {
    const found = await titles(rep, '星');
    expect(found.sort()).toEqual(['北京星辰', '星辰', '星辰科技', '星辰贸易有限公司'].sort());
  });

  test('English words are found by their prefixes, not by letters inside them', async () => {
    expect(await titles(rep, 'acm')).toEqual(['Acme Trading Co.']);
    expect(await titles(rep, 'trad')).toEqual(['Acme Trading Co.']);
    expect(await titles(rep, 'rading')).toEqual([]);
  });

  test('e-mail and phone fragments find the contact, with the organization they work at as subtitle', async () => {
    for (const q of ['zhang.wei@', 'example.com', '@example', 'wei@exa', '1234', '139 1234', '5678']) {
      const items = await search(rep, q);
      expect(
        items.map((i) => i.id),
        q,
      ).toContain(zhang.id);
      expect(items.find((i) => i.id === zhang.id)?.subtitle).toBe('华为技术有限公司');
    }
    expect((await search(rep, '2677')).map((i) => i.id)).toEqual([orgs.zte.id]);
    expect((await search(rep, 'zte.com')).map((i) => i.id)).toEqual([orgs.zte.id]);
    expect(await search(rep, '99999')).toEqual([]);
  });

  test('several words must all match', async () => {
    expect((await search(rep, '张伟 1391')).map((i) => i.id)).toEqual([zhang.id]);
    expect(await search(rep, '张伟 2677')).toEqual([]);
  });
});

describe('ranking', () => {
  test('an exact name comes before a name starting with the query, before one containing it', async () => {
    const items = await search(rep, '星辰');
    expect(items.map((i) => i.title)).toEqual(['星辰', '星辰科技', '星辰贸易有限公司', '北京星辰']);
    const scores = items.map((i) => i.score);
    expect(scores[0]).toBeGreaterThan(scores[1]);
    expect(scores[2]).toBeGreaterThan(scores[3]);
  });

  test('a recently viewed record moves up within its rank, not above a better one', async () => {
    const res = await mate.post('/api/search/recent', { type: 'organizations', id: orgs.starTrade.id });
    expect(res.statusCode, res.body).toBe(404); // not the mate's record: nothing is noted
    expect((await rep.post('/api/search/recent', { type: 'organizations', id: orgs.starTrade.id })).statusCode).toBe(204);
    expect(await titles(rep, '星辰')).toEqual(['星辰', '星辰贸易有限公司', '星辰科技', '北京星辰']);
    // Boosts are personal.
    expect(await titles(admin, '星辰')).toEqual(['星辰', '星辰科技', '星辰贸易有限公司', '北京星辰']);
    const recent = (await rep.get('/api/search/recent')).json().items as SearchItem[];
    expect(recent.map((i) => i.id)).toEqual([orgs.starTrade.id]);
  });
});

describe('the index follows the records', () => {
  test('a rename, a delete and a restore change what is found', async () => {
    const o = await org({ name: '旧名称贸易公司' });
    expect(await titles(rep, '旧名称')).toEqual(['旧名称贸易公司']);
    const renamed = await admin.patch(`/api/organizations/${o.id}`, { version: o.version, name: '新名字实业' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await titles(rep, '旧名称')).toEqual([]);
    expect(await titles(rep, 'jmc')).toEqual([]);
    expect(await titles(rep, 'xinmingzi')).toEqual(['新名字实业']);
    expect((await admin.delete(`/api/organizations/${o.id}`)).statusCode).toBe(204);
    expect(await titles(rep, '新名字')).toEqual([]);
    expect(await titles(admin, '新名字')).toEqual([]);
    expect((await admin.post(`/api/recycle-bin/organizations/${o.id}/restore`)).statusCode).toBe(204);
    expect(await titles(rep, '新名字')).toEqual(['新名字实业']);
  });

  test('a merge takes the merged-away name out and keeps the survivor', async () => {
    const target = await org({ name: '合并目标集团' });
    const source = await org({ name: '被合并的公司', phones: [{ number: '021-55556666' }] });
    const res = await admin.post(`/api/organizations/${target.id}/merge`, { sourceId: source.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(await titles(rep, '被合并')).toEqual([]);
    // Phones are combined on a merge: the survivor is now found by the other's number.
    expect((await search(rep, '5555')).map((i) => i.id)).toEqual([target.id]);
    expect(await titles(rep, '合并目标')).toEqual(['合并目标集团']);
  });

  test('a contact edit changes its e-mail and phone entries', async () => {
    const c = await admin.post('/api/contacts', { name: '赵敏', ownerId: repId, emails: [{ address: 'zhao@old.cn' }] }).then((r) => created<Contact>(r));
    expect((await search(rep, 'old.cn')).map((i) => i.id)).toEqual([c.id]);
    const res = await admin.patch(`/api/contacts/${c.id}`, { version: c.version, emails: [{ address: 'min@new.cn' }] });
    expect(res.statusCode, res.body).toBe(200);
    expect(await search(rep, 'old.cn')).toEqual([]);
    expect((await search(rep, 'new.cn')).map((i) => i.id)).toEqual([c.id]);
  });
});

describe('backfill', () => {
  test('reindexing finds records written before the index existed, and skips deleted ones', async () => {
    const gone = await org({ name: '回收站里的公司' });
    expect((await admin.delete(`/api/organizations/${gone.id}`)).statusCode).toBe(204);
    // As before migration 0010: no index entries at all.
    await t.database.db.deleteFrom('searchTokens').execute();
    expect(await search(rep, 'huawei')).toEqual([]);
    expect(await reindexParties(t.database.db)).toBeGreaterThan(5);
    expect((await search(rep, 'huawei'))[0]?.id).toBe(orgs.huawei.id);
    expect((await search(rep, '1234')).map((i) => i.id)).toContain(zhang.id);
    expect(await titles(admin, '回收站')).toEqual([]);
  });
});

describe('permissions', () => {
  test.each(['华为', 'huawei', 'hw', '张伟', '1234', 'example'])('a rep of another team finds nothing for "%s"', async (q) => {
    expect(await search(outsider, q)).toEqual([]);
  });

  test('a rep with own scope does not find a teammate’s records; a user without customer access finds nothing', async () => {
    expect(await search(mate, '华为')).toEqual([]);
    expect(await search(blind, '华为')).toEqual([]);
    expect((await blind.get('/api/search/recent')).json()).toEqual({ items: [] });
  });

  test('a record that leaves the rep’s scope leaves their results and their recent list', async () => {
    const o = await org({ name: '转交客户公司' });
    expect((await rep.post('/api/search/recent', { type: 'organizations', id: o.id })).statusCode).toBe(204);
    expect(await titles(rep, '转交')).toEqual(['转交客户公司']);
    const res = await admin.patch(`/api/organizations/${o.id}`, { version: o.version, ownerId: null });
    expect(res.statusCode, res.body).toBe(200);
    expect(await titles(rep, '转交')).toEqual([]);
    expect(((await rep.get('/api/search/recent')).json().items as SearchItem[]).map((i) => i.id)).not.toContain(o.id);
  });

  test('signing in is required', async () => {
    expect((await client(t.app).get('/api/search?q=hw')).statusCode).toBe(401);
  });
});

describe('parameters', () => {
  test('types narrows the record types', async () => {
    expect((await search(rep, 'zhang', '&types=contacts')).map((i) => i.type)).toEqual(['contacts']);
    expect(await search(rep, 'zhang', '&types=organizations')).toEqual([]);
    expect((await search(rep, 'hw', '&types=organizations,contacts')).map((i) => i.id)).toContain(orgs.huawei.id);
  });

  test('limit caps the results', async () => {
    expect(await search(rep, '星', '&limit=2')).toHaveLength(2);
    expect(await titles(rep, '星辰', '&limit=1')).toEqual(['星辰']);
  });

  test.each([
    ['', 'q'],
    ['?q=', 'q'],
    ['?q=%20%20', 'q'],
    [`?q=${'a'.repeat(101)}`, 'q'],
    ['?q=hw&limit=0', 'limit'],
    ['?q=hw&limit=51', 'limit'],
    ['?q=hw&limit=abc', 'limit'],
    ['?q=hw&types=deals', 'types'],
  ])('answers 400 naming the field for %s', async (qs, field) => {
    const res = await rep.get(`/api/search${qs}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(Object.keys(res.json().error.fields ?? {})).toContain(field);
  });

  test('punctuation alone finds nothing rather than everything', async () => {
    expect(await search(rep, '---')).toEqual([]);
  });

  test('noting a view checks the body', async () => {
    expect((await rep.post('/api/search/recent', { type: 'deals', id: orgs.huawei.id })).statusCode).toBe(400);
    expect((await rep.post('/api/search/recent', { type: 'organizations', id: 'nope' })).statusCode).toBe(400);
  });
});
