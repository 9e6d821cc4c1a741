import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTeam, makeUser, roleId } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let admin: Client;
let adminId: string;
let repRole: string;

beforeAll(async () => {
  t = await createTestApp();
  const a = await makeUser(t, { name: 'Admin' });
  adminId = a.id;
  admin = client(t.app, a.token);
  repRole = await roleId(t.database.db, 'sales_rep');
});
afterAll(async () => t?.close());

const countUsers = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const newUser = (over: Record<string, unknown> = {}) => ({
  email: `u${Math.random().toString(36).slice(2)}@example.com`,
  name: '李娜',
  password: 'long enough password',
  roleId: repRole,
  ...over,
});

describe('create', () => {
  test('creates a user, never returns the password hash, and audits the creation', async () => {
    const res = await admin.post('/api/users', newUser({ email: 'Li.Na@Example.com' }));
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user.email).toBe('li.na@example.com');
    expect(user.version).toBe(1);
    expect(JSON.stringify(user)).not.toMatch(/scrypt|password/i);
    const entries = (await admin.get(`/api/audit-log/records/users/${user.id}`)).json().items;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'create', actorId: adminId, actorName: 'Admin' });
    expect(entries[0].changes.name).toEqual({ before: null, after: '李娜' });
    expect(entries[0].changes.passwordHash).toBeUndefined();
  });

  test('answers 400 with per-field messages and writes nothing for an invalid payload', async () => {
    const before = await countUsers();
    const res = await admin.post('/api/users', { email: 'not-an-email', name: '', password: 'short', roleId: 'nope', teamId: 7 });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.fields).sort()).toEqual(['email', 'name', 'password', 'roleId', 'teamId']);
    expect(await countUsers()).toBe(before);
  });

  test('answers 400 when the team or role does not exist, and 409 for a taken e-mail', async () => {
    const missing = await admin.post('/api/users', newUser({ roleId: '01900000-0000-7000-8000-000000000000' }));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.roleId).toBeTruthy();
    const first = await admin.post('/api/users', newUser({ email: 'taken@example.com' }));
    expect(first.statusCode).toBe(201);
    const again = await admin.post('/api/users', newUser({ email: 'TAKEN@example.com' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('email_taken');
  });

  test('a sales rep may not create users', async () => {
    const rep = client(t.app, (await makeUser(t, { role: 'sales_rep' })).token);
    const before = await countUsers();
    expect((await rep.post('/api/users', newUser())).statusCode).toBe(403);
    expect(await countUsers()).toBe(before);
  });
});

