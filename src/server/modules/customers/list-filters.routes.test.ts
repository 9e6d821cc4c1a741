import { type Expression, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { COUNT_CAP } from '../../../shared/schemas/list-filters.js';
import { newId } from '../../platform/ids.js';
import { freshRecord } from '../../platform/record.js';
import { makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';
import { listFieldOf } from '../custom-fields/expressions.js';

let t: TestApp;
let admin: Client;
let rep: TestUser;
const label = (en: string) => ({ en, 'zh-CN': '' });
const options = (...values: string[]) => values.map((value) => ({ value, label: label(value) }));

interface Org {
  id: string;
  name: string;
  custom: Record<string, unknown>;
}
const orgs: Record<string, Org> = {};

beforeAll(async () => {
  t = await createTestApp();
  admin = client(t.app, (await makeUser(t, { role: 'admin' })).token);
  rep = await makeUser(t, { role: 'sales_rep' });
  for (const f of [
    { key: 'revenue', type: 'money' },
    { key: 'channel', type: 'select', options: options('online', 'retail') },
    { key: 'founded', type: 'date' },
    { key: 'listed', type: 'boolean' },
    { key: 'brands', type: 'multiSelect', options: options('a', 'b', 'c') },
    { key: 'note', type: 'text' },
    { key: 'story', type: 'longText' },
    { key: 'kam', type: 'user' },
  ]) {
    const res = await admin.post('/api/custom-fields', { entity: 'organizations', label: label(f.key), ...f });
    if (res.statusCode !== 201) throw new Error(res.body);
  }
  await admin.post('/api/custom-fields', { entity: 'contacts', key: 'level', label: label('Level'), type: 'number' });
  const specs: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['A', { revenue: 100, channel: 'online', founded: '2020-01-01', listed: true, brands: ['a'], note: 'Hello World', kam: rep.id }, { industry: 'Retail' }],
    ['B', { revenue: 250.5, channel: 'retail', founded: '2021-06-15', listed: false, brands: ['a', 'b'] }, { industry: 'Tech', tags: ['vip'] }],
    ['C', {}, {}],
    ['D', { revenue: 100, channel: 'retail', founded: '2019-12-31', brands: ['c'], note: 'world peace' }, { industry: 'Tech' }],
    ['E', {}, { tags: ['vip', 'old'] }],
    ['F', { revenue: -5, channel: 'online' }, {}],
  ];
  for (const [name, custom, fields] of specs) {
    const res = await admin.post('/api/organizations', { name: `LF ${name}`, custom, ...fields, tags: ['lf', ...((fields.tags as string[]) ?? [])] });
    if (res.statusCode !== 201) throw new Error(res.body);
    orgs[name] = res.json();
  }
  // Last activity for A and B only (logging activities is another module's business).
  await t.database.db.updateTable('organizations').set({ lastActivityAt: '2026-01-02T03:00:00.000Z' }).where('id', '=', orgs.A.id).execute();
  await t.database.db.updateTable('organizations').set({ lastActivityAt: '2026-03-01T00:00:00.000Z' }).where('id', '=', orgs.B.id).execute();
}, 60_000);
afterAll(async () => t?.close());

const query = (filters: unknown[], extra = '') => `/api/organizations?tag=lf&limit=200&filter=${encodeURIComponent(JSON.stringify(filters))}${extra}`;
async function names(filters: unknown[]): Promise<string[]> {
  const res = await admin.get(query(filters));
  expect(res.statusCode, res.body).toBe(200);
  return res
    .json()
    .items.map((o: Org) => o.name.slice(3))
    .sort();
}
const f = (field: string, op: string, value?: unknown) => ({ field, op, ...(value !== undefined && { value }) });

describe('filters', () => {
  test('eq and neq; "is not" includes the records where the field is empty', async () => {
    expect(await names([f('custom.channel', 'eq', 'retail')])).toEqual(['B', 'D']);
    expect(await names([f('custom.channel', 'neq', 'retail')])).toEqual(['A', 'C', 'E', 'F']);
    expect(await names([f('industry', 'eq', 'Tech')])).toEqual(['B', 'D']);
    expect(await names([f('custom.revenue', 'eq', 100)])).toEqual(['A', 'D']);
    expect(await names([f('custom.founded', 'eq', '2020-01-01')])).toEqual(['A']);
    expect(await names([f('custom.kam', 'eq', rep.id)])).toEqual(['A']);
    expect(await names([f('partyType', 'eq', 'customer'), f('lifecycleStatus', 'neq', 'existing')])).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
  });

  test('contains is case-insensitive on built-in and custom text', async () => {
    expect(await names([f('custom.note', 'contains', 'WORLD')])).toEqual(['A', 'D']);
    expect(await names([f('name', 'contains', 'lf b')])).toEqual(['B']);
    expect(await names([f('custom.note', 'contains', '%')])).toEqual([]);
  });

  test('in, on values, tags and multi-select options (any of them)', async () => {
    expect(await names([f('custom.channel', 'in', ['online', 'retail'])])).toEqual(['A', 'B', 'D', 'F']);
    expect(await names([f('custom.brands', 'in', ['b', 'c'])])).toEqual(['B', 'D']);
    expect(await names([f('custom.brands', 'eq', 'a')])).toEqual(['A', 'B']);
    expect(await names([f('custom.brands', 'neq', 'a')])).toEqual(['C', 'D', 'E', 'F']);
    expect(await names([f('tags', 'in', ['old', 'vip'])])).toEqual(['B', 'E']);
    expect(await names([f('tags', 'eq', 'old')])).toEqual(['E']);
    expect(await names([f('custom.revenue', 'in', [250.5, -5])])).toEqual(['B', 'F']);
  });

  test('between, gte and lte on numbers, dates and timestamps; an open end is null', async () => {
    expect(await names([f('custom.revenue', 'between', [0, 200])])).toEqual(['A', 'D']);
    expect(await names([f('custom.revenue', 'between', [null, 100])])).toEqual(['A', 'D', 'F']);
    expect(await names([f('custom.revenue', 'gte', 250.5)])).toEqual(['B']);
    expect(await names([f('custom.revenue', 'lte', 0)])).toEqual(['F']);
    expect(await names([f('custom.founded', 'between', ['2020-01-01', '2021-12-31'])])).toEqual(['A', 'B']);
    expect(await names([f('lastActivityAt', 'between', ['2026-01-02', '2026-01-02'])])).toEqual(['A']);
    expect(await names([f('lastActivityAt', 'gte', '2026-01-02T04:00:00Z')])).toEqual(['B']);
    expect(await names([f('lastActivityAt', 'eq', '2026-03-01')])).toEqual(['B']);
    expect(await names([f('createdAt', 'lte', '2000-01-01')])).toEqual([]);
  });

  test('empty and notEmpty, for every kind of field', async () => {
    expect(await names([f('custom.revenue', 'empty')])).toEqual(['C', 'E']);
    expect(await names([f('custom.revenue', 'notEmpty')])).toEqual(['A', 'B', 'D', 'F']);
    expect(await names([f('custom.brands', 'empty')])).toEqual(['C', 'E', 'F']);
    expect(await names([f('custom.listed', 'notEmpty')])).toEqual(['A', 'B']);
    expect(await names([f('industry', 'empty')])).toEqual(['C', 'E', 'F']);
    expect(await names([f('lastActivityAt', 'notEmpty')])).toEqual(['A', 'B']);
    expect(await names([f('ownerId', 'empty')])).toEqual([]);
  });

  test('booleans: true, false, and "not true" which includes the empty ones', async () => {
    expect(await names([f('custom.listed', 'eq', true)])).toEqual(['A']);
    expect(await names([f('custom.listed', 'eq', false)])).toEqual(['B']);
    expect(await names([f('custom.listed', 'neq', true)])).toEqual(['B', 'C', 'D', 'E', 'F']);
  });

  test('conditions combine with AND, alongside the older query parameters, and the total counts the matches', async () => {
    const res = await admin.get(`${query([f('custom.channel', 'eq', 'retail'), f('custom.revenue', 'gte', 200)])}&total=true&partyType=customer`);
    expect(res.json()).toMatchObject({ total: 1, items: [{ id: orgs.B.id }] });
    expect(res.json().totalCapped).toBeUndefined();
  });

  test('contacts filter on their own custom fields and on their organizations', async () => {
    const member = (await admin.post('/api/contacts', { name: 'LF member', custom: { level: 3 }, organizations: [{ organizationId: orgs.A.id }] })).json();
    await admin.post('/api/contacts', { name: 'LF loner', custom: { level: 1 } });
    const get = async (filters: unknown[]) =>
      (await admin.get(`/api/contacts?q=LF&filter=${encodeURIComponent(JSON.stringify(filters))}`)).json().items.map((c: { name: string }) => c.name);
    expect(await get([f('custom.level', 'gte', 2)])).toEqual(['LF member']);
    expect(await get([f('organizationId', 'eq', orgs.A.id)])).toEqual(['LF member']);
    expect(await get([f('organizationId', 'empty')])).toEqual(['LF loner']);
    expect(member.custom).toEqual({ level: 3 });
    const contactsOfA = await admin.get(`/api/organizations/${orgs.A.id}/contacts?filter=${encodeURIComponent(JSON.stringify([f('custom.level', 'lte', 1)]))}`);
    expect(contactsOfA.json().items).toEqual([]);
  });

  test('an unknown field, an operator the field lacks, a value of the wrong shape or bad JSON answer 400 naming filter', async () => {
    const bad: unknown[][] = [
      [f('custom.nope', 'eq', 'x')],
      [f('passwordHash', 'eq', 'x')],
      [f('custom.revenue', 'contains', '1')],
      [f('custom.revenue', 'eq', '100')],
      [f('custom.revenue', 'between', [1])],
      [f('custom.revenue', 'between', [null, null])],
      [f('custom.revenue', 'in', [])],
      [f('custom.founded', 'gte', '2020-02-30')],
      [f('custom.founded', 'eq', '2020-13-45')],
      [f('lastActivityAt', 'lte', '2020-13-45')],
      [f('custom.listed', 'eq', 'true')],
      [f('custom.channel', 'in', 'online')],
      [f('custom.brands', 'gte', 'a')],
      [f('lastActivityAt', 'gte', 'yesterday')],
      [f('industry', 'eq', null)],
      [{ field: 'industry', op: 'like', value: 'x' }],
    ];
    for (const filters of bad) {
      const res = await admin.get(query(filters));
      expect(res.statusCode, JSON.stringify(filters)).toBe(400);
      expect(Object.keys(res.json().error.fields), JSON.stringify(filters)).toEqual(['filter']);
    }
    const broken = await admin.get('/api/organizations?filter=%7Bnot-json');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.fields).toHaveProperty('filter');
  });
});

