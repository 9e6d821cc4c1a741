import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeRole, makeTeam, makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let users: Record<'admin' | 'x' | 'y' | 'manager' | 'none' | 'orgAdmin', TestUser>;
let admin: Client;
let x: Client;
let y: Client;

const config = (over: Record<string, unknown> = {}) => ({ columns: ['name', 'tier'], filters: [], sort: null, q: null, ...over });
const view = (over: Record<string, unknown> = {}) => ({ entity: 'organizations', name: 'My A customers', config: config(), ...over });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const team = await makeTeam(db, '华东大区');
  users = {
    admin: await makeUser(t, { role: 'admin' }),
    x: await makeUser(t, { role: 'sales_rep', teamId: team.id, name: 'X' }),
    y: await makeUser(t, { role: 'sales_rep', teamId: team.id, name: 'Y' }),
    manager: await makeUser(t, { role: 'sales_manager', teamId: team.id }),
    none: await makeUser(t, { roleId: await makeRole(db, { contacts: { actions: ['read'], scope: 'own' } }), teamId: team.id }),
    // Admin of the organizations list only: may share organization views, not contact views.
    orgAdmin: await makeUser(t, {
      roleId: await makeRole(db, { organizations: { actions: ['read', 'admin'], scope: 'own' }, contacts: { actions: ['read'], scope: 'own' } }),
      teamId: team.id,
    }),
  };
  admin = client(t.app, users.admin.token);
  x = client(t.app, users.x.token);
  y = client(t.app, users.y.token);
}, 60_000);
afterAll(async () => t?.close());

const as = (u: TestUser) => client(t.app, u.token);
const auditOf = (id: string) => t.database.db.selectFrom('auditLog').selectAll().where('entityId', '=', id).orderBy('id').execute();

