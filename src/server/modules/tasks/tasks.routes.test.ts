import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Organization } from '../../../shared/schemas/customers.js';
import type { Task } from '../../../shared/schemas/tasks.js';
import { makeTeam, makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let admin: Client;
let rep: Client;
let manager: Client;
let users: Record<'admin' | 'manager' | 'rep' | 'mate' | 'outsider', TestUser>;
let teams: Record<'region' | 'branch' | 'other', { id: string; path: string }>;
let org: Organization;
let hiddenOrg: Organization;

const as = (u: TestUser) => client(t.app, u.token);
const DAY = 86_400_000;
const at = (iso: string, days = 0) => new Date(Date.parse(iso) + days * DAY).toISOString();

async function created<T = Task>(res: { statusCode: number; body: string; json(): unknown }): Promise<T> {
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as T;
}
const auditOf = (id: string) =>
  t.database.db.selectFrom('auditLog').selectAll().where('entityType', '=', 'tasks').where('entityId', '=', id).orderBy('id').execute();
const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const region = await makeTeam(db, '华东大区');
  teams = { region, branch: await makeTeam(db, '上海分部', region), other: await makeTeam(db, '华南大区') };
  users = {
    admin: await makeUser(t, { role: 'admin', name: 'Admin' }),
    manager: await makeUser(t, { role: 'sales_manager', teamId: teams.region.id, name: '王伟' }),
    rep: await makeUser(t, { role: 'sales_rep', teamId: teams.branch.id, name: '李娜' }),
    mate: await makeUser(t, { role: 'sales_rep', teamId: teams.branch.id, name: '张伟' }),
    outsider: await makeUser(t, { role: 'sales_rep', teamId: teams.other.id, name: '陈静' }),
  };
  admin = client(t.app, users.admin.token);
  rep = as(users.rep);
  manager = as(users.manager);
  org = await created<Organization>(await rep.post('/api/organizations', { name: '上海华联超市有限公司' }));
  hiddenOrg = await created<Organization>(await as(users.outsider).post('/api/organizations', { name: 'Hidden Trading Co.' }));
}, 60_000);
afterAll(async () => t?.close());

