import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTeam, makeUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let rep: Client;

beforeAll(async () => {
  t = await createTestApp();
  const team = await makeTeam(t.database.db, '华南大区');
  rep = client(t.app, (await makeUser(t, { role: 'sales_rep', teamId: team.id })).token);
}, 60_000);
afterAll(async () => t?.close());

const fieldsOf = (res: { statusCode: number; json: () => { error: { fields: Record<string, string> } } }) => {
  expect(res.statusCode).toBe(400);
  return res.json().error.fields;
};

describe('GET /api/regions', () => {
  test('lists the provinces, then one level of children at a time, with a day of browser caching', async () => {
    const provinces = await rep.get('/api/regions');
    expect(provinces.statusCode).toBe(200);
    expect(provinces.headers['cache-control']).toBe('private, max-age=86400');
    const items = provinces.json().items;
    expect(items).toHaveLength(34);
    expect(items[0]).toEqual({ code: '110000', name: { zh: '北京市', en: '北京市' }, level: 'province', leaf: false });
    const cities = (await rep.get('/api/regions?parent=440000')).json().items;
    expect(cities.map((c: { code: string }) => c.code)).toContain('440300');
    expect(cities.find((c: { code: string }) => c.code === '441900')).toMatchObject({ name: { zh: '东莞市' }, leaf: true });
    const districts = (await rep.get('/api/regions?parent=440300')).json().items;
    expect(districts.find((d: { code: string }) => d.code === '440305')).toMatchObject({ name: { zh: '南山区' }, level: 'district', leaf: true });
  });

  test('gives municipalities one city named like them, holding their districts', async () => {
    const [city] = (await rep.get('/api/regions?parent=110000')).json().items;
    expect(city).toMatchObject({ code: '110100', name: { zh: '北京市' }, level: 'city' });
    expect((await rep.get('/api/regions?parent=110100')).json().items.map((d: { name: { zh: string } }) => d.name.zh)).toContain('朝阳区');
  });

  test('answers 404 for an unknown parent, 400 for a malformed one and 401 without a session', async () => {
    expect((await rep.get('/api/regions?parent=990000')).statusCode).toBe(404);
    expect(fieldsOf(await rep.get('/api/regions?parent=guangdong'))).toHaveProperty('parent');
    expect((await client(t.app).get('/api/regions')).statusCode).toBe(401);
  });

  test('gives a division with its path from the province', async () => {
    const res = (await rep.get('/api/regions/440305')).json();
    expect(res.path.map((p: { code: string }) => p.code)).toEqual(['440000', '440300', '440305']);
    expect((await rep.get('/api/regions/123456')).statusCode).toBe(404);
  });

  test('lists countries with Chinese and English names, China first', async () => {
    const items = (await rep.get('/api/regions/countries')).json().items;
    expect(items[0]).toEqual({ code: 'CN', name: { zh: '中国', en: 'China' } });
    expect(items.find((c: { code: string }) => c.code === 'US')).toEqual({ code: 'US', name: { zh: '美国', en: 'United States' } });
  });
});

describe('region fields of organizations and contacts', () => {
  test('stores codes, makes the country CN and answers the names', async () => {
    const res = await rep.post('/api/organizations', { name: '腾讯', province: '440000', city: '440300', district: '440305' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      country: 'CN',
      province: '440000',
      city: '440300',
      district: '440305',
      regionNames: { country: { zh: '中国', en: 'China' }, province: { zh: '广东省' }, city: { zh: '深圳市' }, district: { zh: '南山区' } },
    });
  });

  test('refuses a city outside the province and a district outside the city, naming the field', async () => {
    expect(fieldsOf(await rep.post('/api/organizations', { name: 'A', province: '440000', city: '110100' }))).toEqual({ city: 'Not in the chosen province' });
    expect(fieldsOf(await rep.post('/api/organizations', { name: 'A', province: '440000', city: '440300', district: '440106' }))).toEqual({
      district: 'Not in the chosen city',
    });
    expect(fieldsOf(await rep.post('/api/organizations', { name: 'A', city: '440300' }))).toEqual({ city: 'Choose the province first' });
  });

  test('refuses names and codes of the wrong level', async () => {
    expect(fieldsOf(await rep.post('/api/organizations', { name: 'A', province: '广东省' }))).toEqual({ province: 'Not a province code (GB/T 2260)' });
    expect(fieldsOf(await rep.post('/api/organizations', { name: 'A', province: '440300' }))).toEqual({ province: 'Not a province code (GB/T 2260)' });
    expect(fieldsOf(await rep.post('/api/contacts', { name: '张三', province: '440000', city: '440305' }))).toEqual({ city: 'Not a city code (GB/T 2260)' });
  });

  test('keeps other countries without divisions and refuses unknown countries', async () => {
    const us = await rep.post('/api/contacts', { name: 'John', country: 'us', address: 'San Jose, CA' });
    expect(us.json()).toMatchObject({ country: 'US', province: null, regionNames: { country: { en: 'United States' }, province: null } });
    expect(fieldsOf(await rep.post('/api/contacts', { name: 'John', country: 'US', province: '440000' }))).toHaveProperty('province');
    expect(fieldsOf(await rep.post('/api/contacts', { name: 'John', country: 'XX' }))).toHaveProperty('country');
  });

  test('checks an update against the parts it leaves in place, and lets a move clear them', async () => {
    const org = (await rep.post('/api/organizations', { name: '比亚迪', province: '440000', city: '440300' })).json();
    const stale = await rep.patch(`/api/organizations/${org.id}`, { version: org.version, province: '310000' });
    expect(fieldsOf(stale)).toEqual({ city: 'Not in the chosen province' });
    const moved = await rep.patch(`/api/organizations/${org.id}`, { version: org.version, province: '310000', city: '310100', district: '310115' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().regionNames.district.zh).toBe('浦东新区');
    const contact = (await rep.post('/api/contacts', { name: '王五', province: '110000', city: '110100' })).json();
    expect(fieldsOf(await rep.patch(`/api/contacts/${contact.id}`, { version: contact.version, district: '440305' }))).toEqual({
      district: 'Not in the chosen city',
    });
    const untouched = await rep.patch(`/api/contacts/${contact.id}`, { version: contact.version, notes: '无变化' });
    expect(untouched.json()).toMatchObject({ province: '110000', city: '110100' });
  });

  test('filters the list by province and city codes', async () => {
    await rep.post('/api/organizations', { name: '杭州娃哈哈', province: '330000', city: '330100' });
    await rep.post('/api/organizations', { name: '宁波舟山港', province: '330000', city: '330200' });
    const names = async (qs: string) =>
      (await rep.get(`/api/organizations?${qs}`))
        .json()
        .items.map((o: { name: string }) => o.name)
        .sort();
    expect(await names('province=330000')).toEqual(['宁波舟山港', '杭州娃哈哈']);
    expect(await names(`filter=${encodeURIComponent(JSON.stringify([{ field: 'city', op: 'eq', value: '330100' }]))}`)).toEqual(['杭州娃哈哈']);
  });
});
