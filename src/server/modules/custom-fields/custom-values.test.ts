import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let admin: Client;
let rep: Client;
let colleague: TestUser;

const label = (en: string, zh = '') => ({ en, 'zh-CN': zh });
const options = (...values: string[]) => values.map((value) => ({ value, label: label(value) }));

beforeAll(async () => {
  t = await createTestApp();
  admin = client(t.app, (await makeUser(t, { role: 'admin' })).token);
  rep = client(t.app, (await makeUser(t, { role: 'sales_rep' })).token);
  colleague = await makeUser(t, { role: 'sales_rep', name: '张伟' });
  const fields = [
    { key: 'main_products', type: 'text' },
    { key: 'profile', type: 'longText' },
    { key: 'store_count', type: 'number' },
    { key: 'revenue', type: 'money' },
    { key: 'founded_on', type: 'date' },
    { key: 'channel', type: 'select', options: options('online', 'retail') },
    { key: 'brands', type: 'multiSelect', options: options('a', 'b', 'c') },
    { key: 'listed', type: 'boolean' },
    { key: 'homepage', type: 'url' },
    { key: 'key_account_manager', type: 'user' },
    { key: 'region_code', type: 'text', required: true },
  ];
  for (const f of fields) {
    const res = await admin.post('/api/custom-fields', { entity: 'organizations', label: label(f.key), ...f });
    if (res.statusCode !== 201) throw new Error(res.body);
  }
  await admin.post('/api/custom-fields', { entity: 'contacts', key: 'birthday', label: label('Birthday', '生日'), type: 'date' });
}, 60_000);
afterAll(async () => t?.close());

const valid = {
  main_products: ' 路由器 ',
  profile: 'Line one\nLine two',
  store_count: 12,
  revenue: 1234567.8,
  founded_on: '1987-09-15',
  channel: 'retail',
  brands: ['a', 'c', 'a'],
  listed: false,
  homepage: 'https://www.huawei.com',
  region_code: 'SZ',
};

describe('custom values on organizations', () => {
  test('valid values of every type are stored in their API form and returned as an object', async () => {
    const res = await rep.post('/api/organizations', { name: 'Values Ltd', custom: { ...valid, key_account_manager: colleague.id } });
    expect(res.statusCode).toBe(201);
    expect(res.json().custom).toEqual({ ...valid, main_products: '路由器', brands: ['a', 'c'], key_account_manager: colleague.id });
    expect((await rep.get(`/api/organizations/${res.json().id}`)).json().custom.revenue).toBe(1234567.8);
  });

  test('one 400 names every bad custom value, together with the other bad fields, and nothing is written', async () => {
    const before = (await admin.get('/api/organizations?total=true')).json().total;
    const res = await rep.post('/api/organizations', {
      name: 'Bad values Ltd',
      phones: [{ number: '12345' }],
      custom: {
        store_count: 'twelve',
        revenue: 10.005,
        founded_on: '2024-02-30',
        channel: 'tv',
        brands: ['a', 'z'],
        listed: 'yes',
        homepage: 'javascript:alert(1)',
        key_account_manager: '01900000-0000-7000-8000-000000000000',
        nonsense: 1,
        main_products: 'x'.repeat(501),
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(Object.keys(res.json().error.fields).sort()).toEqual(
      [
        'custom.brands',
        'custom.channel',
        'custom.founded_on',
        'custom.homepage',
        'custom.key_account_manager',
        'custom.listed',
        'custom.main_products',
        'custom.nonsense',
        'custom.region_code',
        'custom.revenue',
        'custom.store_count',
        'phones.0.number',
      ].sort(),
    );
    expect(res.json().error.fields['custom.nonsense']).toBe('Unknown field');
    expect(res.json().error.fields['custom.region_code']).toBe('Required');
    expect((await admin.get('/api/organizations?total=true')).json().total).toBe(before);
  });

  test('a value of the wrong JSON type for the schema itself is a 400 naming custom.<key>', async () => {
    const res = await rep.post('/api/organizations', { name: 'Nested', custom: { region_code: { deep: true } } });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)[0]).toMatch(/^custom\.region_code/);
  });

  test('an update merges the sent values into the stored ones; null or "" clears one; a required one cannot be cleared', async () => {
    const org = (await rep.post('/api/organizations', { name: 'Merge Ltd', custom: { region_code: 'BJ', store_count: 3, channel: 'online' } })).json();
    const res = await rep.patch(`/api/organizations/${org.id}`, { version: 1, custom: { store_count: 4, channel: null, main_products: '' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().custom).toEqual({ region_code: 'BJ', store_count: 4 });
    // Fields not sent keep their values, even when the body has no `custom` at all.
    expect((await rep.patch(`/api/organizations/${org.id}`, { version: 2, name: 'Merge Co' })).json().custom).toEqual({ region_code: 'BJ', store_count: 4 });
    const cleared = await rep.patch(`/api/organizations/${org.id}`, { version: 3, custom: { region_code: null } });
    expect(cleared.statusCode).toBe(400);
    expect(cleared.json().error.fields).toEqual({ 'custom.region_code': 'Required' });
  });

  test('the audit log shows each custom value change as its own field', async () => {
    const org = (await rep.post('/api/organizations', { name: 'Audit Ltd', custom: { region_code: 'GZ', store_count: 1 } })).json();
    await rep.patch(`/api/organizations/${org.id}`, { version: 1, custom: { store_count: 2, listed: true } });
    const [latest, created] = (await admin.get(`/api/audit-log/records/organizations/${org.id}`)).json().items;
    expect(created.changes['custom.region_code']).toEqual({ before: null, after: 'GZ' });
    expect(latest.changes).toEqual({ 'custom.store_count': { before: 1, after: 2 }, 'custom.listed': { before: null, after: true } });
  });

  test('a field added later as required does not block edits of records that lack it, until someone clears it', async () => {
    const org = (await rep.post('/api/organizations', { name: 'Older Ltd', custom: { region_code: 'SH' } })).json();
    await admin.post('/api/custom-fields', { entity: 'organizations', key: 'later_required', label: label('Later'), type: 'text', required: true });
    expect((await rep.patch(`/api/organizations/${org.id}`, { version: 1, name: 'Older Co' })).statusCode).toBe(200);
    const created = await rep.post('/api/organizations', { name: 'Newer', custom: { region_code: 'SH' } });
    expect(created.json().error.fields).toEqual({ 'custom.later_required': 'Required' });
    const field = (await admin.get('/api/custom-fields?entity=organizations')).json().fields.find((f: { key: string }) => f.key === 'later_required');
    await admin.delete(`/api/custom-fields/${field.id}`);
  });
});

describe('custom values on contacts', () => {
  test('contacts validate against their own fields: an organization field is unknown there', async () => {
    const ok = await rep.post('/api/contacts', { name: '王芳', custom: { birthday: '1990-05-01' } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().custom).toEqual({ birthday: '1990-05-01' });
    const month13 = await rep.post('/api/contacts', { name: '李雷', custom: { birthday: '1990-13-45' } });
    expect(month13.json().error.fields).toEqual({ 'custom.birthday': 'Enter a date as YYYY-MM-DD' });
    const bad = await rep.post('/api/contacts', { name: '李雷', custom: { birthday: '01/05/1990', revenue: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({ 'custom.birthday': 'Enter a date as YYYY-MM-DD', 'custom.revenue': 'Unknown field' });
    const updated = await rep.patch(`/api/contacts/${ok.json().id}`, { version: 1, custom: { birthday: null } });
    expect(updated.json().custom).toEqual({});
  });
});
