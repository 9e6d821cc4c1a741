import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { THROTTLE } from '../../platform/auth/throttle.js';
import { makeUser, PASSWORD } from '../../test/factories.js';
import { client, createTestApp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ sessionIdleMinutes: 30 });
});
afterAll(async () => t?.close());

const login = (email: string, password: string, ip = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: ip });

const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie']).split(';')[0];

describe('login', () => {
  test('returns the user, a bearer token and an HttpOnly SameSite session cookie', async () => {
    const u = await makeUser(t, { role: 'sales_rep' });
    const res = await login(u.email.toUpperCase(), PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user.email).toBe(u.email);
    expect(body.permissions.users.actions).toContain('read');
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Lax/);
    const me = await client(t.app, body.token).get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.id).toBe(u.id);
  });

  test('answers 401 with one message for a wrong password and an unknown e-mail, and audits both', async () => {
    const u = await makeUser(t);
    const wrong = await login(u.email, 'not the password', '10.0.0.2');
    const unknown = await login('nobody@example.com', 'whatever', '10.0.0.2');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_credentials');
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
    const failures = await t.database.db.selectFrom('auditLog').selectAll().where('action', '=', 'login_failed').where('entityId', '=', u.id).execute();
    expect(failures).toHaveLength(1);
  });

  test('locks an account for one address after repeated failures, even with the right password, but not for other addresses', async () => {
    const u = await makeUser(t);
    for (let i = 0; i < THROTTLE.maxPerAccountAndIp; i++) expect((await login(u.email, 'wrong password', '10.1.0.1')).statusCode).toBe(401);
    const locked = await login(u.email, PASSWORD, '10.1.0.1');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('login_locked');
    expect(Date.parse(locked.json().error.fields.until)).toBeGreaterThan(Date.now());
    // A colleague behind another address is not locked out by someone else's guessing.
    expect((await login(u.email, PASSWORD, '10.1.0.2')).statusCode).toBe(200);
    // Once the lock has passed, the right password works again from the first address.
    await t.database.db
      .updateTable('loginThrottle')
      .set({ lockedUntil: new Date(Date.now() - 1000).toISOString() })
      .execute();
    expect((await login(u.email, PASSWORD, '10.1.0.1')).statusCode).toBe(200);
  });

  test('locks the account everywhere after many failures from many addresses', async () => {
    const u = await makeUser(t);
    for (let i = 0; i < THROTTLE.maxPerAccount; i++) await login(u.email, 'wrong password', `10.3.${i}.1`);
    expect((await login(u.email, PASSWORD, '10.3.99.1')).statusCode).toBe(429);
  });

  test('parallel guesses cannot get more password checks than the limit', async () => {
    const u = await makeUser(t);
    const results = await Promise.all(Array.from({ length: 15 }, () => login(u.email, 'wrong password', '10.4.0.1')));
    const checked = results.filter((r) => r.statusCode === 401).length;
    expect(checked).toBeLessThanOrEqual(THROTTLE.maxPerAccountAndIp);
    expect(results.filter((r) => r.statusCode === 429).length).toBe(15 - checked);
  });

  test('refuses a deactivated user', async () => {
    const u = await makeUser(t);
    await t.database.db.updateTable('users').set({ deactivatedAt: new Date().toISOString() }).where('id', '=', u.id).execute();
    expect((await login(u.email, PASSWORD, '10.0.0.9')).statusCode).toBe(401);
    expect((await client(t.app, u.token).get('/api/auth/me')).statusCode).toBe(401);
  });

  test('answers 400 with field errors for a malformed body', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 42 } });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(expect.arrayContaining(['email', 'password']));
  });
});

