import { afterAll, beforeAll, expect, test } from 'vitest';
import { BUILTIN_ROLE_KEYS } from '../../../shared/schemas/permissions.js';
import { makeUser, roleId } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = client(t.app, (await makeUser(t)).token);
});
afterAll(async () => t?.close());

test('ships the six built-in roles, which cannot be deleted', async () => {
  const roles = (await admin.get('/api/roles?limit=200')).json().items;
  expect(
    roles
      .map((r: { builtinKey: string }) => r.builtinKey)
      .filter(Boolean)
      .sort(),
  ).toEqual([...BUILTIN_ROLE_KEYS].sort());
  const res = await admin.delete(`/api/roles/${await roleId(t.database.db, 'read_only')}`);
  expect(res.statusCode).toBe(409);
  expect(res.json().error.code).toBe('role_builtin');
});

test('an admin adds a role whose permissions take effect for its users at once', async () => {
  const created = await admin.post('/api/roles', { name: '区域经理', permissions: { users: { actions: ['read'], scope: 'all' } } });
  expect(created.statusCode).toBe(201);
  const role = created.json();
  const member = client(t.app, (await makeUser(t, { roleId: role.id })).token);
  expect((await member.get('/api/users')).statusCode).toBe(200);
  expect((await member.get('/api/teams')).statusCode).toBe(403);
  const updated = await admin.patch(`/api/roles/${role.id}`, { version: role.version, permissions: { teams: { actions: ['read'], scope: 'all' } } });
  expect(updated.json().userCount).toBe(1);
  expect((await member.get('/api/teams')).statusCode).toBe(200);
  expect((await member.get('/api/users')).statusCode).toBe(403);
});

test('rejects unknown modules, actions and scopes with field errors', async () => {
  const res = await admin.post('/api/roles', { name: 'Bad', permissions: { spaceships: { actions: ['fly'], scope: 'galaxy' } } });
  expect(res.statusCode).toBe(400);
  const res2 = await admin.post('/api/roles', { name: 'Bad', permissions: { users: { actions: ['fly'], scope: 'galaxy' } } });
  expect(Object.keys(res2.json().error.fields)).toEqual(expect.arrayContaining(['permissions.users.actions.0', 'permissions.users.scope']));
});

test('a role in use cannot be deleted; an unused one goes to the recycle bin', async () => {
  const used = (await admin.post('/api/roles', { name: 'Used', permissions: {} })).json();
  await makeUser(t, { roleId: used.id });
  expect((await admin.delete(`/api/roles/${used.id}`)).json().error.code).toBe('role_in_use');
  const unused = (await admin.post('/api/roles', { name: 'Unused', permissions: {} })).json();
  expect((await admin.delete(`/api/roles/${unused.id}`)).statusCode).toBe(204);
  const bin = (await admin.get('/api/recycle-bin?type=roles')).json();
  expect(bin.items.map((i: { id: string }) => i.id)).toContain(unused.id);
});

test('sales reps can read roles but not change them', async () => {
  const rep = client(t.app, (await makeUser(t, { role: 'sales_rep' })).token);
  const [role] = (await rep.get('/api/roles')).json().items;
  expect((await rep.patch(`/api/roles/${role.id}`, { version: role.version, name: 'Mine now' })).statusCode).toBe(403);
  expect((await rep.post('/api/roles', { name: 'x', permissions: {} })).statusCode).toBe(403);
});
