import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CalendarItem } from '../../../shared/schemas/calendar.js';
import type { Organization } from '../../../shared/schemas/customers.js';
import type { Task } from '../../../shared/schemas/tasks.js';
import { makeRole, makeTeam, makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let rep: TestUser;
let mate: TestUser;
let outsider: TestUser;
let manager: TestUser;
let org: Organization;
const as = (u: TestUser) => client(t.app, u.token);

const DAY = 86_400_000;
const soon = (days: number, hour = 2) => {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};
async function created<T>(res: { statusCode: number; body: string; json(): unknown }): Promise<T> {
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as T;
}
const range = (c: Client, from: string, to: string, extra = '') => c.get(`/api/calendar?from=${from}&to=${to}${extra}`);
const titles = (items: CalendarItem[]) => items.map((i) => i.title);
const ics = (token: string) => t.app.inject({ method: 'GET', url: `/api/calendar.ics?token=${encodeURIComponent(token)}` });
const tokenOf = (url: string) => new URL(url).searchParams.get('token') as string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const region = await makeTeam(db, '华东大区');
  const branch = await makeTeam(db, '上海分部', region);
  const other = await makeTeam(db, '华南大区');
  rep = await makeUser(t, { role: 'sales_rep', teamId: branch.id, name: '李娜' });
  mate = await makeUser(t, { role: 'sales_rep', teamId: branch.id, name: '张伟' });
  outsider = await makeUser(t, { role: 'sales_rep', teamId: other.id, name: '陈静' });
  manager = await makeUser(t, { role: 'sales_manager', teamId: region.id, name: '王伟' });
  org = await created<Organization>(await as(rep).post('/api/organizations', { name: '上海华联超市有限公司' }));
  const r = as(rep);
  await created<Task>(await r.post('/api/tasks', { title: '回访采购经理', dueAt: soon(1), entityType: 'organizations', entityId: org.id }));
  await created<Task>(await r.post('/api/tasks', { title: 'All-day review', dueAt: soon(2, 16), allDay: true }));
  await created<Task>(await r.post('/api/tasks', { title: 'Finished', dueAt: soon(3), status: 'done' }));
  await created<Task>(await r.post('/api/tasks', { title: 'Cancelled', dueAt: soon(3), status: 'cancelled' }));
  await created<Task>(await r.post('/api/tasks', { title: 'Far away', dueAt: soon(200) }));
  await created<Task>(await r.post('/api/tasks', { title: 'Undated' }));
  await created(await r.post('/api/activities', { kind: 'visit', subject: '门店拜访', organizationId: org.id, occurredAt: soon(2, 1), endsAt: soon(2, 3) }));
  await created(await r.post('/api/activities', { kind: 'note', subject: 'A note is no event', organizationId: org.id, occurredAt: soon(2, 1) }));
  await created<Task>(await as(mate).post('/api/tasks', { title: 'Mate task', dueAt: soon(1) }));
  await created<Task>(await as(outsider).post('/api/tasks', { title: 'Outsider task', dueAt: soon(1) }));
}, 60_000);
afterAll(async () => t?.close());

describe('GET /api/calendar', () => {
  test('lists the caller’s dated tasks (not cancelled) and meetings/visits in the range, by start', async () => {
    const res = await range(as(rep), soon(0, 0), soon(10, 0));
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as CalendarItem[];
    expect(titles(items)).toEqual(['回访采购经理', '门店拜访', 'All-day review', 'Finished']);
    expect(items[0]).toMatchObject({ type: 'task', status: 'open', priority: 'normal', organizationId: org.id, contactId: null, allDay: false });
    expect(items[1]).toMatchObject({ type: 'activity', kind: 'visit', organizationName: '上海华联超市有限公司', endsAt: soon(2, 3) });
    expect(items[2]).toMatchObject({ type: 'task', allDay: true });
  });

  test('another person’s calendar shows only what the caller’s scopes cover', async () => {
    expect(titles((await range(as(manager), soon(0, 0), soon(10, 0), `&userId=${rep.id}`)).json().items)).toContain('回访采购经理');
    expect(titles((await range(as(rep), soon(0, 0), soon(10, 0), `&userId=${mate.id}`)).json().items)).toEqual([]);
    expect(titles((await range(as(manager), soon(0, 0), soon(10, 0), `&userId=${outsider.id}`)).json().items)).toEqual([]);
  });

  test('answers 400 naming the bound for a reversed, too long or malformed range', async () => {
    const reversed = await range(as(rep), soon(5), soon(1));
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.fields).toEqual({ to: 'Must be after from' });
    const long = await range(as(rep), soon(0), soon(63));
    expect(long.json().error.fields).toEqual({ to: 'At most 62 days after from' });
    const bad = await as(rep).get('/api/calendar?from=today&to=tomorrow');
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['from', 'to']);
  });

  test('a role without tasks and activities sees an empty calendar; without sign-in it is 401', async () => {
    const none = await makeUser(t, { roleId: await makeRole(t.database.db, {}) });
    expect((await range(as(none), soon(0), soon(10))).json()).toEqual({ items: [] });
    expect((await client(t.app).get(`/api/calendar?from=${soon(0)}&to=${soon(1)}`)).statusCode).toBe(401);
  });
});