describe('update', () => {
  test('applies a PATCH with the current version, bumps the version and records before/after', async () => {
    const team = await makeTeam(t.database.db, '华东大区');
    const user = (await admin.post('/api/users', newUser())).json();
    const res = await admin.patch(`/api/users/${user.id}`, { version: 1, name: '王伟', teamId: team.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '王伟', teamId: team.id, version: 2 });
    const [latest] = (await admin.get(`/api/audit-log/records/users/${user.id}`)).json().items;
    expect(latest.action).toBe('update');
    expect(latest.changes).toEqual({ name: { before: '李娜', after: '王伟' }, teamId: { before: null, after: team.id } });
  });

  test('answers 409 for a stale version and changes nothing', async () => {
    const user = (await admin.post('/api/users', newUser())).json();
    expect((await admin.patch(`/api/users/${user.id}`, { version: 1, name: 'First writer' })).statusCode).toBe(200);
    const stale = await admin.patch(`/api/users/${user.id}`, { version: 1, name: 'Second writer' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const now = (await admin.get(`/api/users/${user.id}`)).json();
    expect(now).toMatchObject({ name: 'First writer', version: 2 });
    const updates = (await admin.get(`/api/audit-log/records/users/${user.id}`)).json().items.filter((e: { action: string }) => e.action === 'update');
    expect(updates).toHaveLength(1);
  });

  test('answers 400 for a PATCH without a version and for an invalid field, changing nothing', async () => {
    const user = (await admin.post('/api/users', newUser())).json();
    expect((await admin.patch(`/api/users/${user.id}`, { name: 'x' })).json().error.fields.version).toBeTruthy();
    expect((await admin.patch(`/api/users/${user.id}`, { version: 1, locale: 'fr' })).json().error.fields.locale).toBeTruthy();
    expect((await admin.get(`/api/users/${user.id}`)).json().version).toBe(1);
  });

  test('an admin cannot deactivate themselves', async () => {
    const me = (await admin.get(`/api/users/${adminId}`)).json();
    const res = await admin.patch(`/api/users/${adminId}`, { version: me.version, active: false });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('cannot_change_self');
  });
});

describe('delete and restore', () => {
  test('a deleted user disappears, lands in the recycle bin, and can be restored with its data', async () => {
    const user = (await admin.post('/api/users', newUser({ name: 'Temp 临时' }))).json();
    expect((await admin.delete(`/api/users/${user.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/users/${user.id}`)).statusCode).toBe(404);
    expect((await admin.get('/api/users?limit=200')).json().items.map((u: { id: string }) => u.id)).not.toContain(user.id);
    const bin = (await admin.get('/api/recycle-bin?type=users')).json();
    expect(bin.items[0]).toMatchObject({ id: user.id, title: 'Temp 临时', deletedByName: 'Admin' });
    expect((await admin.post(`/api/recycle-bin/users/${user.id}/restore`)).statusCode).toBe(204);
    expect((await admin.get(`/api/users/${user.id}`)).json()).toMatchObject({ name: 'Temp 临时', email: user.email });
    const actions = (await admin.get(`/api/audit-log/records/users/${user.id}`)).json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['restore', 'delete', 'create']);
  });

  test('deleting a user ends their sessions', async () => {
    const u = await makeUser(t, { role: 'sales_rep' });
    expect((await admin.delete(`/api/users/${u.id}`)).statusCode).toBe(204);
    expect((await client(t.app, u.token).get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('list conventions', () => {
  test('pages with a keyset cursor in the requested order, with a total when asked', async () => {
    for (const name of ['Zhao', 'Qian', 'Sun', 'Li', 'Zhou']) await admin.post('/api/users', newUser({ name: `Page ${name}` }));
    const seen: string[] = [];
    let cursor: string | null = null;
    let total = 0;
    do {
      const qs: string = `?q=page&sort=-name&limit=2&total=true${cursor ? `&cursor=${cursor}` : ''}`;
      const body: { total: number; items: { name: string }[]; nextCursor: string | null } = (await admin.get(`/api/users${qs}`)).json();
      total = body.total;
      seen.push(...body.items.map((u: { name: string }) => u.name));
      cursor = body.nextCursor;
    } while (cursor);
    expect(total).toBe(5);
    expect(seen).toEqual(['Page Zhou', 'Page Zhao', 'Page Sun', 'Page Qian', 'Page Li']);
  });

  test('answers 400 for an unknown sort field, a bad cursor or a limit above 200', async () => {
    expect((await admin.get('/api/users?sort=passwordHash')).json().error.fields.sort).toBeTruthy();
    expect((await admin.get('/api/users?cursor=garbage')).json().error.fields.cursor).toBeTruthy();
    expect((await admin.get('/api/users?limit=500')).json().error.fields.limit).toBeTruthy();
  });

  test('treats % and _ in a search literally', async () => {
    await admin.post('/api/users', newUser({ name: '100% Sales_Team' }));
    const hits = (await admin.get(`/api/users?q=${encodeURIComponent('0% s')}`)).json().items;
    expect(hits.map((u: { name: string }) => u.name)).toEqual(['100% Sales_Team']);
    expect((await admin.get(`/api/users?q=${encodeURIComponent('%')}&total=true`)).json().total).toBe(1);
  });
});

describe('e-mail reuse', () => {
  test('a deleted user’s e-mail can be given to a new user, and the old one cannot then be restored over it', async () => {
    const first = (await admin.post('/api/users', newUser({ email: 'reuse@example.com' }))).json();
    expect((await admin.delete(`/api/users/${first.id}`)).statusCode).toBe(204);
    expect((await admin.post('/api/users', newUser({ email: 'reuse@example.com' }))).statusCode).toBe(201);
    const restore = await admin.post(`/api/recycle-bin/users/${first.id}/restore`);
    expect(restore.statusCode).toBe(409);
    expect(restore.json().error.code).toBe('email_taken');
  });
});

describe('search', () => {
  test('matches accented and Chinese names regardless of case on both databases', async () => {
    await admin.post('/api/users', newUser({ name: 'Édouard Ärger' }));
    await admin.post('/api/users', newUser({ name: '欧阳娜娜' }));
    expect((await admin.get(`/api/users?q=${encodeURIComponent('ÉDOUARD')}`)).json().items.map((u: { name: string }) => u.name)).toEqual(['Édouard Ärger']);
    expect((await admin.get(`/api/users?q=${encodeURIComponent('ärger')}`)).json().items).toHaveLength(1);
    expect((await admin.get(`/api/users?q=${encodeURIComponent('娜娜')}`)).json().items.map((u: { name: string }) => u.name)).toEqual(['欧阳娜娜']);
  });
});
