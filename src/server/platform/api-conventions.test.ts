import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeUser } from '../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../test/testApp.js';

let t: TestApp;
let admin: Client;
let token: string;
beforeAll(async () => {
  t = await createTestApp();
  token = (await makeUser(t)).token;
  admin = client(t.app, token);
});
afterAll(async () => t?.close());

describe('OpenAPI', () => {
  test('/api/openapi.json is a valid OpenAPI 3.1 document that lists every API route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries<Record<string, unknown>>(doc.paths))
      for (const m of Object.keys(ops)) documented.add(`${m.toUpperCase()} ${path}`);
    const expected = [
      'POST /api/auth/login',
      'GET /api/auth/me',
      'POST /api/auth/tokens',
      'DELETE /api/auth/tokens/{id}',
      'GET /api/users',
      'PATCH /api/users/{id}',
      'GET /api/teams',
      'DELETE /api/roles/{id}',
      'GET /api/audit-log',
      'GET /api/audit-log/records/{type}/{id}',
      'POST /api/recycle-bin/{type}/{id}/restore',
      'GET /api/health',
    ];
    for (const e of expected) expect(documented, e).toContain(e);
  });

  test('every registered API route is in the document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const documented = new Set(
      Object.entries<Record<string, unknown>>(doc.paths).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const registered: string[] = [];
    for (const r of collected)
      if (r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json' && r.method !== 'HEAD')
        registered.push(`${r.method} ${r.url}`);
    expect(registered.length).toBeGreaterThan(20);
    expect(registered.filter((r) => !documented.has(r))).toEqual([]);
  });

  test('the docs UI is served at /api/docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/html/);
  });
});

const collected: { method: string; url: string }[] = [];
beforeAll(async () => {
  // A second app instance records its routes as they are registered.
  const { buildApp } = await import('../app.js');
  const { createTestDb } = await import('../test/testDb.js');
  const database = await createTestDb();
  const app = await buildApp({ config: t.config, database, logger: false, onRoute: (r) => collected.push({ method: String(r.method), url: r.url }) });
  await app.ready();
  await app.close();
  await database.close();
});

describe('bad input never causes a 500', () => {
  const bodies: unknown[] = [
    null,
    [],
    'text',
    42,
    { version: 'x' },
    { version: -1 },
    { name: { nested: true } },
    { email: 'a'.repeat(10_000) },
    { permissions: [] },
    { parentId: 'not-a-uuid' },
  ];
  const targets = ['/api/users', '/api/teams', '/api/roles', '/api/auth/tokens', '/api/auth/login', '/api/auth/password'];

  test.each(targets)('POST %s with garbage answers 4xx with an error code', async (url) => {
    for (const body of bodies) {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
      expect(res.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, JSON.stringify(body)).toBeLessThan(500);
      expect(res.json().error.code).toBeTruthy();
    }
  });

  test('malformed JSON, a wrong content type and odd ids answer 4xx', async () => {
    const headers = { authorization: `Bearer ${token}` };
    const broken = await t.app.inject({ method: 'POST', url: '/api/teams', headers: { ...headers, 'content-type': 'application/json' }, payload: '{"name":' });
    expect(broken.statusCode).toBe(400);
    const form = await t.app.inject({ method: 'POST', url: '/api/teams', headers: { ...headers, 'content-type': 'text/plain' }, payload: 'name=x' });
    expect(form.statusCode).toBe(415);
    for (const id of ['1', "' or 1=1 --", '%00', 'ffffffff-ffff-ffff-ffff-ffffffffffff']) {
      const res = await admin.get(`/api/users/${encodeURIComponent(id)}`);
      expect([400, 404]).toContain(res.statusCode);
    }
    expect((await admin.get('/api/recycle-bin?type=spaceships')).statusCode).toBe(404);
    expect((await admin.get('/api/audit-log?from=yesterday')).statusCode).toBe(400);
  });
});

describe('audit log', () => {
  test('admins filter it by record type, action and actor; sales reps may not read it', async () => {
    const team = (await admin.post('/api/teams', { name: 'Audited' })).json();
    await admin.patch(`/api/teams/${team.id}`, { version: 1, name: 'Audited 2' });
    const page = (await admin.get(`/api/audit-log?entityType=teams&action=update&limit=10`)).json();
    expect(page.items[0]).toMatchObject({ entityId: team.id, action: 'update', changes: { name: { before: 'Audited', after: 'Audited 2' } } });
    expect(page.items.every((e: { action: string }) => e.action === 'update')).toBe(true);
    const rep = client(t.app, (await makeUser(t, { role: 'sales_rep' })).token);
    expect((await rep.get('/api/audit-log')).statusCode).toBe(403);
  });
});

describe('hostile query strings and paths', () => {
  test('prototype names as sort fields, NUL bytes, tampered cursors and bad URLs answer 4xx', async () => {
    for (const sort of ['__proto__', 'constructor', 'toString', '-hasOwnProperty']) {
      expect((await admin.get(`/api/users?sort=${sort}`)).statusCode, sort).toBe(400);
    }
    expect((await admin.get('/api/users?q=%00abc')).statusCode).toBe(400);
    expect((await admin.post('/api/teams', { name: 'a\u0000b' })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a\u0000@x.com', password: 'x' } })).statusCode).toBe(400);
    const tampered = [
      ['garbage', 'x'],
      [12345, 'x'],
      ['2020-13-45T00:00:00Z', '01900000-0000-7000-8000-000000000000'],
    ];
    for (const values of tampered) {
      const cursor = Buffer.from(JSON.stringify(values)).toString('base64url');
      const res = await admin.get(`/api/users?sort=createdAt&cursor=${cursor}`);
      // SQLite compares any text, PostgreSQL rejects a non-timestamp: either way not a 500.
      expect(res.statusCode, JSON.stringify(values)).toBeLessThan(500);
    }
    const badUrl = await admin.get('/api/%ZZ');
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json().error.code).toBeTruthy();
  });

  test('the audit log filters by time through the id range', async () => {
    const before = new Date().toISOString();
    await admin.post('/api/teams', { name: 'Timed' });
    const after = new Date(Date.now() + 1000).toISOString();
    const inRange = (await admin.get(`/api/audit-log?entityType=teams&from=${before}&to=${after}`)).json().items;
    expect(inRange.map((e: { action: string }) => e.action)).toContain('create');
    expect(
      (await admin.get(`/api/audit-log?entityType=teams&to=${before}&from=2000-01-01T00:00:00Z`)).json().items.some((e: { at: string }) => e.at >= before),
    ).toBe(false);
  });
});
