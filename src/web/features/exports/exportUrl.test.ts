import { describe, expect, test } from 'vitest';
import { exportUrl } from './exportUrl';

describe('exportUrl', () => {
  test('carries the view state and the language and time zone of the reader', () => {
    const url = new URL(
      exportUrl({
        entity: 'organizations',
        format: 'xlsx',
        q: '华为',
        filters: [{ field: 'tier', op: 'eq', value: 'A' }],
        sort: '-custom.revenue',
        columns: ['name', 'custom.revenue'],
        language: 'zh-CN',
        timeZone: 'Asia/Shanghai',
      }),
      'http://x',
    );
    expect(url.pathname).toBe('/api/organizations/export');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      format: 'xlsx',
      lang: 'zh-CN',
      q: '华为',
      filter: '[{"field":"tier","op":"eq","value":"A"}]',
      sort: '-custom.revenue',
      columns: 'name,custom.revenue',
      tz: 'Asia/Shanghai',
    });
  });

  test('leaves out what the list does not set, so the server uses the default columns and sort', () => {
    expect(exportUrl({ entity: 'contacts', format: 'csv', filters: [], language: 'en-US' })).toBe('/api/contacts/export?format=csv&lang=en');
  });
});
