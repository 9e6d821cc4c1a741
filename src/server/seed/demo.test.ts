import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { client, createTestApp, type TestApp } from '../test/testApp.js';
import { DEMO_ADMIN_EMAIL, isEmpty, seedDemo } from './demo.js';

let t: TestApp;
let login: { email: string; password: string };

beforeAll(async () => {
  t = await createTestApp();
  expect(await isEmpty(t.database.db)).toBe(true);
  login = await seedDemo(t.database.db);
}, 120_000);
afterAll(async () => t?.close());

const count = async (table: 'organizations' | 'contacts' | 'activities' | 'tasks' | 'customFields' | 'auditLog') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('seedDemo on an empty database', () => {
  test('creates customers, contacts, activities, tasks and custom fields, every one audited', async () => {
    expect(login.email).toBe(DEMO_ADMIN_EMAIL);
    expect(await count('organizations')).toBe(40);
    expect(await count('contacts')).toBe(80);
    expect(await count('activities')).toBeGreaterThan(60);
    expect(await count('tasks')).toBe(10);
    expect(await count('customFields')).toBe(4);
    expect(await count('auditLog')).toBeGreaterThan(40 + 80 + 60 + 10);
  });

  test('lets the admin sign in and see organizations with region names, custom values and pool records', async () => {
    const res = await client(t.app).post('/api/auth/login', login);
    expect(res.statusCode).toBe(200);
    const admin = client(t.app, res.json().token);
    const guangdong = (await admin.get('/api/organizations?province=440000&limit=100')).json().items;
    expect(guangdong.length).toBeGreaterThanOrEqual(4);
    const yunqi = guangdong.find((o: { name: string }) => o.name === '深圳前海云启科技有限公司');
    expect(yunqi).toMatchObject({
      country: 'CN',
      city: '440300',
      district: '440305',
      regionNames: { district: { zh: '南山区' } },
      custom: { main_products: '企业云平台、数据中台', annual_revenue: 820_000_000, cooperation: 'strategic' },
    });
    const all = (await admin.get('/api/organizations?limit=100')).json().items as { ownerId: string | null; country: string }[];
    expect(all.filter((o) => o.ownerId === null).length).toBeGreaterThanOrEqual(5);
    expect(new Set(all.map((o) => o.country))).toEqual(new Set(['CN', 'DE', 'US', 'JP']));
    const contacts = (await admin.get(`/api/organizations/${yunqi.id}/contacts`)).json().items;
    expect(contacts).toHaveLength(2);
    expect(contacts[0].organizations[0].title).toBeTruthy();
  });
});
