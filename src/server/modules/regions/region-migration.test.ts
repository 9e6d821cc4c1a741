import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { up } from '../../db/migrations/0009_regions.js';
import { makeContact, makeOrganization } from '../../test/customerFactories.js';
import { createTestApp, type TestApp } from '../../test/testApp.js';
import { parseRegionText } from './region-names.js';

const region = (country: string | null, province: string | null, city: string | null, district: string | null) => ({ country, province, city, district });

describe('parseRegionText', () => {
  test('reads full and short names into codes, municipalities and county-level cities included', () => {
    expect(parseRegionText(region(null, '广东省', '深圳', '南山区')).value).toEqual(region('CN', '440000', '440300', '440305'));
    expect(parseRegionText(region('中国', '北京', null, '朝阳区')).value).toEqual(region('CN', '110000', '110100', '110105'));
    expect(parseRegionText(region(null, '新疆', '石河子', null)).value).toEqual(region('CN', '650000', '659000', '659001'));
    expect(parseRegionText(region(null, null, '苏州市', null)).value).toEqual(region('CN', '320000', '320500', null));
  });

  test('hands back what matches nothing, and does not take an unknown country for China', () => {
    expect(parseRegionText(region('China', '广东', '火星市', '南山区'))).toEqual({ value: region('CN', '440000', null, null), rest: ['火星市', '南山区'] });
    expect(parseRegionText(region('USA', 'California', 'San Jose', null))).toEqual({ value: region('US', null, null, null), rest: ['California', 'San Jose'] });
    expect(parseRegionText(region('Narnia', '广东', null, null))).toEqual({ value: region(null, null, null, null), rest: ['Narnia', '广东'] });
  });

  test('leaves valid codes alone', () => {
    expect(parseRegionText(region('CN', '440000', '440300', null))).toEqual({ value: region('CN', '440000', '440300', null), rest: [] });
  });
});

describe('migration 0009_regions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 60_000);
  afterAll(async () => t?.close());

  test('turns free-text regions of live and deleted records into codes and keeps unmatched text in the address', async () => {
    const db = t.database.db;
    const matched = await makeOrganization(t);
    const unmatched = await makeOrganization(t, { address: '科技园路 1 号' });
    const deleted = await makeOrganization(t);
    const contact = await makeContact(t);
    const set = async (table: 'organizations' | 'contacts', id: string, values: Record<string, string | null>) =>
      db.updateTable(table).set(values).where('id', '=', id).execute();
    await set('organizations', matched.id, region('中国', '广东省', '深圳市', '南山区'));
    await set('organizations', unmatched.id, region(null, '广东省', '火星市', null));
    await set('organizations', deleted.id, { ...region(null, '浙江', '杭州', null), deletedAt: new Date().toISOString() });
    await set('contacts', contact.id, region('United States', 'CA', null, null));

    await up(db as never);
    await up(db as never); // a second run changes nothing

    const get = (table: 'organizations' | 'contacts', id: string) =>
      db.selectFrom(table).select(['country', 'province', 'city', 'district', 'address']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(await get('organizations', matched.id)).toEqual({ ...region('CN', '440000', '440300', '440305'), address: null });
    expect(await get('organizations', unmatched.id)).toEqual({ ...region('CN', '440000', null, null), address: '火星市 科技园路 1 号' });
    expect(await get('organizations', deleted.id)).toMatchObject(region('CN', '330000', '330100', null));
    expect(await get('contacts', contact.id)).toEqual({ ...region('US', null, null, null), address: 'CA' });
  });
});