describe('personal views', () => {
  test('a rep saves a personal view, finds it in the list and by id, with an audit entry', async () => {
    const res = await x.post('/api/views', view({ config: config({ filters: [{ field: 'tier', op: 'eq', value: 'A' }], sort: '-updatedAt', q: '华' }) }));
    expect(res.statusCode).toBe(201);
    const v = res.json();
    expect(v).toMatchObject({ entity: 'organizations', name: 'My A customers', shared: false, ownerId: users.x.id, version: 1 });
    expect(v.config).toEqual({ columns: ['name', 'tier'], filters: [{ field: 'tier', op: 'eq', value: 'A' }], sort: '-updatedAt', q: '华' });
    expect((await x.get('/api/views?entity=organizations')).json().items.map((i: { id: string }) => i.id)).toContain(v.id);
    expect((await x.get('/api/views?entity=contacts')).json().items.map((i: { id: string }) => i.id)).not.toContain(v.id);
    expect((await x.get(`/api/views/${v.id}`)).json()).toEqual(v);
    const [entry] = await auditOf(v.id);
    expect(entry).toMatchObject({ action: 'create', entityType: 'saved_views', actorId: users.x.id });
  });

  test("user Y never sees user X's personal view: not in the list, 404 by id, for changes and for deletion", async () => {
    const v = (await x.post('/api/views', view({ name: 'Private' }))).json();
    for (const u of [y, as(users.manager), admin]) {
      expect((await u.get('/api/views?entity=organizations')).json().items.map((i: { id: string }) => i.id)).not.toContain(v.id);
      expect((await u.get(`/api/views/${v.id}`)).statusCode).toBe(404);
      expect((await u.patch(`/api/views/${v.id}`, { version: 1, name: 'Mine now' })).statusCode).toBe(404);
      expect((await u.delete(`/api/views/${v.id}`)).statusCode).toBe(404);
    }
    expect((await x.get(`/api/views/${v.id}`)).json()).toMatchObject({ name: 'Private', version: 1 });
  });

  test('the owner renames and reconfigures with the version; a stale version is 409 and changes nothing', async () => {
    const v = (await x.post('/api/views', view())).json();
    const res = await x.patch(`/api/views/${v.id}`, { version: 1, name: 'Renamed', config: config({ columns: ['name', 'ownerId', 'createdAt'] }) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Renamed', version: 2, config: { columns: ['name', 'ownerId', 'createdAt'] } });
    const stale = await x.patch(`/api/views/${v.id}`, { version: 1, name: 'Lost' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    expect((await x.get(`/api/views/${v.id}`)).json().name).toBe('Renamed');
    const [, update] = await auditOf(v.id);
    expect(update.action).toBe('update');
    expect(JSON.parse(update.changes as string)).toMatchObject({ name: { before: 'My A customers', after: 'Renamed' } });
  });

  test('deleting is soft: gone from list and id, the row and an audit entry remain', async () => {
    const v = (await x.post('/api/views', view({ name: 'Short-lived' }))).json();
    expect((await x.delete(`/api/views/${v.id}`)).statusCode).toBe(204);
    expect((await x.get(`/api/views/${v.id}`)).statusCode).toBe(404);
    expect((await x.get('/api/views?entity=organizations')).json().items.map((i: { id: string }) => i.id)).not.toContain(v.id);
    const row = await t.database.db.selectFrom('savedViews').select(['deletedAt', 'deletedBy']).where('id', '=', v.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ deletedBy: users.x.id });
    expect(row.deletedAt).not.toBeNull();
    expect((await auditOf(v.id)).map((e) => e.action)).toEqual(['create', 'delete']);
  });
});

describe('shared views', () => {
  test('a rep may not share a view (403); an administrator shares one that every reader sees but only admins change', async () => {
    const refused = await x.post('/api/views', view({ shared: true }));
    expect(refused.statusCode).toBe(403);
    const v = (await admin.post('/api/views', view({ name: 'Key accounts', shared: true }))).json();
    expect(v.shared).toBe(true);
    for (const u of [x, y, as(users.manager)]) {
      expect((await u.get('/api/views?entity=organizations')).json().items.map((i: { id: string }) => i.id)).toContain(v.id);
      expect((await u.get(`/api/views/${v.id}`)).statusCode).toBe(200);
      expect((await u.patch(`/api/views/${v.id}`, { version: 1, name: 'Hijacked' })).statusCode).toBe(403);
      expect((await u.delete(`/api/views/${v.id}`)).statusCode).toBe(403);
    }
    expect((await admin.get(`/api/views/${v.id}`)).json()).toMatchObject({ name: 'Key accounts', version: 1 });
  });

  test('a rep may not turn their personal view into a shared one', async () => {
    const v = (await x.post('/api/views', view())).json();
    expect((await x.patch(`/api/views/${v.id}`, { version: 1, shared: true })).statusCode).toBe(403);
    expect((await x.get(`/api/views/${v.id}`)).json().shared).toBe(false);
  });

  test('the admin action on the list module is enough to share views of that list, not of another', async () => {
    const orgAdmin = as(users.orgAdmin);
    expect((await orgAdmin.post('/api/views', view({ shared: true }))).statusCode).toBe(201);
    expect((await orgAdmin.post('/api/views', view({ entity: 'contacts', shared: true, config: config({ columns: ['name'] }) }))).statusCode).toBe(403);
  });

  test('an administrator who makes a shared view personal takes it as their own; others no longer see it', async () => {
    const v = (await admin.post('/api/views', view({ name: 'Was shared', shared: true }))).json();
    const res = await admin.patch(`/api/views/${v.id}`, { version: 1, shared: false });
    expect(res.json()).toMatchObject({ shared: false, ownerId: users.admin.id });
    expect((await x.get(`/api/views/${v.id}`)).statusCode).toBe(404);
  });
});

describe('permissions and validation', () => {
  test('views of a list need read permission on it: 403 for the list, 404 by id', async () => {
    const none = as(users.none);
    expect((await none.get('/api/views?entity=organizations')).statusCode).toBe(403);
    expect((await none.post('/api/views', view())).statusCode).toBe(403);
    const shared = (await admin.post('/api/views', view({ name: 'Shared', shared: true }))).json();
    expect((await none.get(`/api/views/${shared.id}`)).statusCode).toBe(404);
    expect((await none.get('/api/views?entity=contacts')).statusCode).toBe(200);
  });

  test('unknown columns, filter fields, operators and sorts answer 400 naming each', async () => {
    const res = await x.post(
      '/api/views',
      view({
        config: config({
          columns: ['name', 'nonsense', 'name', 'custom.missing'],
          filters: [
            { field: 'secret', op: 'eq', value: 'x' },
            { field: 'tier', op: 'contains', value: 'A' },
            { field: 'phones', op: 'eq', value: '1' },
          ],
          sort: '-phones',
        }),
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({
      'config.columns.1': expect.stringContaining('nonsense'),
      'config.columns.2': expect.stringContaining('twice'),
      'config.columns.3': expect.stringContaining('custom.missing'),
      'config.filters.0.field': expect.stringContaining('secret'),
      'config.filters.1.op': expect.stringContaining('contains'),
      'config.filters.2.field': expect.stringContaining('phones'),
      'config.sort': expect.stringContaining('phones'),
    });
    const missing = await x.post('/api/views', { entity: 'organizations', name: ' ', config: { columns: [] } });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().error.fields)).toEqual(expect.arrayContaining(['name', 'config.filters']));
    expect((await x.get('/api/views?entity=deals')).statusCode).toBe(400);
    expect((await x.patch('/api/views/00000000-0000-7000-8000-000000000000', { version: 1, name: 'x' })).statusCode).toBe(404);
  });

  test('custom fields of the list are valid columns, filters and sorts once they exist', async () => {
    const body = view({
      config: config({ columns: ['name', 'custom.revenue'], filters: [{ field: 'custom.revenue', op: 'gte', value: 100 }], sort: '-custom.revenue' }),
    });
    expect((await x.post('/api/views', body)).statusCode).toBe(400);
    const field = await admin.post('/api/custom-fields', {
      entity: 'organizations',
      key: 'revenue',
      label: { en: 'Revenue', 'zh-CN': '年营业额' },
      type: 'money',
    });
    expect(field.statusCode).toBe(201);
    expect((await x.post('/api/views', body)).statusCode).toBe(201);
    // A contact view cannot use an organization field.
    expect((await x.post('/api/views', { ...body, entity: 'contacts' })).statusCode).toBe(400);
  });
});
