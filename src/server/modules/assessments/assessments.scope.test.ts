import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUILTIN_ROLES, MODULES, type Scope } from '../../../shared/schemas/permissions.js';
import { makeOrganization } from '../../test/customerFactories.js';
import { makeRole, makeTeam, makeUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

/**
 * The author rule (only the author edits an assessment) keeps this resource out of the shared
 * permission suite, whose team-scope user edits someone else's record; the same checks follow here,
 * judged on the organization's owner and team through the key_accounts scope.
 */
let t: TestApp;
let admin: Client;
let teamA: { id: string; path: string };
let teamA1: { id: string; path: string };
let teamB: { id: string; path: string };
const as: Record<Scope, Client> = {} as never;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  teamA = await makeTeam(db, 'A');
  teamA1 = await makeTeam(db, 'A1', teamA);
  teamB = await makeTeam(db, 'B');
  const rep = BUILTIN_ROLES.sales_rep.permissions;
  const elsewhere = Object.fromEntries(MODULES.map((m) => [m, { actions: [...new Set(['read', ...(rep[m]?.actions ?? [])])], scope: 'all' }]));
  for (const scope of ['own', 'team', 'all'] as Scope[]) {
    const roleId = await makeRole(db, { ...elsewhere, key_accounts: { actions: ['read', 'create', 'update', 'delete', 'export'], scope } });
    as[scope] = client(t.app, (await makeUser(t, { roleId, teamId: teamA.id, name: `scope-${scope}` })).token);
  }
  admin = client(t.app, (await makeUser(t, { role: 'admin' })).token);
}, 60_000);
afterAll(async () => t?.close());

async function scores() {
  const dims = (await admin.get('/api/assessment-dimensions?active=true')).json().items as { id: string }[];
  return dims.map((d) => ({ dimensionId: d.id, score: 3 }));
}

/** An account owned by a rep of `team`, with one assessment by an admin. */
async function accountOf(team: { id: string }) {
  const owner = await makeUser(t, { role: 'sales_rep', teamId: team.id });
  const org = await makeOrganization(t, { ownerId: owner.id, name: 'Scope 评估 Co.', tier: 'key' });
  const res = await admin.post('/api/relationship-assessments', { organizationId: org.id, assessedOn: '2025-03-03', scores: await scores() });
  if (res.statusCode !== 201) throw new Error(res.body);
  return { org, assessment: res.json() as { id: string; version: number } };
}

describe('relationship assessments: record scope', () => {
  for (const scope of ['own', 'team'] as Scope[]) {
    test(`a user with ${scope} scope gets 404 for another team's account everywhere: by id, lists, overview, writes, history, recycle bin`, async () => {
      const { org, assessment } = await accountOf(teamB);
      const c = as[scope];
      const url = `/api/relationship-assessments/${assessment.id}`;
      expect((await c.get(url)).statusCode).toBe(404);
      expect((await c.patch(url, { version: assessment.version, notes: 'x' })).statusCode).toBe(404);
      expect((await c.delete(url)).statusCode).toBe(404);
      expect((await c.get(`/api/audit-log/records/relationship_assessments/${assessment.id}`)).statusCode).toBe(404);
      expect((await c.get(`/api/relationship-assessments?organizationId=${org.id}`)).statusCode).toBe(404);
      expect((await c.get(`/api/relationship-assessments/overview?organizationId=${org.id}`)).statusCode).toBe(404);
      expect((await c.get(`/api/relationship-plans?organizationId=${org.id}`)).statusCode).toBe(404);
      expect((await c.post('/api/relationship-assessments', { organizationId: org.id, assessedOn: '2025-04-04', scores: await scores() })).statusCode).toBe(
        404,
      );
      expect((await c.post('/api/relationship-plans', { organizationId: org.id, year: 2026 })).statusCode).toBe(404);
      for (const qs of ['?limit=200&total=true', '?from=2025-03-03&to=2025-03-03&total=true', '?sort=createdAt&total=true']) {
        const body = (await c.get(`/api/relationship-assessments${qs}`)).json();
        expect(
          body.items.map((i: { id: string }) => i.id),
          qs,
        ).not.toContain(assessment.id);
        expect(body.total, qs).toBe(body.items.length);
      }
      expect((await admin.delete(url)).statusCode).toBe(204);
      const bin = (await c.get('/api/recycle-bin?type=relationship_assessments&limit=200')).json();
      expect(bin.items.map((i: { id: string }) => i.id)).not.toContain(assessment.id);
      expect((await c.post(`/api/recycle-bin/relationship_assessments/${assessment.id}/restore`)).statusCode).toBe(404);
      expect((await admin.get(url)).statusCode).toBe(404);
    });
  }

  test('team scope covers the sub-teams; own scope covers only own accounts; all covers every team', async () => {
    const inSubTeam = await accountOf(teamA1);
    const hidden = await accountOf(teamB);
    expect((await as.team.get(`/api/relationship-assessments/${inSubTeam.assessment.id}`)).statusCode).toBe(200);
    expect((await as.team.get(`/api/relationship-assessments/overview?organizationId=${inSubTeam.org.id}`)).statusCode).toBe(200);
    expect((await as.own.get(`/api/relationship-assessments/${inSubTeam.assessment.id}`)).statusCode).toBe(404);
    expect((await as.all.get(`/api/relationship-assessments/${hidden.assessment.id}`)).statusCode).toBe(200);
    const created = await as.team.post('/api/relationship-assessments', { organizationId: inSubTeam.org.id, assessedOn: '2025-05-05', scores: await scores() });
    expect(created.statusCode).toBe(201);
    expect((await as.team.patch(`/api/relationship-assessments/${created.json().id}`, { version: 1, notes: '补充' })).statusCode).toBe(200);
  });

  test('a role without key accounts gets 403 on every endpoint', async () => {
    const none = client(t.app, (await makeUser(t, { roleId: await makeRole(t.database.db, {}), teamId: teamA.id })).token);
    const { org, assessment } = await accountOf(teamB);
    expect((await none.get('/api/relationship-assessments')).statusCode).toBe(403);
    expect((await none.get(`/api/relationship-assessments/${assessment.id}`)).statusCode).toBe(403);
    expect((await none.delete(`/api/relationship-assessments/${assessment.id}`)).statusCode).toBe(403);
    expect((await none.get(`/api/relationship-assessments/overview?organizationId=${org.id}`)).statusCode).toBe(403);
    expect((await none.get('/api/assessment-dimensions')).statusCode).toBe(403);
    expect((await none.get('/api/relationship-plans')).statusCode).toBe(403);
    expect((await none.get('/api/recycle-bin?type=relationship_assessments')).statusCode).toBe(403);
  });
});