describe('create', () => {
  test('a rep creates a task linked to a customer: assigned to them in their team, named, audited', async () => {
    const task = await created(
      await rep.post('/api/tasks', {
        title: '  回访华联采购经理  ',
        notes: '带新品目录',
        dueAt: '2026-03-02T09:00:00+08:00',
        remindAt: '2026-03-02T08:30:00+08:00',
        priority: 'high',
        entityType: 'organizations',
        entityId: org.id,
      }),
    );
    expect(task).toMatchObject({
      title: '回访华联采购经理',
      dueAt: '2026-03-02T01:00:00.000Z',
      remindAt: '2026-03-02T00:30:00.000Z',
      remindedAt: null,
      assigneeId: users.rep.id,
      assigneeName: '李娜',
      teamId: teams.branch.id,
      priority: 'high',
      status: 'open',
      allDay: false,
      entityName: '上海华联超市有限公司',
      source: null,
      version: 1,
    });
    const log = await auditOf(task.id);
    expect(log.map((e) => e.action)).toEqual(['create']);
    expect(JSON.parse(log[0].changes as string).title.after).toBe('回访华联采购经理');
  });

  test('answers 400 naming each bad field, and writes nothing', async () => {
    const before = (await admin.get('/api/tasks?total=true')).json().total;
    const zod = await rep.post('/api/tasks', { title: '', priority: 'asap', dueAt: 'tomorrow' });
    expect(zod.statusCode).toBe(400);
    expect(Object.keys(zod.json().error.fields).sort()).toEqual(['dueAt', 'priority', 'title']);

    const rules = await rep.post('/api/tasks', { title: 'Repeat without a date', recurrence: 'FREQ=WEEKLY;INTERVAL=2' });
    expect(rules.statusCode).toBe(400);
    expect(rules.json().error.fields).toEqual({ recurrence: 'A repeating task needs a due date' });

    for (const [recurrence, message] of [
      ['FREQ=HOURLY', 'Repeat daily, weekly, monthly or yearly'],
      ['FREQ=WEEKLY;COUNT=3', 'Use UNTIL instead of COUNT'],
      ['FREQ=WEEKLY;BYDAY=XX', 'Not a recurrence rule'],
      // Rules rrule would search for until the year 9999, or forever: refused before it sees them.
      ['FREQ=DAILY;INTERVAL=-1', 'INTERVAL must be a whole number from 1 to 999'],
      ['FREQ=DAILY;INTERVAL=0', 'INTERVAL must be a whole number from 1 to 999'],
      ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', 'These months never have that day'],
      ['FREQ=DAILY;BYMONTH=4,6;BYMONTHDAY=31', 'These months never have that day'],
      ['FREQ=WEEKLY;UNTIL=20200101T000000Z', 'The rule has no future occurrence'],
      ['FREQ=WEEKLY;BYSETPOS=1', 'Use only FREQ, INTERVAL, UNTIL, BYDAY, BYMONTHDAY, BYMONTH and WKST'],
    ]) {
      const res = await rep.post('/api/tasks', { title: 'Bad rule', dueAt: '2026-03-02T01:00:00Z', recurrence });
      expect(res.statusCode, recurrence).toBe(400);
      expect(res.json().error.fields, recurrence).toEqual({ recurrence: message });
    }

    const half = await rep.post('/api/tasks', { title: 'Half a link', entityType: 'organizations' });
    expect(half.json().error.fields).toEqual({ entityId: 'Give both entityType and entityId, or neither' });
    const hidden = await rep.post('/api/tasks', { title: 'Hidden link', entityType: 'organizations', entityId: hiddenOrg.id });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().error.fields).toEqual({ entityId: 'No such record, or you cannot see it' });
    const nobody = await manager.post('/api/tasks', { title: 'To nobody', assigneeId: '01900000-0000-7000-8000-000000000000' });
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json().error.fields).toEqual({ assigneeId: 'No such user' });
    expect((await admin.get('/api/tasks?total=true')).json().total).toBe(before);
  });

  test('refuses a reminder after the due time (after the due day when all-day) and times outside 1970–2200; collapses line breaks in the title', async () => {
    const due = '2026-05-01T08:00:00.000Z';
    const late = await rep.post('/api/tasks', { title: '提醒太晚', dueAt: due, remindAt: at(due, 1 / 24) });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.fields).toEqual({ remindAt: 'The reminder is after the due time' });
    const onTime = await created(await rep.post('/api/tasks', { title: 'On time', dueAt: due, remindAt: due }));
    // Moving the due time before the reminder is refused the same way.
    const moved = await rep.patch(`/api/tasks/${onTime.id}`, { version: onTime.version, dueAt: at(due, -1) });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.fields).toEqual({ remindAt: 'The reminder is after the due time' });
    // An all-day task may be reminded during its day, not after it.
    await created(await rep.post('/api/tasks', { title: '全天拜访', dueAt: due, allDay: true, remindAt: at(due, 0.5) }));
    const afterDay = await rep.post('/api/tasks', { title: '全天拜访 太晚', dueAt: due, allDay: true, remindAt: at(due, 1.5) });
    expect(afterDay.json().error.fields).toEqual({ remindAt: 'The reminder is after the due day' });

    for (const [field, value] of [
      ['dueAt', '0001-01-01T00:00:00Z'],
      ['dueAt', '9999-12-31T00:00:00Z'],
      ['dueAt', '1969-12-31T23:59:59Z'],
      ['remindAt', '2201-01-01T00:00:00Z'],
    ]) {
      const res = await rep.post('/api/tasks', { title: 'Far away', [field]: value });
      expect(res.statusCode, value).toBe(400);
      expect(res.json().error.fields, value).toEqual({ [field]: 'Must be between the years 1970 and 2200' });
    }
    await created(await rep.post('/api/tasks', { title: 'Edge', dueAt: '2200-12-31T23:00:00Z' }));

    const titled = await created(await rep.post('/api/tasks', { title: '  回访\r\n 华联超市 \n\n 确认报价 ' }));
    expect(titled.title).toBe('回访 华联超市 确认报价');
    const renamed = await rep.patch(`/api/tasks/${titled.id}`, { version: titled.version, title: 'a\nb' });
    expect(renamed.json().title).toBe('a b');
  });

  test('an own-scope rep cannot give a task to someone else; a manager can, who then hears about it', async () => {
    const refused = await rep.post('/api/tasks', { title: 'For my mate', assigneeId: users.mate.id });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.fields).toEqual({ assigneeId: 'You can only own it yourself' });
    const given = await created(await manager.post('/api/tasks', { title: '准备报价单', assigneeId: users.mate.id }));
    expect(given).toMatchObject({ assigneeId: users.mate.id, teamId: teams.branch.id });
    const inbox = (await as(users.mate).get('/api/notifications')).json().items;
    expect(inbox[0]).toMatchObject({ kind: 'task.assigned', title: '准备报价单', link: `/tasks?open=${given.id}` });
    // The manager gave it, so the manager is not told about their own act.
    expect((await manager.get('/api/notifications')).json().items).toEqual([]);
  });
});

