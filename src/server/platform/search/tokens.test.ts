import { describe, expect, test } from 'vitest';
import { documentKeys, parseQuery, prefixEnd } from './tokens.js';

const startsOne = (keys: string[], prefixes: string[]) => prefixes.some((p) => keys.some((k) => k >= p && k < prefixEnd(p)));

describe('index keys', () => {
  const keys = documentKeys({ title: '深圳市中兴通讯股份有限公司', phones: ['+86 755-2677 0000'], emails: ['IR@ZTE.com.cn'] });

  test.each(['中兴', '兴', 'zxtx', 'zhongxing', 'shenzhen', 'szs', '2677', '8675', 'zte.com', '@zte', 'ir@'])('"%s" matches every part', (q) => {
    const parsed = parseQuery(q);
    expect(parsed).not.toBeNull();
    for (const part of parsed?.parts ?? []) expect(startsOne(keys, part.prefixes), q).toBe(true);
  });

  test.each(['中国', 'zxtt', 'ingtong', '2678', 'zte.org', 'ong'])('"%s" matches nothing', (q) => {
    const parsed = parseQuery(q);
    expect(parsed?.parts.every((part) => startsOne(keys, part.prefixes))).toBe(false);
  });

  test('the title in full, in pinyin and in initials gives the exact and prefix keys', () => {
    expect(keys).toEqual(expect.arrayContaining(['x:深圳市中兴通讯股份有限公司', 'x:shenzhenshizhongxingtongxungufenyouxiangongsi', 'x:szszxtxgfyxgs']));
  });

  test('keys stay bounded for long names', () => {
    const long = documentKeys({ title: '中'.repeat(200) + 'a'.repeat(200) });
    expect(Math.max(...long.map((k) => [...k].length))).toBeLessThanOrEqual(50);
  });

  test('ü is written v, as Chinese keyboards type it', () => {
    expect(documentKeys({ title: '吕' })).toContain('p:lv');
  });
});

describe('query parsing', () => {
  test('characters and pinyin typed together are separate parts', () => {
    expect(parseQuery('华wei')?.parts.map((p) => p.prefixes[0])).toEqual(['c:华', 'p:wei']);
  });

  test('a spaced phone number is one number', () => {
    expect(parseQuery('138 0013 8000')?.parts).toEqual([{ prefixes: ['w:13800138000', 'd:13800138000'] }]);
  });

  test('punctuation or nothing is no query', () => {
    expect(parseQuery('  ')).toBeNull();
    expect(parseQuery('--- ,,')).toBeNull();
  });

  test('full-width letters and upper case fold to their plain form', () => {
    expect(parseQuery('ＨＷ')?.whole).toBe('x:hw');
  });
});

test('prefixEnd is the first string after all strings with the prefix', () => {
  expect(prefixEnd('c:华')).toBe('c:华'.slice(0, -1) + String.fromCodePoint('华'.codePointAt(0)! + 1));
  expect('c:华为' < prefixEnd('c:华')).toBe(true);
  expect('c:华' < prefixEnd('c:华')).toBe(true);
});