describe('ICS feed', () => {
  test('a feed URL answers text/calendar with the owner’s tasks and meetings; only the hash is stored', async () => {
    const made = await as(rep).post('/api/calendar/feed-token', { timeZone: 'Asia/Shanghai' });
    expect(made.statusCode, made.body).toBe(200);
    const token = tokenOf(made.json().url);
    expect(made.json().url).toMatch(/^http:\/\/localhost(:\d+)?\/api\/calendar\.ics\?token=gxc_/);
    const stored = await t.database.db.selectFrom('calendarFeeds').selectAll().where('userId', '=', rep.id).executeTakeFirstOrThrow();
    expect(stored.tokenHash).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect((await as(rep).get('/api/calendar/feed-token')).json()).toMatchObject({ active: true, timeZone: 'Asia/Shanghai' });

    const res = await ics(token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const body = res.body.replace(/\r\n[ \t]/g, '');
    expect(body).toMatch(/^BEGIN:VCALENDAR/);
    for (const s of ['SUMMARY:回访采购经理', 'SUMMARY:门店拜访 · 上海华联超市有限公司', 'SUMMARY:✓ Finished', 'SUMMARY:Far away']) expect(body).toContain(s);
    for (const s of ['Cancelled', 'Undated', 'Mate task', 'Outsider task', 'A note is no event']) expect(body).not.toContain(s);
    // The all-day task due at 16:00 UTC is a date in Shanghai, where it is already the next day.
    const allDay = new Date(Date.parse(soon(2, 16)) + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
    expect(body).toContain(`DTSTART;VALUE=DATE:${allDay}`);
  });

  test('rotating the token ends the old URL; a wrong or revoked token is 404', async () => {
    const first = tokenOf((await as(mate).post('/api/calendar/feed-token', {})).json().url);
    const second = tokenOf((await as(mate).post('/api/calendar/feed-token', {})).json().url);
    expect(second).not.toBe(first);
    expect((await ics(first)).statusCode).toBe(404);
    expect((await ics(second)).statusCode).toBe(200);
    expect((await ics('gxc_nonsense')).statusCode).toBe(404);
    expect((await ics(`${second.slice(0, -1)}x`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar.ics' })).statusCode).toBe(400);
    expect((await as(mate).delete('/api/calendar/feed-token')).statusCode).toBe(204);
    expect((await ics(second)).statusCode).toBe(404);
    expect((await as(mate).delete('/api/calendar/feed-token')).statusCode).toBe(404);
    const log = await t.database.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityType', '=', 'calendar_feeds')
      .where('entityId', '=', mate.id)
      .orderBy('id')
      .execute();
    expect(log.map((e) => e.action)).toEqual(['create', 'update', 'delete']);
  });

  test('the feed follows the owner’s current permissions and account state', async () => {
    const user = await makeUser(t, { role: 'sales_rep' });
    await created<Task>(await as(user).post('/api/tasks', { title: 'Permission probe', dueAt: soon(1) }));
    const token = tokenOf((await as(user).post('/api/calendar/feed-token', {})).json().url);
    expect((await ics(token)).body).toContain('Permission probe');
    const roleId = await makeRole(t.database.db, {});
    await t.database.db.updateTable('users').set({ roleId }).where('id', '=', user.id).execute();
    const bare = await ics(token);
    expect(bare.statusCode).toBe(200);
    expect(bare.body).not.toContain('Permission probe');
    await t.database.db.updateTable('users').set({ deactivatedAt: new Date().toISOString() }).where('id', '=', user.id).execute();
    expect((await ics(token)).statusCode).toBe(404);
  });

  test('an unknown time zone is 400', async () => {
    const res = await as(rep).post('/api/calendar/feed-token', { timeZone: 'Mars/Olympus' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ timeZone: 'Unknown time zone' });
  });
});
