import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUILTIN_ROLES, MODULES, type ModuleKey, type Scope } from '../../shared/schemas/permissions.js';
import { makeRole, makeTeam, makeUser, type TestUser } from './factories.js';
import { type Client, client, createTestApp, type TestApp } from './testApp.js';

export interface ScopedResource {
  /** Route base, e.g. "/api/users". */
  path: string;
  module: ModuleKey;
  /** Type name in the audit log and the recycle bin, e.g. "users". */
  type: string;
  /** Creates a record owned by a user of `teamId`; returns its id. */
  create(t: TestApp, owner: { userId: string; teamId: string }): Promise<string>;
  /** A valid PATCH body for the record as the API returned it. */
  patch(record: { version: number }): Record<string, unknown>;
  /** Query strings that would select the hidden record if scope were not applied, e.g. "?teamId=…". */
  filters?(hidden: { id: string; teamId: string }): string[];
}

/**
 * Runs one resource through the scope rules: a role with full rights on the module but "own" or
 * "team" scope must not read, list, filter, count, update, delete, restore or see the history of a
 * record outside its scope, and must see one inside it (so the test can fail).
 */
export function describeScopeEnforcement(name: string, spec: ScopedResource): void {
  describe(`${name}: record scope`, () => {
    let t: TestApp;
    let teamA: { id: string; path: string };
    let teamA1: { id: string; path: string };
    let teamB: { id: string; path: string };
    const as: Record<Scope, Client> = {} as never;
    const users: Record<Scope, TestUser> = {} as never;
    let admin: Client;

    beforeAll(async () => {
      t = await createTestApp();
      const db = t.database.db;
      teamA = await makeTeam(db, 'A');
      teamA1 = await makeTeam(db, 'A1', teamA);
      teamB = await makeTeam(db, 'B');
      for (const scope of ['own', 'team', 'all'] as Scope[]) {
        // Read access and a sales rep's actions elsewhere, so the actor is not outranked by the (sales rep) owners of the records.
        const rep = BUILTIN_ROLES.sales_rep.permissions;
        const elsewhere = Object.fromEntries(MODULES.map((m) => [m, { actions: [...new Set(['read', ...(rep[m]?.actions ?? [])])], scope: 'all' }]));
        const roleId = await makeRole(db, { ...elsewhere, [spec.module]: { actions: ['read', 'create', 'update', 'delete', 'export'], scope } });
        users[scope] = await makeUser(t, { roleId, teamId: teamA.id, name: `scope-${scope}` });
        as[scope] = client(t.app, users[scope].token);
      }
      admin = client(t.app, (await makeUser(t, { role: 'admin' })).token);
    }, 60_000);
    afterAll(async () => t?.close());

    async function hiddenRecord() {
      const owner = await makeUser(t, { role: 'sales_rep', teamId: teamB.id });
      return { id: await spec.create(t, { userId: owner.id, teamId: teamB.id }), teamId: teamB.id };
    }

    for (const scope of ['own', 'team'] as Scope[]) {
      test(`a user with ${scope} scope gets 404 reading, updating or deleting a record of another team`, async () => {
        const hidden = await hiddenRecord();
        const c = as[scope];
        const record = (await admin.get(`${spec.path}/${hidden.id}`)).json();
        expect((await c.get(`${spec.path}/${hidden.id}`)).statusCode).toBe(404);
        expect((await c.patch(`${spec.path}/${hidden.id}`, spec.patch(record))).statusCode).toBe(404);
        expect((await c.delete(`${spec.path}/${hidden.id}`)).statusCode).toBe(404);
        expect((await c.get(`/api/audit-log/records/${spec.type}/${hidden.id}`)).statusCode).toBe(404);
        // Nothing changed behind the 404s.
        const after = (await admin.get(`${spec.path}/${hidden.id}`)).json();
        expect(after.version).toBe(record.version);
      });

      test(`a user with ${scope} scope never finds a record of another team in lists, filters or counts`, async () => {
        const hidden = await hiddenRecord();
        for (const qs of ['?limit=200&total=true', ...(spec.filters?.(hidden) ?? [])]) {
          const res = await as[scope].get(`${spec.path}${qs}`);
          expect(res.statusCode, qs).toBe(200);
          const body = res.json();
          expect(
            body.items.map((i: { id: string }) => i.id),
            qs,
          ).not.toContain(hidden.id);
          if (body.total !== undefined) expect(body.total, qs).toBe(body.items.length);
        }
      });

      test(`a user with ${scope} scope cannot restore a deleted record of another team`, async () => {
        const hidden = await hiddenRecord();
        expect((await admin.delete(`${spec.path}/${hidden.id}`)).statusCode).toBe(204);
        const bin = (await as[scope].get(`/api/recycle-bin?type=${spec.type}&limit=200`)).json();
        expect(bin.items.map((i: { id: string }) => i.id)).not.toContain(hidden.id);
        expect((await as[scope].post(`/api/recycle-bin/${spec.type}/${hidden.id}/restore`)).statusCode).toBe(404);
        expect((await admin.get(`${spec.path}/${hidden.id}`)).statusCode).toBe(404);
      });
    }

    test('team scope covers the sub-teams; own scope covers only own records; all covers every team', async () => {
      const inSubTeam = await spec.create(t, { userId: (await makeUser(t, { role: 'sales_rep', teamId: teamA1.id })).id, teamId: teamA1.id });
      const hidden = await hiddenRecord();
      expect((await as.team.get(`${spec.path}/${inSubTeam}`)).statusCode).toBe(200);
      expect((await as.own.get(`${spec.path}/${inSubTeam}`)).statusCode).toBe(404);
      expect((await as.all.get(`${spec.path}/${hidden.id}`)).statusCode).toBe(200);
      const record = (await as.team.get(`${spec.path}/${inSubTeam}`)).json();
      expect((await as.team.patch(`${spec.path}/${inSubTeam}`, spec.patch(record))).statusCode).toBe(200);
    });

    test('a role without the module gets 403 on every endpoint', async () => {
      const none = client(t.app, (await makeUser(t, { roleId: await makeRole(t.database.db, {}), teamId: teamA.id })).token);
      const hidden = await hiddenRecord();
      expect((await none.get(spec.path)).statusCode).toBe(403);
      expect((await none.get(`${spec.path}/${hidden.id}`)).statusCode).toBe(403);
      expect((await none.delete(`${spec.path}/${hidden.id}`)).statusCode).toBe(403);
      expect((await none.get(`/api/recycle-bin?type=${spec.type}`)).statusCode).toBe(403);
    });
  });
}