/** The expected order: empty first ascending and last descending, then the id in the last key's direction. */
function expectedOrder(sort: string, list: Org[]): string[] {
  const keys = sort.split(',').map((k) => ({ key: k.replace(/^-/, '').replace(/^custom\./, ''), desc: k.startsWith('-') }));
  const cmp = (a: unknown, b: unknown) => {
    if (a === b) return 0;
    if (a === undefined || a === null) return -1;
    if (b === undefined || b === null) return 1;
    return (a as number) < (b as number) ? -1 : 1;
  };
  return [...list]
    .sort((x, y) => {
      for (const k of keys) {
        const c = cmp(x.custom[k.key], y.custom[k.key]);
        if (c !== 0) return k.desc ? -c : c;
      }
      const c = x.id < y.id ? -1 : 1;
      return keys[keys.length - 1].desc ? -c : c;
    })
    .map((o) => o.name.slice(3));
}

async function paged(sort: string, limit: number, filters: unknown[] = []): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const url: string = `/api/organizations?tag=lf&limit=${limit}&sort=${encodeURIComponent(sort)}${filters.length ? `&filter=${encodeURIComponent(JSON.stringify(filters))}` : ''}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await admin.get(url);
    expect(res.statusCode, res.body).toBe(200);
    out.push(...res.json().items.map((o: Org) => o.name.slice(3)));
    cursor = res.json().nextCursor;
    if (!cursor) return out;
  }
  throw new Error('paging did not end');
}

describe('sorting', () => {
  const list = () => Object.values(orgs);

  test.each([
    'custom.revenue',
    '-custom.revenue',
    'custom.channel',
    '-custom.channel',
    'custom.founded',
    '-custom.founded',
    'custom.listed',
    'custom.channel,-custom.revenue',
    '-custom.channel,custom.founded',
  ])('sort=%s pages across empty values in the same order as one page, at every page size', async (sort) => {
    const expected = expectedOrder(sort, list());
    for (const limit of [1, 2, 3, 200]) expect(await paged(sort, limit), `${sort} limit ${limit}`).toEqual(expected);
  });

  test('a filter and a custom sort together', async () => {
    const expected = expectedOrder('-custom.revenue', [orgs.A, orgs.B, orgs.D, orgs.F]);
    expect(expected[0]).toBe('B');
    expect(await paged('-custom.revenue', 1, [f('custom.channel', 'notEmpty')])).toEqual(expected);
  });

  test('built-in nullable columns sort with empty values first ascending and last descending', async () => {
    const asc = await paged('lastActivityAt', 2);
    expect(asc.slice(-2)).toEqual(['A', 'B']);
    expect(asc.slice(0, 4).sort()).toEqual(['C', 'D', 'E', 'F']);
    const desc = await paged('-lastActivityAt,name', 1);
    expect(desc).toEqual(['B', 'A', 'C', 'D', 'E', 'F']);
    expect(await paged('industry,-name', 2)).toEqual(['F', 'E', 'C', 'A', 'D', 'B']);
    expect((await paged('tier,partyType,-lifecycleStatus', 2)).sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
  });

  test('multi-select and long text fields are not sortable; nor is a deleted field', async () => {
    for (const sort of ['custom.brands', 'custom.story', 'custom.gone', 'custom.revenue,custom.revenue']) {
      const res = await admin.get(`/api/organizations?sort=${sort}`);
      expect(res.statusCode, sort).toBe(400);
      expect(res.json().error.fields).toHaveProperty('sort');
    }
  });

  test('a tampered cursor answers 400, never 500', async () => {
    for (const values of [
      [null, null],
      [{}, 'x'],
      ['abc', 'x'],
    ]) {
      const cursor = Buffer.from(JSON.stringify(values)).toString('base64url');
      const res = await admin.get(`/api/organizations?sort=-custom.revenue&cursor=${cursor}`);
      expect(res.statusCode, JSON.stringify(values)).toBeLessThan(500);
    }
  });
});

describe('indexes', () => {
  test('a custom-field filter and sort run on the field expression index', async () => {
    const db = t.database.db;
    const revenue = listFieldOf(db, { entity: 'organizations', key: 'revenue', type: 'money' }).expression as Expression<number>;
    const query = db
      .selectFrom('organizations')
      .select('id')
      .where((eb) => eb(revenue, '>=', 100))
      .orderBy(revenue, 'desc')
      .limit(5)
      .compile();
    let plan: string;
    if (t.database.dialect === 'postgres') {
      plan = await db.connection().execute(async (conn) => {
        await sql`set enable_seqscan = off`.execute(conn);
        const rows = (await conn.executeQuery({ ...query, sql: `explain ${query.sql}` })).rows as { 'QUERY PLAN': string }[];
        await sql`reset enable_seqscan`.execute(conn);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    } else {
      const rows = (await db.executeQuery({ ...query, sql: `explain query plan ${query.sql}` })).rows as { detail: string }[];
      plan = rows.map((r) => r.detail).join('\n');
    }
    expect(plan).toContain('cf_organizations_revenue');
  });
});

describe('count', () => {
  test(`total=true counts up to ${COUNT_CAP} and then says totalCapped`, async () => {
    const db = t.database.db;
    const rows = Array.from({ length: COUNT_CAP + 5 }, (_, i) => ({
      id: newId(),
      name: `Bulk ${i}`,
      nameKey: `bulk${i}`,
      partyType: 'customer',
      lifecycleStatus: 'potential',
      tags: '["bulk"]',
      phones: '[]',
      emails: '[]',
      custom: '{}',
      ownerId: null,
      teamId: null,
      ...freshRecord(null),
    }));
    for (let i = 0; i < rows.length; i += 1000)
      await db
        .insertInto('organizations')
        .values(rows.slice(i, i + 1000))
        .execute();
    const res = (await admin.get('/api/organizations?tag=bulk&limit=1&total=true')).json();
    expect(res).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    const exact = (
      await admin.get(`/api/organizations?tag=bulk&limit=1&total=true&filter=${encodeURIComponent(JSON.stringify([f('name', 'eq', 'Bulk 7')]))}`)
    ).json();
    expect(exact.total).toBe(1);
    expect(exact.totalCapped).toBeUndefined();
  }, 60_000);
});
