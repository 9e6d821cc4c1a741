import { describe, expect, test } from 'vitest';
import { mergeColumns } from './merge-fields.js';
import { isSimilarKey, keyPrefixes } from './similar-names.js';

describe('similar name keys', () => {
  test.each([
    ['华为', '华为技术', true],
    ['华为技术深圳', '华为技术', true],
    ['北京字节跳动科技', '北京字节跳动网络技术', true],
    ['microsoft', 'microsoftchina', true],
    ['深圳市腾讯计算机系统', '深圳市华为技术', false],
    ['华', '华为', false],
    ['abc', 'abcdef', false],
    ['腾讯', '腾讯', false],
    ['tencentmusic', 'tencentvideo', false],
    ['alibaba', 'alipay', false],
  ])('%s ~ %s: %s', (a, b, similar) => {
    expect(isSimilarKey(a, b)).toBe(similar);
    expect(isSimilarKey(b, a)).toBe(similar);
  });

  test('prefixes start at the shortest telling length and stop before the key itself', () => {
    expect(keyPrefixes('华为技术')).toEqual(['华为', '华为技']);
    expect(keyPrefixes('microsoft')).toEqual(['micr', 'micro', 'micros', 'microso', 'microsof']);
    expect(keyPrefixes('ab')).toEqual([]);
  });
});

const row = (over: Record<string, unknown>) => ({
  name: 'Target',
  tier: null,
  source: null,
  notes: null,
  country: null,
  province: null,
  city: null,
  district: null,
  address: null,
  tags: '[]',
  phones: '[]',
  emails: '[]',
  custom: '{}',
  ...over,
});
const spec = { scalars: ['name', 'tier', 'source', 'notes'], fields: ['name', 'tier', 'source', 'notes', 'address', 'tags', 'phones', 'emails', 'ownerId'] };

describe('merging field values', () => {
  test("keeps the survivor's values, fills its empty ones from the other record and combines lists without repeats", () => {
    const target = row({ tier: 'A', tags: '["vip"]', phones: '[{"number":"+86 138 1234 5678"}]', emails: '[{"address":"a@x.cn"}]' });
    const source = row({
      name: 'Source',
      tier: 'B',
      source: 'fair',
      tags: '["vip","north"]',
      phones: '[{"number":"138-1234-5678"},{"number":"010 6552 9988"}]',
      emails: '[{"address":"A@X.cn"},{"address":"b@x.cn"}]',
    });
    const { columns, errors } = mergeColumns(target, source, {}, spec);
    expect(errors).toEqual({});
    expect(columns).toMatchObject({ name: 'Target', tier: 'A', source: 'fair' });
    expect(JSON.parse(columns.tags as string)).toEqual(['vip', 'north']);
    expect(JSON.parse(columns.phones as string)).toEqual([{ number: '+86 138 1234 5678' }, { number: '010 6552 9988' }]);
    expect(JSON.parse(columns.emails as string)).toEqual([{ address: 'a@x.cn' }, { address: 'b@x.cn' }]);
  });

  test('a named field comes from the side named, even an empty one; a named list is taken whole', () => {
    const target = row({ tier: 'A', notes: 'keep?', tags: '["t"]' });
    const source = row({ name: 'Source', tier: null, notes: 'other', tags: '["s"]' });
    const { columns } = mergeColumns(target, source, { name: 'source', tier: 'source', notes: 'target', tags: 'source' }, spec);
    expect(columns).toMatchObject({ name: 'Source', tier: null, notes: 'keep?', tags: '["s"]' });
  });

  test('the address moves as a whole, so a city never lands in another province', () => {
    const target = row({ province: '440000' });
    const source = row({ province: '110000', city: '110100', address: '朝阳路 1 号' });
    expect(mergeColumns(target, source, {}, spec).columns).toMatchObject({ province: '440000', city: null, address: null });
    expect(mergeColumns(row({}), source, {}, spec).columns).toMatchObject({ province: '110000', city: '110100', address: '朝阳路 1 号' });
    expect(mergeColumns(target, source, { address: 'source' }, spec).columns).toMatchObject({ province: '110000', city: '110100' });
  });

  test('custom values merge key by key with the same rule', () => {
    const target = row({ custom: { revenue: 100, brands: [] } });
    const source = row({ custom: '{"revenue":200,"products":"茶叶","brands":["a"],"gone":"x"}' });
    const merged = (choices = {}) => JSON.parse(mergeColumns(target, source, choices, spec).columns.custom as string);
    expect(merged()).toEqual({ revenue: 100, products: '茶叶', brands: ['a'], gone: 'x' });
    expect(merged({ 'custom.revenue': 'source', 'custom.products': 'target' })).toEqual({ revenue: 200, brands: ['a'], gone: 'x' });
  });

  test('names an unknown field and lists that would grow past their limit', () => {
    const many = (n: number, offset: number) => JSON.stringify(Array.from({ length: n }, (_, i) => `tag${i + offset}`));
    const { errors } = mergeColumns(row({ tags: many(30, 0) }), row({ tags: many(30, 100) }), { colour: 'source', 'custom.Bad-Key': 'source' }, spec);
    expect(errors).toEqual({ 'fields.colour': 'No such field', 'fields.custom.Bad-Key': 'No such field', 'fields.tags': expect.any(String) });
  });
});
