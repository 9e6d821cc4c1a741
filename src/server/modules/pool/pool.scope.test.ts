import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUILTIN_ROLES, MODULES, type Scope } from '../../../shared/schemas/permissions.js';
import { makeOrganization } from '../../test/customerFactories.js';
import { makeRole, makeTeam, makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

/**
 * The pool endpoints under the organizations scopes, with roles built like the permission suite's
 * (full organization rights, one scope): another team's pool and records stay out of reach for own
 * and team scope, and nothing changes behind a 404.
 */
describe('pool: record scope', () => {
  let t: TestApp;
  let admin: Client;
  let teamA: { id: string; path: string };
  let teamB: { id: string; path: string };
  const as: Record<Scope, Client> = {} as never;
  const users: Record<Scope, TestUser> = {} as never;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    teamA = await makeTeam(db, 'A');
    teamB = await makeTeam(db, 'B');
    const rep = BUILTIN_ROLES.sales_rep.permissions;
    const elsewhere = Object.fromEntries(MODULES.map((m) => [m, { actions: [...new Set(['read', ...(rep[m]?.actions ?? [])])], scope: 'all' }]));
    for (const scope of ['own', 'team', 'all'] as Scope[]) {
      const roleId = await makeRole(db, { ...elsewhere, organizations: { actions: ['read', 'create', 'update', 'delete', 'export'], scope } });
      users[scope] = await makeUser(t, { roleId, teamId: teamA.id, name: `pool-${scope}` });
      as[scope] = client(t.app, users[scope].token);
    }
    admin = client(t.app, (await makeUser(t, { role: 'admin' })).token);
  }, 60_000);
  afterAll(async () => t?.close());

  /** A record of team B: owned by one of its reps, or (pooled) in team B's pool. */
  async function teamBRecord(pooled: boolean) {
    const owner = await makeUser(t, { role: 'sales_rep', teamId: teamB.id });
    const org = await makeOrganization(t, { ownerId: owner.id, name: 'Hidden 隐藏 pool', tier: 'A' });
    if (!pooled) return org;
    return (await admin.patch(`/api/organizations/${org.id}`, { version: org.version, ownerId: null })).json();
  }

  for (const scope of ['own', 'team'] as Scope[]) {
    test(`${scope} scope: another team's pool is not listed, not claimable and its history is 404`, async () => {
      const hidden = await teamBRecord(true);
      for (const qs of ['', '?q=hidden', '?tier=A', `?teamId=${teamB.id}`, '?q=隐藏&sort=name']) {
        const res = await as[scope].get(`/api/pool/organizations${qs}`);
        expect(res.statusCode, qs).toBe(200);
        expect(
          res.json().items.map((i: { id: string }) => i.id),
          qs,
        ).not.toContain(hidden.id);
      }
      expect((await as[scope].post(`/api/organizations/${hidden.id}/claim`)).statusCode).toBe(404);
      expect((await as[scope].post(`/api/organizations/${hidden.id}/release`, { reason: 'x' })).statusCode).toBe(404);
      expect((await as[scope].get(`/api/organizations/${hidden.id}/pool-events`)).statusCode).toBe(404);
      expect((await admin.get(`/api/organizations/${hidden.id}`)).json()).toMatchObject({ ownerId: null, version: hidden.version });
    });

    test(`${scope} scope: another team's owned record cannot be claimed or released (404, unchanged)`, async () => {
      const hidden = await teamBRecord(false);
      expect((await as[scope].post(`/api/organizations/${hidden.id}/claim`)).statusCode).toBe(404);
      expect((await as[scope].post(`/api/organizations/${hidden.id}/release`, { reason: 'x' })).statusCode).toBe(404);
      expect((await admin.get(`/api/organizations/${hidden.id}`)).json()).toMatchObject({ ownerId: hidden.ownerId, version: hidden.version });
    });
  }

  test("all scope browses and claims from every team's pool", async () => {
    const hidden = await teamBRecord(true);
    expect((await as.all.get('/api/pool/organizations?q=hidden&limit=200')).json().items.map((i: { id: string }) => i.id)).toContain(hidden.id);
    const res = await as.all.post(`/api/organizations/${hidden.id}/claim`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ownerId: users.all.id, teamId: teamA.id });
  });

  test('own and team scope browse and claim their own team pool', async () => {
    for (const scope of ['own', 'team'] as Scope[]) {
      const owner = await makeUser(t, { role: 'sales_rep', teamId: teamA.id });
      const org = await makeOrganization(t, { ownerId: owner.id });
      await admin.patch(`/api/organizations/${org.id}`, { version: org.version, ownerId: null });
      expect((await as[scope].get('/api/pool/organizations?limit=200')).json().items.map((i: { id: string }) => i.id)).toContain(org.id);
      expect((await as[scope].post(`/api/organizations/${org.id}/claim`)).statusCode).toBe(200);
    }
  });

  test('a role without organizations gets 403 on every pool endpoint; settings need the settings rights', async () => {
    const none = client(t.app, (await makeUser(t, { roleId: await makeRole(t.database.db, {}), teamId: teamA.id })).token);
    const org = await teamBRecord(true);
    expect((await none.get('/api/pool/organizations')).statusCode).toBe(403);
    expect((await none.get('/api/pool/summary')).statusCode).toBe(403);
    expect((await none.post(`/api/organizations/${org.id}/claim`)).statusCode).toBe(403);
    expect((await none.post(`/api/organizations/${org.id}/release`, { reason: 'x' })).statusCode).toBe(403);
    expect((await none.get(`/api/organizations/${org.id}/pool-events`)).statusCode).toBe(403);
    expect((await none.get('/api/settings/pool')).statusCode).toBe(403);
    expect((await as.own.get('/api/settings/pool')).statusCode).toBe(200);
  });
});
