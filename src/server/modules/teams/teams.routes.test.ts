import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = client(t.app, (await makeUser(t)).token);
});
afterAll(async () => t?.close());

const create = async (name: string, parentId: string | null = null) => (await admin.post('/api/teams', { name, parentId })).json();

test('builds a tree: depth follows the parent and a subtree moves as a whole', async () => {
  const sales = await create('销售中心');
  const east = await create('华东大区', sales.id);
  const shanghai = await create('上海一组', east.id);
  expect([sales.depth, east.depth, shanghai.depth]).toEqual([0, 1, 2]);
  const other = await create('华南大区');
  const moved = await admin.patch(`/api/teams/${east.id}`, { version: east.version, parentId: other.id });
  expect(moved.statusCode).toBe(200);
  expect((await admin.get(`/api/teams/${shanghai.id}`)).json().depth).toBe(2);
  const path = await t.database.db.selectFrom('teams').select('path').where('id', '=', shanghai.id).executeTakeFirstOrThrow();
  expect(path.path).toBe(`/${other.id}/${east.id}/${shanghai.id}/`);
});

test('refuses to move a team under its own sub-team', async () => {
  const root = await create('Root');
  const child = await create('Child', root.id);
  const res = await admin.patch(`/api/teams/${root.id}`, { version: root.version, parentId: child.id });
  expect(res.statusCode).toBe(400);
  expect(res.json().error.code).toBe('team_cycle');
  expect((await admin.get(`/api/teams/${root.id}`)).json().version).toBe(root.version);
});

test('refuses to delete a team with members or sub-teams; an empty one goes to the recycle bin and comes back', async () => {
  const parent = await create('Parent');
  const child = await create('Child', parent.id);
  expect((await admin.delete(`/api/teams/${parent.id}`)).json().error.code).toBe('team_not_empty');
  await makeUser(t, { role: 'sales_rep', teamId: child.id });
  expect((await admin.get(`/api/teams/${child.id}`)).json().memberCount).toBe(1);
  expect((await admin.delete(`/api/teams/${child.id}`)).statusCode).toBe(409);
  const empty = await create('Empty');
  expect((await admin.delete(`/api/teams/${empty.id}`)).statusCode).toBe(204);
  expect((await admin.get(`/api/teams/${empty.id}`)).statusCode).toBe(404);
  expect((await admin.post(`/api/recycle-bin/teams/${empty.id}/restore`)).statusCode).toBe(204);
  expect((await admin.get(`/api/teams/${empty.id}`)).statusCode).toBe(200);
});

test('answers 400 for an unknown parent and a blank name, 409 for a stale version', async () => {
  expect((await admin.post('/api/teams', { name: 'X', parentId: '01900000-0000-7000-8000-000000000000' })).json().error.fields.parentId).toBeTruthy();
  expect((await admin.post('/api/teams', { name: '   ' })).json().error.fields.name).toBeTruthy();
  const team = await create('Versioned');
  await admin.patch(`/api/teams/${team.id}`, { version: 1, name: 'V2' });
  expect((await admin.patch(`/api/teams/${team.id}`, { version: 1, name: 'V2 again' })).statusCode).toBe(409);
});
