import { describe, expect, test } from 'vitest';
import type { CustomField } from '../../../shared/schemas/custom-fields';
import { customBody } from './customFormValues';
import { suggestKey } from './fieldKey';

const field = (key: string, type: CustomField['type'] = 'text'): CustomField => ({
  id: key,
  entity: 'organizations',
  key,
  label: { en: key, 'zh-CN': '' },
  type,
  options: [],
  required: false,
  groupId: null,
  position: 0,
  showInList: false,
  createdAt: '',
  updatedAt: '',
  version: 1,
});

describe('suggestKey', () => {
  test('turns an English label into a key the server accepts', () => {
    expect(suggestKey('Annual revenue (CNY)')).toBe('annual_revenue_cny');
    expect(suggestKey('  Café  No. 1 ')).toBe('cafe_no_1');
    expect(suggestKey('2024 target')).toBe('f_2024_target');
    expect(suggestKey('年营业额')).toBe('');
    expect(suggestKey('x'.repeat(60))).toHaveLength(40);
  });
});

describe('customBody', () => {
  test('sends only live fields, trims text, and turns emptied inputs into null', () => {
    const fields = [field('a'), field('b', 'multiSelect'), field('c', 'number'), field('d', 'select')];
    expect(customBody(fields, { a: ' x ', b: [], c: 0, gone: 'stale' })).toEqual({ a: 'x', b: null, c: 0 });
  });

  test('a select cleared to undefined clears the stored value; an untouched empty one is left out', () => {
    const fields = [field('d', 'select'), field('e', 'select')];
    expect(customBody(fields, { d: undefined, e: undefined }, { d: 'retail' })).toEqual({ d: null });
  });
});
