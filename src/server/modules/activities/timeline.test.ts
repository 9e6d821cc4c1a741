import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Activity, TimelineItem } from '../../../shared/schemas/activities.js';
import type { Contact, Organization } from '../../../shared/schemas/customers.js';
import { resolveCredential } from '../../platform/auth/sessions.js';
import type { Ctx } from '../../platform/context.js';
import { makeRole, makeTeam, makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';
import { activitiesService } from './activities.service.js';

let t: TestApp;
let rep: Client;
let users: Record<'admin' | 'manager' | 'rep' | 'mate' | 'outsider', TestUser>;
let branch: { id: string; path: string };

const as = (u: TestUser) => client(t.app, u.token);
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

async function created<T>(res: { statusCode: number; body: string; json(): unknown }): Promise<T> {
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as T;
}

/** The service context a request of this user would get. */
async function ctxOf(u: TestUser): Promise<Ctx> {
  const id = await resolveCredential(t.database.db, t.config, u.token);
  if (!id) throw new Error('no identity');
  return { db: t.database.db, config: t.config, actor: { userId: id.userId, teamId: id.teamId, teamPath: id.teamPath, permissions: id.permissions, ip: null } };
}

const describeItem = (i: TimelineItem) =>
  i.type === 'activity' ? `activity:${i.activity.subject}` : i.type === 'change' ? `change:${i.change.action}` : `lifecycle:${i.transition.toStatus}`;

async function allPages(c: Client, qs: string, limit: number): Promise<TimelineItem[]> {
  const items: TimelineItem[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const res = await c.get(`/api/activities/timeline?${qs}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('too many pages');
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const region = await makeTeam(db, 'Region');
  branch = await makeTeam(db, 'Branch', region);
  const other = await makeTeam(db, 'Other');
  users = {
    admin: await makeUser(t, { role: 'admin', name: 'Admin' }),
    manager: await makeUser(t, { role: 'sales_manager', teamId: region.id, name: '王伟' }),
    rep: await makeUser(t, { role: 'sales_rep', teamId: branch.id, name: '李娜' }),
    mate: await makeUser(t, { role: 'sales_rep', teamId: branch.id, name: '张伟' }),
    outsider: await makeUser(t, { role: 'sales_rep', teamId: other.id, name: '陈静' }),
  };
  rep = as(users.rep);
}, 60_000);
afterAll(async () => t?.close());

describe('timeline', () => {
  let org: Organization;
  let person: Contact;

  beforeAll(async () => {
    org = await created(await rep.post('/api/organizations', { name: 'Timeline Co' }));
    person = await created(await rep.post('/api/contacts', { name: '周杰', organizations: [{ organizationId: org.id }] }));
    await created(
      await rep.post('/api/activities', { kind: 'visit', subject: 'First visit', occurredAt: hoursAgo(48), organizationId: org.id, contactIds: [person.id] }),
    );
    await created(await rep.post('/api/activities', { kind: 'note', subject: 'About the person', contactIds: [person.id], occurredAt: hoursAgo(24) }));
    const res = await rep.patch(`/api/organizations/${org.id}`, { version: org.version, lifecycleStatus: 'intended', lifecycleReason: '有采购意向' });
    expect(res.statusCode).toBe(200);
    await created(await rep.post('/api/activities', { kind: 'meeting', subject: 'Planned meeting', occurredAt: hoursAgo(-24), organizationId: org.id }));
  });

  test('mixes activities, changes and lifecycle steps of an organization, newest first, with names', async () => {
    const { items, nextCursor } = (await rep.get(`/api/activities/timeline?organizationId=${org.id}`)).json();
    expect(nextCursor).toBeNull();
    expect(items.map(describeItem)).toEqual([
      'activity:Planned meeting',
      'change:update',
      'lifecycle:intended',
      'change:create',
      'lifecycle:potential',
      'activity:First visit',
    ]);
    const lifecycle = items.find((i: TimelineItem) => i.type === 'lifecycle' && i.transition.toStatus === 'intended');
    expect(lifecycle.transition).toMatchObject({ fromStatus: 'potential', reason: '有采购意向', actorName: '李娜' });
    const change = items.find((i: TimelineItem) => i.type === 'change');
    expect(change.change).toMatchObject({ actorName: '李娜', entityType: 'organizations', entityId: org.id });
    const visit = items.at(-1) as Extract<TimelineItem, { type: 'activity' }>;
    expect(visit.activity).toMatchObject({ ownerName: '李娜', contacts: [{ contactId: person.id, contactName: '周杰' }] });
  });

  test('pages of any size add up to the whole stream, without gaps or repeats', async () => {
    const whole = (await rep.get(`/api/activities/timeline?organizationId=${org.id}&limit=100`)).json().items;
    for (const limit of [1, 2, 4]) {
      expect((await allPages(rep, `organizationId=${org.id}`, limit)).map((i) => i.id)).toEqual(whole.map((i: TimelineItem) => i.id));
    }
  });

  test("a contact's timeline has its activities and its own changes", async () => {
    const items = await allPages(rep, `contactId=${person.id}`, 2);
    // The contact was created now; the activities were logged as having happened before.
    expect(items.map(describeItem)).toEqual(['change:create', 'activity:About the person', 'activity:First visit']);
  });

  test('shows activities only within the actor’s activities scope, and none without activities permission', async () => {
    const rep2 = await makeUser(t, {
      roleId: await makeRole(t.database.db, { organizations: { actions: ['read'], scope: 'all' }, activities: { actions: ['read', 'create'], scope: 'own' } }),
      teamId: branch.id,
    });
    await created(await as(rep2).post('/api/activities', { kind: 'call', subject: 'My own call', organizationId: org.id, occurredAt: hoursAgo(1) }));
    const seen = (await as(rep2).get(`/api/activities/timeline?organizationId=${org.id}`)).json().items.map(describeItem);
    expect(seen.filter((s: string) => s.startsWith('activity:'))).toEqual(['activity:My own call']);
    expect(seen).toContain('change:update');

    const noActivities = await makeUser(t, {
      roleId: await makeRole(t.database.db, { organizations: { actions: ['read'], scope: 'all' } }),
      teamId: branch.id,
    });
    const items = (await as(noActivities).get(`/api/activities/timeline?organizationId=${org.id}`)).json().items.map(describeItem);
    expect(items).toEqual(['change:update', 'lifecycle:intended', 'change:create', 'lifecycle:potential']);

    const manager = (await as(users.manager).get(`/api/activities/timeline?organizationId=${org.id}`)).json().items.map(describeItem);
    expect(manager).toEqual(expect.arrayContaining(['activity:First visit', 'activity:My own call', 'activity:Planned meeting']));
  });

  test('answers 404 for a record out of sight, 403 without the record’s module, 400 for a bad query', async () => {
    expect((await as(users.outsider).get(`/api/activities/timeline?organizationId=${org.id}`)).statusCode).toBe(404);
    expect((await as(users.outsider).get(`/api/activities/timeline?contactId=${person.id}`)).statusCode).toBe(404);
    const none = as(await makeUser(t, { roleId: await makeRole(t.database.db, {}), teamId: branch.id }));
    expect((await none.get(`/api/activities/timeline?organizationId=${org.id}`)).statusCode).toBe(403);
    const both = await rep.get(`/api/activities/timeline?organizationId=${org.id}&contactId=${person.id}`);
    expect(both.statusCode).toBe(400);
    expect(both.json().error.fields.organizationId).toBeTruthy();
    expect((await rep.get('/api/activities/timeline')).statusCode).toBe(400);
    const bad = await rep.get(`/api/activities/timeline?organizationId=${org.id}&cursor=nonsense`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.cursor).toBeTruthy();
  });
});

describe('calendar items', () => {
  test("one person's meetings, visits and calls overlapping the range, oldest first, within the actor's scope", async () => {
    const o = await created<Organization>(await rep.post('/api/organizations', { name: '日历客户' }));
    const mk = (c: Client, body: Record<string, unknown>) => c.post('/api/activities', { organizationId: o.id, ...body });
    const day = (h: number) => new Date(Date.UTC(2030, 0, 10, h)).toISOString();
    const meeting = await created<Activity>(await mk(rep, { kind: 'meeting', subject: 'Meeting', occurredAt: day(2), endsAt: day(3) }));
    const trip = await created<Activity>(await mk(rep, { kind: 'visit', subject: 'Trip', occurredAt: day(-48), endsAt: day(1) }));
    const call = await created<Activity>(await mk(rep, { kind: 'call', subject: 'Call', occurredAt: day(7) }));
    await created(await mk(rep, { kind: 'note', subject: 'Note', occurredAt: day(5) }));
    await created(await mk(rep, { kind: 'meeting', subject: 'Earlier', occurredAt: day(-10), endsAt: day(-9) }));
    await created(await mk(rep, { kind: 'meeting', subject: 'Tomorrow', occurredAt: day(24) }));
    const mates = await created<Activity>(await mk(as(users.manager), { kind: 'meeting', subject: "Mate's", occurredAt: day(4), ownerId: users.mate.id }));

    const items = await activitiesService.calendarItems(await ctxOf(users.rep), day(0), day(24));
    expect(items.map((i) => i.id)).toEqual([trip.id, meeting.id, call.id]);
    expect(items[1]).toEqual({
      id: meeting.id,
      kind: 'meeting',
      subject: 'Meeting',
      startsAt: day(2),
      endsAt: day(3),
      organizationId: o.id,
      organizationName: '日历客户',
    });
    expect(await activitiesService.calendarItems(await ctxOf(users.rep), day(0), day(24), { ownerId: users.mate.id })).toEqual([]);
    const managerView = await activitiesService.calendarItems(await ctxOf(users.manager), day(0), day(24), { ownerId: users.mate.id });
    expect(managerView.map((i) => i.id)).toEqual([mates.id]);
    await expect(activitiesService.calendarItems(await ctxOf(users.rep), 'someday', day(24))).rejects.toMatchObject({
      status: 400,
      fields: { from: 'Not a valid time' },
    });
  });
});

describe('merge hook', () => {
  test('moves organizations’ activities (recycle bin too) and contacts’ links to the survivor, keeping one link where both were linked', async () => {
    const admin = as(users.admin);
    const [source, target] = [
      await created<Organization>(await admin.post('/api/organizations', { name: 'Dup Ltd' })),
      await created<Organization>(await admin.post('/api/organizations', { name: 'Dup Limited' })),
    ];
    const [cSource, cTarget] = [
      await created<Contact>(await admin.post('/api/contacts', { name: 'Dup A' })),
      await created<Contact>(await admin.post('/api/contacts', { name: 'Dup B' })),
    ];
    const when = hoursAgo(5);
    const kept = await created<Activity>(await admin.post('/api/activities', { kind: 'call', subject: 'Kept', organizationId: source.id, occurredAt: when }));
    const binned = await created<Activity>(
      await admin.post('/api/activities', { kind: 'note', subject: 'Binned', organizationId: source.id, occurredAt: hoursAgo(9) }),
    );
    expect((await admin.delete(`/api/activities/${binned.id}`)).statusCode).toBe(204);
    const both = await created<Activity>(
      await admin.post('/api/activities', { kind: 'visit', subject: 'Both', contactIds: [cSource.id, cTarget.id], occurredAt: hoursAgo(7) }),
    );
    const one = await created<Activity>(await admin.post('/api/activities', { kind: 'email', subject: 'One', contactIds: [cSource.id], occurredAt: when }));

    const ctx = await ctxOf(users.admin);
    await t.database.db.transaction().execute(async (trx) => {
      await activitiesService.moveOnMerge(trx, ctx, { type: 'organizations', sourceId: source.id, targetId: target.id });
      await activitiesService.moveOnMerge(trx, ctx, { type: 'contacts', sourceId: cSource.id, targetId: cTarget.id });
    });

    const db = t.database.db;
    const rows = await db.selectFrom('activities').select(['id', 'organizationId', 'version']).where('id', 'in', [kept.id, binned.id]).execute();
    expect(rows.every((r) => r.organizationId === target.id)).toBe(true);
    expect(rows.find((r) => r.id === kept.id)?.version).toBe(kept.version + 1);
    const links = await db.selectFrom('activityContacts').selectAll().where('activityId', 'in', [both.id, one.id]).orderBy('activityId').execute();
    expect(links).toEqual(
      expect.arrayContaining([
        { activityId: both.id, contactId: cTarget.id },
        { activityId: one.id, contactId: cTarget.id },
      ]),
    );
    expect(links).toHaveLength(2);
    const lastOf = async (table: 'organizations' | 'contacts', id: string) =>
      (await db.selectFrom(table).select('lastActivityAt').where('id', '=', id).executeTakeFirstOrThrow()).lastActivityAt;
    expect(await lastOf('organizations', target.id)).toBe(when);
    expect(await lastOf('contacts', cTarget.id)).toBe(when);
    expect((await admin.get(`/api/activities?organizationId=${target.id}`)).json().items.map((a: Activity) => a.id)).toEqual([kept.id]);
  });
});
