import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUILTIN_ROLES, MODULES, type Scope } from '../../../shared/schemas/permissions.js';
import { makeContact, makeOrganization } from '../../test/customerFactories.js';
import { makeRole, makeTeam, makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

/**
 * describeScopeEnforcement covers CRUD resources; a merge touches two records and the duplicate
 * check answers about records it does not show, so their scope rules are spelled out here: a role
 * with every right on the module but own or team scope must neither merge nor see a record outside
 * its scope, and must be able to inside it.
 */

const TYPES = ['organizations', 'contacts'] as const;
type Type = (typeof TYPES)[number];

let t: TestApp;
let teamA: { id: string; path: string };
let teamA1: { id: string; path: string };
let teamB: { id: string; path: string };
const as: Record<Scope, Client> = {} as never;
const users: Record<Scope, TestUser> = {} as never;
let admin: Client;
let seq = 0;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  teamA = await makeTeam(db, 'A');
  teamA1 = await makeTeam(db, 'A1', teamA);
  teamB = await makeTeam(db, 'B');
  for (const scope of ['own', 'team', 'all'] as Scope[]) {
    const rep = BUILTIN_ROLES.sales_rep.permissions;
    const elsewhere = Object.fromEntries(MODULES.map((m) => [m, { actions: [...new Set(['read', ...(rep[m]?.actions ?? [])])], scope: 'all' }]));
    const full = { actions: ['read', 'create', 'update', 'delete', 'export'] as const, scope };
    const roleId = await makeRole(db, {
      ...elsewhere,
      organizations: { ...full, actions: [...full.actions] },
      contacts: { ...full, actions: [...full.actions] },
    });
    users[scope] = await makeUser(t, { roleId, teamId: teamA.id, name: `scope-${scope}` });
    as[scope] = client(t.app, users[scope].token);
  }
  admin = client(t.app, (await makeUser(t, { role: 'admin' })).token);
}, 60_000);
afterAll(async () => t?.close());

/** A record owned by a new sales rep of `team`, with a name and phone the duplicate check will find. */
async function recordIn(type: Type, team: { id: string }, owner?: string) {
  const ownerId = owner ?? (await makeUser(t, { role: 'sales_rep', teamId: team.id })).id;
  const phone = `1390000${String(++seq).padStart(4, '0')}`;
  const fields = { ownerId, name: `${Math.random().toString(36).slice(2, 10)} ${seq}`, phones: [{ number: phone }] };
  const record = type === 'organizations' ? await makeOrganization(t, fields) : await makeContact(t, fields);
  return { id: record.id, name: record.name, phone };
}
const merge = (c: Client, type: Type, targetId: string, sourceId: string) => c.post(`/api/${type}/${targetId}/merge`, { sourceId });

describe.each(TYPES)('%s merge and duplicate check: record scope', (type) => {
  for (const scope of ['own', 'team'] as Scope[]) {
    test(`${scope} scope: 404 merging a record of another team in either direction, and nothing changes`, async () => {
      const mine = await recordIn(type, teamA, users[scope].id);
      const hidden = await recordIn(type, teamB);
      expect((await merge(as[scope], type, mine.id, hidden.id)).statusCode).toBe(404);
      expect((await merge(as[scope], type, hidden.id, mine.id)).statusCode).toBe(404);
      for (const id of [mine.id, hidden.id]) expect((await admin.get(`/api/${type}/${id}`)).json().version).toBe(1);
    });

    test(`${scope} scope: the duplicate check never shows a record of another team, only counts it`, async () => {
      const hidden = await recordIn(type, teamB);
      const res = await as[scope].get(`/api/${type}/duplicates?name=${encodeURIComponent(hidden.name)}&phones=${hidden.phone}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ items: [], hiddenMatches: 1 });
    });
  }

  test('team scope merges within the sub-teams; own scope only its own records; all scope across teams', async () => {
    const inTeam = await recordIn(type, teamA);
    const inSubTeam = await recordIn(type, teamA1);
    expect((await merge(as.own, type, inTeam.id, inSubTeam.id)).statusCode).toBe(404);
    expect((await merge(as.team, type, inTeam.id, inSubTeam.id)).statusCode).toBe(200);
    const own1 = await recordIn(type, teamA, users.own.id);
    const own2 = await recordIn(type, teamA, users.own.id);
    expect((await merge(as.own, type, own1.id, own2.id)).statusCode).toBe(200);
    const a = await recordIn(type, teamA);
    const b = await recordIn(type, teamB);
    expect((await merge(as.all, type, a.id, b.id)).statusCode).toBe(200);
    const dup = (await as.all.get(`/api/${type}/duplicates?phones=${b.phone}`)).json();
    expect(dup).toEqual({ items: [expect.objectContaining({ id: a.id, reasons: ['samePhone'] })], hiddenMatches: 0 });
  });

  test('a role without the module gets 403 from both endpoints', async () => {
    const none = client(t.app, (await makeUser(t, { roleId: await makeRole(t.database.db, {}), teamId: teamA.id })).token);
    const a = await recordIn(type, teamA);
    const b = await recordIn(type, teamA);
    expect((await none.get(`/api/${type}/duplicates?name=x`)).statusCode).toBe(403);
    expect((await merge(none, type, a.id, b.id)).statusCode).toBe(403);
  });
});
