import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = client(t.app, (await makeUser(t, { role: 'admin' })).token);
}, 60_000);
afterAll(async () => t?.close());

async function valueIndexes(): Promise<string[]> {
  const rows =
    t.database.dialect === 'postgres'
      ? (
          await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'organizations' and schemaname = current_schema()`.execute(
            t.database.db,
          )
        ).rows
      : (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'organizations'`.execute(t.database.db)).rows;
  return rows.map((r) => r.name).filter((n) => n.includes('par_'));
}

test('fields created and deleted at the same time all succeed, each with its own value index (PostgreSQL would abort parallel index builds as deadlocks)', async () => {
  const keys = ['par_a', 'par_b', 'par_c', 'par_d'];
  const created = await Promise.all(
    keys.map((key) => admin.post('/api/custom-fields', { entity: 'organizations', key, label: { en: key, 'zh-CN': '' }, type: 'number' })),
  );
  expect(created.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
  expect((await valueIndexes()).length).toBe(4);

  const deleted = await Promise.all(created.map((r) => admin.delete(`/api/custom-fields/${r.json().id}`)));
  expect(deleted.map((r) => r.statusCode)).toEqual([204, 204, 204, 204]);
  expect(await valueIndexes()).toEqual([]);
});