describe('sessions', () => {
  test('cookie-authenticated writes need the CSRF token; bearer requests do not', async () => {
    const u = await makeUser(t);
    const res = await login(u.email, PASSWORD, '10.2.0.1');
    const { csrfToken, token } = res.json();
    const cookie = cookieOf(res);
    const body = { name: 'Cookie name' };
    const noCsrf = await t.app.inject({ method: 'PATCH', url: '/api/auth/me', headers: { cookie }, payload: body });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf_failed');
    const withCsrf = await t.app.inject({ method: 'PATCH', url: '/api/auth/me', headers: { cookie, 'x-csrf-token': csrfToken }, payload: body });
    expect(withCsrf.statusCode).toBe(200);
    expect((await client(t.app, token).patch('/api/auth/me', { locale: 'zh-CN' })).json().user.locale).toBe('zh-CN');
  });

  test('logout ends the session', async () => {
    const u = await makeUser(t);
    const res = await login(u.email, PASSWORD, '10.2.0.2');
    const c = client(t.app, res.json().token);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  test('a session idle for longer than the limit, or past its absolute expiry, stops working', async () => {
    const idle = await makeUser(t);
    const old = new Date(Date.now() - 31 * 60_000).toISOString();
    await t.database.db.updateTable('sessions').set({ lastSeenAt: old }).where('userId', '=', idle.id).execute();
    expect((await client(t.app, idle.token).get('/api/auth/me')).statusCode).toBe(401);
    const expired = await makeUser(t);
    await t.database.db
      .updateTable('sessions')
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where('userId', '=', expired.id)
      .execute();
    expect((await client(t.app, expired.token).get('/api/auth/me')).statusCode).toBe(401);
  });

  test('a user can list and revoke their own sessions but not another user’s', async () => {
    const u = await makeUser(t);
    const other = await makeUser(t);
    const c = client(t.app, u.token);
    const sessions = (await c.get('/api/auth/sessions')).json().items;
    expect(sessions).toHaveLength(1);
    expect(sessions[0].current).toBe(true);
    const otherSession = (await client(t.app, other.token).get('/api/auth/sessions')).json().items[0];
    expect((await c.delete(`/api/auth/sessions/${otherSession.id}`)).statusCode).toBe(404);
    expect((await client(t.app, other.token).get('/api/auth/me')).statusCode).toBe(200);
    expect((await c.delete(`/api/auth/sessions/${sessions[0].id}`)).statusCode).toBe(204);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  test('changing the password checks the current one and signs out other sessions', async () => {
    const u = await makeUser(t);
    const second = (await login(u.email, PASSWORD, '10.2.0.3')).json().token;
    const c = client(t.app, u.token);
    expect((await c.post('/api/auth/password', { currentPassword: 'wrong', newPassword: 'a new long password' })).statusCode).toBe(400);
    expect((await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' })).json().error.fields.newPassword).toBeTruthy();
    expect((await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a new long password' })).statusCode).toBe(204);
    expect((await client(t.app, second).get('/api/auth/me')).statusCode).toBe(401);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    expect((await login(u.email, 'a new long password', '10.2.0.4')).statusCode).toBe(200);
  });

  test('unauthenticated API calls get 401 and security headers are set', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/users' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('personal API tokens', () => {
  test('a token works as a bearer token until it is revoked', async () => {
    const u = await makeUser(t);
    const c = client(t.app, u.token);
    const created = await c.post('/api/auth/tokens', { name: 'CI script' });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^gxp_/);
    const stored = await t.database.db.selectFrom('apiTokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.tokenHash).not.toContain(token);
    const api = client(t.app, token);
    expect((await api.get('/api/users')).statusCode).toBe(200);
    expect((await c.get('/api/auth/tokens')).json().items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await c.delete(`/api/auth/tokens/${id}`)).statusCode).toBe(204);
    const after = await api.get('/api/users');
    expect(after.statusCode).toBe(401);
    expect((await c.get('/api/auth/tokens')).json().items).toHaveLength(0);
  });

  test('an expired token stops working and another user cannot revoke my token', async () => {
    const u = await makeUser(t);
    const other = await makeUser(t);
    const created = (await client(t.app, u.token).post('/api/auth/tokens', { name: 'short', expiresInDays: 1 })).json();
    expect((await client(t.app, other.token).delete(`/api/auth/tokens/${created.id}`)).statusCode).toBe(404);
    expect((await client(t.app, created.token).get('/api/auth/me')).statusCode).toBe(200);
    await t.database.db
      .updateTable('apiTokens')
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', created.id)
      .execute();
    expect((await client(t.app, created.token).get('/api/auth/me')).statusCode).toBe(401);
  });

  test('deactivating a user revokes their tokens', async () => {
    const admin = client(t.app, (await makeUser(t)).token);
    const u = await makeUser(t, { role: 'sales_rep' });
    const { token } = (await client(t.app, u.token).post('/api/auth/tokens', { name: 'x' })).json();
    const record = (await admin.get(`/api/users/${u.id}`)).json();
    expect((await admin.patch(`/api/users/${u.id}`, { version: record.version, active: false })).statusCode).toBe(200);
    expect((await client(t.app, token).get('/api/auth/me')).statusCode).toBe(401);
  });
});