describe('list', () => {
  let listed: Record<string, Task>;
  const base = '2031-01-10T00:00:00.000Z';

  beforeAll(async () => {
    const mate = as(users.mate);
    listed = {
      first: await created(await rep.post('/api/tasks', { title: 'L first', dueAt: at(base, 1), entityType: 'organizations', entityId: org.id })),
      second: await created(await rep.post('/api/tasks', { title: 'L second', dueAt: at(base, 2), priority: 'urgent' })),
      third: await created(await rep.post('/api/tasks', { title: 'L third', dueAt: at(base, 3), status: 'in_progress' })),
      noDate: await created(await rep.post('/api/tasks', { title: 'L no date' })),
      done: await created(await rep.post('/api/tasks', { title: 'L done', dueAt: at(base, 2), status: 'done' })),
      mates: await created(await mate.post('/api/tasks', { title: 'L mate', dueAt: at(base, 1) })),
    };
  });

  const list = async (c: Client, qs: string) => {
    const res = await c.get(`/api/tasks?${qs}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  test('filters by assignee, status, priority, due range, linked record and title', async () => {
    const mine = await list(rep, 'mine=true&q=L%20&total=true');
    expect(ids(mine)).toEqual([listed.first, listed.second, listed.done, listed.third, listed.noDate].map((x) => x.id));
    expect(mine.total).toBe(5);
    expect(ids(await list(manager, `assigneeId=${users.mate.id}&q=L%20`))).toEqual([listed.mates.id]);
    expect(ids(await list(rep, 'mine=true&q=L%20&status=open,in_progress'))).toEqual(
      [listed.first, listed.second, listed.third, listed.noDate].map((x) => x.id),
    );
    expect(ids(await list(rep, 'q=L%20&priority=urgent'))).toEqual([listed.second.id]);
    expect(ids(await list(rep, `mine=true&dueFrom=${at(base, 2)}&dueTo=${at(base, 3)}`))).toEqual([listed.second.id, listed.done.id]);
    // A task without a due date falls in no range, however wide.
    expect(ids(await list(rep, `mine=true&q=L%20&dueFrom=${at(base, -1)}&dueTo=9999-12-31T23:00:00Z`))).not.toContain(listed.noDate.id);
    expect(ids(await list(rep, `entityType=organizations&entityId=${org.id}&q=L%20`))).toEqual([listed.first.id]);
    const overdue = await list(rep, 'mine=true&overdue=true');
    expect(ids(overdue)).not.toContain(listed.first.id);
  });

  test('sorts by due date (no date last), descending too, and by creation; keyset pages repeat and skip nothing', async () => {
    const all = [listed.first, listed.second, listed.done, listed.third, listed.noDate].map((x) => x.id);
    expect(ids(await list(rep, 'mine=true&q=L%20&sort=-dueAt'))).toEqual([...all].reverse());
    expect(ids(await list(rep, 'mine=true&q=L%20&sort=createdAt'))).toEqual(
      [listed.first, listed.second, listed.third, listed.noDate, listed.done].map((x) => x.id),
    );
    for (const sort of ['dueAt', '-dueAt', '-updatedAt']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Task[]; nextCursor: string | null } = await list(rep, `mine=true&q=L%20&limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...ids(page));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.length, sort).toBe(5);
      expect(new Set(seen), sort).toEqual(new Set(all));
    }
  });

  test('answers 400 for an unknown sort, status or malformed range', async () => {
    for (const qs of ['sort=title', 'status=open,finished', 'dueFrom=yesterday', 'entityType=deals']) {
      const res = await rep.get(`/api/tasks?${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect(res.json().error.code, qs).toBeTruthy();
    }
  });
});

describe('update, complete, delete', () => {
  test('PATCH with the version changes fields and audits before/after; a stale version is 409 and changes nothing', async () => {
    const task = await created(await rep.post('/api/tasks', { title: 'Call back', priority: 'low' }));
    const res = await rep.patch(`/api/tasks/${task.id}`, { version: 1, title: 'Call back today', priority: 'high', dueAt: '2031-02-01T02:00:00Z' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ title: 'Call back today', priority: 'high', version: 2, dueAt: '2031-02-01T02:00:00.000Z' });
    const stale = await rep.patch(`/api/tasks/${task.id}`, { version: 1, title: 'Lost' });
    expect(stale.statusCode).toBe(409);
    expect((await rep.get(`/api/tasks/${task.id}`)).json()).toMatchObject({ title: 'Call back today', version: 2 });
    const log = await auditOf(task.id);
    expect(log.map((e) => e.action)).toEqual(['create', 'update']);
    expect(JSON.parse(log[1].changes as string)).toMatchObject({
      title: { before: 'Call back', after: 'Call back today' },
      priority: { before: 'low', after: 'high' },
    });
  });

  test('completing a task that repeats every 2 weeks creates the next occurrence once, with the reminder as far ahead', async () => {
    const dueAt = '2031-03-03T01:00:00.000Z';
    const task = await created(
      await rep.post('/api/tasks', {
        title: '双周拜访',
        dueAt,
        remindAt: '2031-03-02T01:00:00Z',
        recurrence: 'RRULE:FREQ=WEEKLY;INTERVAL=2',
        entityType: 'organizations',
        entityId: org.id,
      }),
    );
    expect(task.recurrence).toBe('FREQ=WEEKLY;INTERVAL=2');
    const done = await rep.patch(`/api/tasks/${task.id}`, { version: 1, status: 'done' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().completedAt).toBeTruthy();
    const series = (await rep.get(`/api/tasks?q=${encodeURIComponent('双周拜访')}&sort=dueAt`)).json().items as Task[];
    expect(series).toHaveLength(2);
    expect(series[1]).toMatchObject({
      status: 'open',
      dueAt: '2031-03-17T01:00:00.000Z',
      remindAt: '2031-03-16T01:00:00.000Z',
      recurrence: 'FREQ=WEEKLY;INTERVAL=2',
      entityId: org.id,
      assigneeId: users.rep.id,
    });
    expect((await auditOf(series[1].id)).map((e) => [e.action, JSON.parse(e.meta as string)])).toEqual([['create', { recurrenceOf: task.id }]]);
    // Reopened and completed again: the next occurrence exists already.
    const reopened = await rep.patch(`/api/tasks/${task.id}`, { version: done.json().version, status: 'open' });
    await rep.patch(`/api/tasks/${task.id}`, { version: reopened.json().version, status: 'done' });
    expect((await rep.get(`/api/tasks?q=${encodeURIComponent('双周拜访')}`)).json().items).toHaveLength(2);
  });

  test('a repeat rule that has ended (UNTIL) creates no further occurrence', async () => {
    const task = await created(
      await rep.post('/api/tasks', { title: 'Last of a series', dueAt: '2031-04-01T01:00:00Z', recurrence: 'FREQ=DAILY;UNTIL=20310401T235959Z' }),
    );
    expect((await rep.patch(`/api/tasks/${task.id}`, { version: 1, status: 'done' })).statusCode).toBe(200);
    expect((await rep.get('/api/tasks?q=Last%20of%20a%20series')).json().items).toHaveLength(1);
  });

  test('DELETE moves the task to the recycle bin, from where it is restored; both audited', async () => {
    const task = await created(await rep.post('/api/tasks', { title: 'Binned task' }));
    expect((await rep.delete(`/api/tasks/${task.id}`)).statusCode).toBe(204);
    expect((await rep.get(`/api/tasks/${task.id}`)).statusCode).toBe(404);
    expect(ids((await rep.get('/api/tasks?q=Binned')).json())).toEqual([]);
    const bin = (await rep.get('/api/recycle-bin?type=tasks')).json();
    expect(bin.items.map((i: { id: string; title: string }) => [i.id, i.title])).toContainEqual([task.id, 'Binned task']);
    const row = await t.database.db.selectFrom('tasks').select('deletedAt').where('id', '=', task.id).executeTakeFirstOrThrow();
    expect(row.deletedAt).toBeTruthy();
    expect((await rep.post(`/api/recycle-bin/tasks/${task.id}/restore`)).statusCode).toBe(204);
    expect((await rep.get(`/api/tasks/${task.id}`)).json()).toMatchObject({ title: 'Binned task', version: 3 });
    expect((await auditOf(task.id)).map((e) => e.action)).toEqual(['create', 'delete', 'restore']);
  });

  test('a read-only role may list but not create, edit or delete', async () => {
    const viewer = as(await makeUser(t, { role: 'read_only', teamId: teams.branch.id }));
    const task = await created(await rep.post('/api/tasks', { title: 'Look, do not touch' }));
    expect((await viewer.get('/api/tasks')).statusCode).toBe(200);
    expect((await viewer.post('/api/tasks', { title: 'x' })).statusCode).toBe(403);
    expect((await viewer.patch(`/api/tasks/${task.id}`, { version: 1, title: 'x' })).statusCode).toBe(403);
    expect((await viewer.delete(`/api/tasks/${task.id}`)).statusCode).toBe(403);
  });
});

describe('hostile input', () => {
  test('garbage bodies, ids and cursors answer 4xx with an error code, never 500', async () => {
    const bodies: unknown[] = [
      null,
      [],
      'text',
      42,
      { title: { nested: true } },
      { title: 'x'.repeat(10_000) },
      { title: 'ok', dueAt: '2031-02-30T00:00:00Z' },
      { title: 'ok', entityId: 'nope' },
    ];
    for (const url of ['/api/tasks', '/api/calendar/feed-token']) {
      for (const body of bodies) {
        const res = await t.app.inject({
          method: 'POST',
          url,
          headers: { authorization: `Bearer ${users.rep.token}`, 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        });
        if (url === '/api/calendar/feed-token' && res.statusCode === 200) continue; // extra keys are ignored there
        expect(res.statusCode, `${url} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${url} ${JSON.stringify(body)}`).toBeLessThan(500);
        expect(res.json().error.code).toBeTruthy();
      }
    }
    for (const id of ['1', "' or 1=1 --", 'ffffffff-ffff-ffff-ffff-ffffffffffff']) {
      expect([400, 404]).toContain((await rep.get(`/api/tasks/${encodeURIComponent(id)}`)).statusCode);
      expect([400, 404]).toContain((await rep.post(`/api/notifications/${encodeURIComponent(id)}/read`)).statusCode);
    }
    for (const values of [
      ['garbage', 'x'],
      [12345, 'x'],
      ['2020-13-45T00:00:00Z', '01900000-0000-7000-8000-000000000000'],
    ]) {
      const cursor = Buffer.from(JSON.stringify(values)).toString('base64url');
      expect((await rep.get(`/api/tasks?sort=createdAt&cursor=${cursor}`)).statusCode, JSON.stringify(values)).toBeLessThan(500);
      expect((await rep.get(`/api/notifications?cursor=${cursor}`)).statusCode, JSON.stringify(values)).toBeLessThan(500);
    }
  });
});
