import { afterAll, beforeAll, expect, test } from 'vitest';
import { BUILTIN_ROLES } from '../../../shared/schemas/permissions.js';
import { makeRole, makeTeam, makeUser, roleId } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

// A team lead who may manage the users of their own team subtree, and nothing more.
let t: TestApp;
let lead: Client;
let leadId: string;
let region: { id: string; path: string };
let elsewhere: { id: string; path: string };
let adminRole: string;
let repRole: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const hq = await makeTeam(db, 'HQ');
  region = await makeTeam(db, 'East', hq);
  elsewhere = await makeTeam(db, 'South', hq);
  adminRole = await roleId(db, 'admin');
  repRole = await roleId(db, 'sales_rep');
  const leadRole = await makeRole(db, {
    // Everything a sales rep may do, so the lead can hand out the sales rep role, plus user administration.
    ...BUILTIN_ROLES.sales_rep.permissions,
    users: { actions: ['read', 'create', 'update', 'delete'], scope: 'team' },
    teams: { actions: ['read'], scope: 'all' },
    roles: { actions: ['read', 'update'], scope: 'all' },
  });
  const l = await makeUser(t, { roleId: leadRole, teamId: region.id });
  leadId = l.id;
  lead = client(t.app, l.token);
});
afterAll(async () => t?.close());

const body = (over: Record<string, unknown>) => ({
  email: `x${Math.random().toString(36).slice(2)}@example.com`,
  name: 'New',
  password: 'long enough password',
  ...over,
});

test('cannot create a user with a role more powerful than their own', async () => {
  const res = await lead.post('/api/users', body({ roleId: adminRole, teamId: region.id }));
  expect(res.statusCode).toBe(403);
  expect(res.json().error.fields.roleId).toBeTruthy();
  expect((await lead.post('/api/users', body({ roleId: repRole, teamId: region.id }))).statusCode).toBe(201);
});

test('cannot place users in a team outside their scope, or outside any team', async () => {
  expect((await lead.post('/api/users', body({ roleId: repRole, teamId: elsewhere.id }))).json().error.code).toBe('team_out_of_scope');
  expect((await lead.post('/api/users', body({ roleId: repRole, teamId: null }))).statusCode).toBe(403);
  const mate = await makeUser(t, { role: 'sales_rep', teamId: region.id });
  const record = (await lead.get(`/api/users/${mate.id}`)).json();
  expect((await lead.patch(`/api/users/${mate.id}`, { version: record.version, teamId: elsewhere.id })).statusCode).toBe(403);
  expect((await lead.get(`/api/users/${mate.id}`)).json().teamId).toBe(region.id);
});

test('cannot promote a teammate to administrator or act on an administrator in their team', async () => {
  const mate = await makeUser(t, { role: 'sales_rep', teamId: region.id });
  const record = (await lead.get(`/api/users/${mate.id}`)).json();
  expect((await lead.patch(`/api/users/${mate.id}`, { version: record.version, roleId: adminRole })).statusCode).toBe(403);
  const boss = await makeUser(t, { role: 'admin', teamId: region.id });
  const bossRecord = (await lead.get(`/api/users/${boss.id}`)).json();
  expect((await lead.patch(`/api/users/${boss.id}`, { version: bossRecord.version, password: 'taken over password' })).statusCode).toBe(403);
  expect((await lead.delete(`/api/users/${boss.id}`)).statusCode).toBe(403);
  expect((await client(t.app, boss.token).get('/api/auth/me')).statusCode).toBe(200);
});

test('cannot change their own team, role or password through the users API', async () => {
  const me = (await lead.get(`/api/users/${leadId}`)).json();
  for (const change of [{ teamId: elsewhere.id }, { roleId: repRole }, { password: 'another long password' }]) {
    const res = await lead.patch(`/api/users/${leadId}`, { version: me.version, ...change });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('cannot_change_self');
  }
  expect((await lead.patch(`/api/users/${leadId}`, { version: me.version, name: 'Renamed lead' })).statusCode).toBe(200);
});

test('cannot give a role more than their own permissions', async () => {
  const role = (await lead.get(`/api/roles/${repRole}`)).json();
  const res = await lead.patch(`/api/roles/${repRole}`, { version: role.version, permissions: { users: { actions: ['read', 'admin'], scope: 'all' } } });
  expect(res.statusCode).toBe(403);
  expect((await lead.get(`/api/roles/${repRole}`)).json().version).toBe(role.version);
});

test('an admin password reset is audited and ends the user’s sessions and API tokens', async () => {
  const admin = client(t.app, (await makeUser(t, { role: 'admin' })).token);
  const u = await makeUser(t, { role: 'sales_rep', teamId: region.id });
  const { token } = (await client(t.app, u.token).post('/api/auth/tokens', { name: 'script' })).json();
  const record = (await admin.get(`/api/users/${u.id}`)).json();
  expect((await admin.patch(`/api/users/${u.id}`, { version: record.version, password: 'reset by admin 1' })).statusCode).toBe(200);
  expect((await client(t.app, token).get('/api/auth/me')).statusCode).toBe(401);
  expect((await client(t.app, u.token).get('/api/auth/me')).statusCode).toBe(401);
  const [entry] = (await admin.get(`/api/audit-log/records/users/${u.id}`)).json().items;
  expect(entry.meta).toEqual({ passwordReset: true });
});
