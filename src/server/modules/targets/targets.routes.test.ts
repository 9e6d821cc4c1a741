import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTeam, makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let admin: Client;
let manager: Client;
let rep: TestUser;
let outsider: TestUser;
let team: { id: string; path: string };
let sub: { id: string; path: string };
let other: { id: string; path: string };

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  team = await makeTeam(db, 'Sales 销售部');
  sub = await makeTeam(db, 'Sales South', team);
  other = await makeTeam(db, 'Other');
  admin = client(t.app, (await makeUser(t, { role: 'admin' })).token);
  manager = client(t.app, (await makeUser(t, { role: 'sales_manager', teamId: team.id })).token);
  rep = await makeUser(t, { role: 'sales_rep', teamId: sub.id, name: 'Rep 张三' });
  outsider = await makeUser(t, { role: 'sales_rep', teamId: other.id });
}, 60_000);
afterAll(async () => t?.close());

describe('targets', () => {
  test('a manager sets a target for a rep of a sub-team; the rep reads it with name, team and exact amount', async () => {
    const res = await manager.post('/api/targets', {
      subjectType: 'user',
      userId: rep.id,
      period: 'quarter',
      periodStart: '2026-04-01',
      amount: '123456789012.34',
      currency: 'CNY',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      subjectType: 'user',
      userId: rep.id,
      userName: 'Rep 张三',
      teamId: sub.id,
      teamName: 'Sales South',
      amount: '123456789012.34',
      version: 1,
    });
    const mine = (await client(t.app, rep.token).get('/api/targets?year=2026')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([res.json().id]);
  });

  test('a team target, and one target per subject, period and currency', async () => {
    const body = { subjectType: 'team', teamId: sub.id, period: 'year', periodStart: '2026-01-01', amount: '1000000', currency: 'CNY' };
    const res = await manager.post('/api/targets', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ userId: null, teamId: sub.id, amount: '1000000.00' });
    const again = await manager.post('/api/targets', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('target_exists');
    expect((await manager.post('/api/targets', { ...body, currency: 'USD' })).statusCode).toBe(201);
  });

  test('a manager cannot set targets outside the team subtree; a rep cannot set targets at all', async () => {
    const team = await manager.post('/api/targets', {
      subjectType: 'team',
      teamId: other.id,
      period: 'month',
      periodStart: '2026-01-01',
      amount: '1',
      currency: 'CNY',
    });
    expect(team.statusCode).toBe(403);
    const user = await manager.post('/api/targets', {
      subjectType: 'user',
      userId: outsider.id,
      period: 'month',
      periodStart: '2026-01-01',
      amount: '1',
      currency: 'CNY',
    });
    expect(user.statusCode).toBe(400);
    expect(user.json().error.fields.userId).toBeDefined();
    const own = await client(t.app, rep.token).post('/api/targets', {
      subjectType: 'user',
      userId: rep.id,
      period: 'month',
      periodStart: '2026-01-01',
      amount: '1',
      currency: 'CNY',
    });
    expect(own.statusCode).toBe(403);
  });

  test('rejects a period start that does not begin the period, a missing subject and bad amounts', async () => {
    const base = { subjectType: 'user', userId: rep.id, period: 'month', periodStart: '2026-01-01', amount: '1', currency: 'CNY' };
    const bad = async (patch: Record<string, unknown>, field: string) => {
      const res = await admin.post('/api/targets', { ...base, ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {}), JSON.stringify(patch)).toContain(field);
    };
    await bad({ periodStart: '2026-01-15' }, 'periodStart');
    await bad({ period: 'quarter', periodStart: '2026-02-01' }, 'periodStart');
    await bad({ period: 'year', periodStart: '2026-07-01' }, 'periodStart');
    await bad({ periodStart: '2026-13-01' }, 'periodStart');
    await bad({ userId: null }, 'userId');
    await bad({ subjectType: 'team', userId: undefined }, 'teamId');
    await bad({ amount: '-5' }, 'amount');
    await bad({ amount: '0.001' }, 'amount');
    await bad({ currency: 'JPY' }, 'currency');
  });

  test('updates the amount with the version, audits, deletes to the recycle bin and restores', async () => {
    const created = (
      await admin.post('/api/targets', { subjectType: 'user', userId: rep.id, period: 'month', periodStart: '2026-08-01', amount: '0.10', currency: 'CNY' })
    ).json();
    const updated = await admin.patch(`/api/targets/${created.id}`, { version: 1, amount: '0.30' });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ amount: '0.30', version: 2 });
    expect((await admin.patch(`/api/targets/${created.id}`, { version: 1, amount: '9' })).statusCode).toBe(409);
    const history = (await admin.get(`/api/audit-log/records/targets/${created.id}`)).json();
    expect(history.items.length).toBeGreaterThanOrEqual(2);
    expect((await admin.delete(`/api/targets/${created.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/targets/${created.id}`)).statusCode).toBe(404);
    expect((await admin.post(`/api/recycle-bin/targets/${created.id}/restore`)).statusCode).toBe(204);
    expect((await admin.get(`/api/targets/${created.id}`)).json().amount).toBe('0.30');
  });

  test('lists a year of targets filtered by subject and period, paged', async () => {
    for (const month of ['01', '02', '03']) {
      await admin.post('/api/targets', {
        subjectType: 'user',
        userId: outsider.id,
        period: 'month',
        periodStart: `2027-${month}-01`,
        amount: '10',
        currency: 'EUR',
      });
    }
    const first = (await admin.get(`/api/targets?year=2027&userId=${outsider.id}&limit=2&total=true`)).json();
    expect(first.items.map((i: { periodStart: string }) => i.periodStart)).toEqual(['2027-01-01', '2027-02-01']);
    expect(first.total).toBe(3);
    const next = (await admin.get(`/api/targets?year=2027&userId=${outsider.id}&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
    expect(next.items.map((i: { periodStart: string }) => i.periodStart)).toEqual(['2027-03-01']);
    expect((await admin.get('/api/targets?year=2027&subjectType=team')).json().items).toEqual([]);
  });
});
