import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Activity } from '../../../shared/schemas/activities.js';
import type { Contact, Organization } from '../../../shared/schemas/customers.js';
import { makeTeam, makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let admin: Client;
let rep: Client;
let users: Record<'admin' | 'manager' | 'rep' | 'mate' | 'outsider', TestUser>;
let teams: Record<'region' | 'branch' | 'other', { id: string; path: string }>;
let org: Organization;
let hiddenOrg: Organization;
let people: Contact[];
let hiddenContact: Contact;

const as = (u: TestUser) => client(t.app, u.token);
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const hoursAhead = (h: number) => hoursAgo(-h);

async function created<T>(res: { statusCode: number; body: string; json(): unknown }): Promise<T> {
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as T;
}
const log = (c: Client, body: Record<string, unknown>) =>
  c.post('/api/activities', { kind: 'call', subject: 'Follow-up call', organizationId: org.id, ...body });
const count = async (table: 'activities' | 'activityContacts') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const lastActivity = async (table: 'organizations' | 'contacts', id: string) =>
  (await t.database.db.selectFrom(table).select('lastActivityAt').where('id', '=', id).executeTakeFirstOrThrow()).lastActivityAt;

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
  rep = client(t.app, users.rep.token);
  org = await created(await rep.post('/api/organizations', { name: '上海华联超市有限公司' }));
  people = [
    await created(await rep.post('/api/contacts', { name: '周杰', organizations: [{ organizationId: org.id, title: '采购经理' }] })),
    await created(await rep.post('/api/contacts', { name: '吴芳', organizations: [{ organizationId: org.id }] })),
  ];
  const outsider = as(users.outsider);
  hiddenOrg = await created(await outsider.post('/api/organizations', { name: 'Hidden Trading Co.' }));
  hiddenContact = await created(await outsider.post('/api/contacts', { name: 'Hidden Person' }));
}, 60_000);
afterAll(async () => t?.close());

describe('create', () => {
  test('a rep logs a visit with an organization and contacts: owned by them in their team, names shown, audited', async () => {
    const occurredAt = hoursAgo(3);
    const a = await created<Activity>(
      await rep.post('/api/activities', {
        kind: 'visit',
        subject: '门店拜访',
        body: '  谈了新品陈列  ',
        occurredAt,
        endsAt: hoursAgo(2),
        location: '南京东路店',
        organizationId: org.id,
        contactIds: [people[0].id, people[1].id],
      }),
    );
    expect(a).toMatchObject({
      kind: 'visit',
      subject: '门店拜访',
      occurredAt,
      location: '南京东路店',
      organizationId: org.id,
      organizationName: '上海华联超市有限公司',
      ownerId: users.rep.id,
      ownerName: '李娜',
      teamId: teams.branch.id,
      version: 1,
    });
    expect(a.contacts.map((c) => c.contactName).sort()).toEqual(['吴芳', '周杰']);
    expect((await rep.get(`/api/activities/${a.id}`)).json()).toEqual(a);
    const [entry] = (await admin.get(`/api/audit-log/records/activities/${a.id}`)).json().items;
    expect(entry).toMatchObject({ action: 'create', actorId: users.rep.id });
    expect(entry.changes.subject).toEqual({ before: null, after: '门店拜访' });
    expect(entry.changes.contactIds.after).toHaveLength(2);
  });

  test('logging a past activity moves the organization and contacts last contact forward, never back', async () => {
    const o = await created<Organization>(await rep.post('/api/organizations', { name: 'Touch Ltd' }));
    const p = await created<Contact>(await rep.post('/api/contacts', { name: 'Touch Person' }));
    const recent = hoursAgo(1);
    await created(await log(rep, { organizationId: o.id, contactIds: [p.id], occurredAt: recent }));
    expect(await lastActivity('organizations', o.id)).toBe(recent);
    expect(await lastActivity('contacts', p.id)).toBe(recent);
    const before = (await rep.get(`/api/organizations/${o.id}`)).json();
    expect(before.lastActivityAt).toBe(recent);
    // An older one does not move it back, and logging is not an edit of the organization.
    await created(await log(rep, { organizationId: o.id, contactIds: [p.id], occurredAt: hoursAgo(48) }));
    expect(await lastActivity('organizations', o.id)).toBe(recent);
    expect((await rep.get(`/api/organizations/${o.id}`)).json().version).toBe(before.version);
  });

  test('a planned meeting is not contact yet; once it is moved into the past it is', async () => {
    const o = await created<Organization>(await rep.post('/api/organizations', { name: 'Planned Ltd' }));
    const m = await created<Activity>(await log(rep, { kind: 'meeting', organizationId: o.id, occurredAt: hoursAhead(24), endsAt: hoursAhead(25) }));
    expect(await lastActivity('organizations', o.id)).toBeNull();
    const held = hoursAgo(1);
    expect((await rep.patch(`/api/activities/${m.id}`, { version: m.version, occurredAt: held, endsAt: null })).statusCode).toBe(200);
    expect(await lastActivity('organizations', o.id)).toBe(held);
  });

  test('occurredAt defaults to now and a time with an offset is stored in UTC', async () => {
    const before = new Date().toISOString();
    const a = await created<Activity>(await log(rep, {}));
    expect(a.occurredAt >= before && a.occurredAt <= new Date().toISOString()).toBe(true);
    const b = await created<Activity>(await log(rep, { occurredAt: '2025-03-01T10:30:00+08:00' }));
    expect(b.occurredAt).toBe('2025-03-01T02:30:00.000Z');
  });

  test('answers 400 naming the fields zod rejects, and writes nothing', async () => {
    const before = await count('activities');
    const res = await rep.post('/api/activities', { kind: 'fax', subject: '', occurredAt: 'yesterday', contactIds: ['nope'] });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['contactIds.0', 'kind', 'occurredAt', 'subject']);
    expect(await count('activities')).toBe(before);
  });

  test('answers 400 for a span that ends before it starts or runs too long, and for an activity linked to nothing', async () => {
    const before = await count('activities');
    const backwards = await log(rep, { kind: 'meeting', occurredAt: hoursAgo(1), endsAt: hoursAgo(2) });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields).toEqual({ endsAt: 'Ends before it starts' });
    const long = await log(rep, { kind: 'visit', occurredAt: hoursAgo(1), endsAt: hoursAhead(32 * 24) });
    expect(Object.keys(long.json().error.fields)).toEqual(['endsAt']);
    const unlinked = await rep.post('/api/activities', { kind: 'note', subject: 'About nobody' });
    expect(unlinked.statusCode).toBe(400);
    expect(unlinked.json().error.fields).toEqual({ organizationId: 'Link an organization or a contact' });
    expect(await count('activities')).toBe(before);
  });

  test('linking an organization or a contact the actor cannot see answers 400 as if it did not exist, and writes nothing', async () => {
    const before = await Promise.all([count('activities'), count('activityContacts')]);
    const res = await log(rep, { organizationId: hiddenOrg.id, contactIds: [people[0].id, hiddenContact.id, people[0].id] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ organizationId: 'No such organization', 'contactIds.1': 'No such contact', 'contactIds.2': 'Listed twice' });
    const missing = await log(rep, { organizationId: '01900000-0000-7000-8000-000000000000' });
    expect(missing.json().error.fields).toEqual({ organizationId: 'No such organization' });
    expect(await Promise.all([count('activities'), count('activityContacts')])).toEqual(before);
    expect(await lastActivity('organizations', hiddenOrg.id)).toBeNull();
  });

  test('an own-scope rep cannot log for someone else; a manager can, and the activity lands in that person’s team', async () => {
    const res = await log(rep, { ownerId: users.mate.id });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('owner_out_of_scope');
    const a = await created<Activity>(await log(as(users.manager), { ownerId: users.rep.id }));
    expect(a).toMatchObject({ ownerId: users.rep.id, teamId: teams.branch.id });
    expect((await rep.get(`/api/activities/${a.id}`)).statusCode).toBe(200);
  });

  test('a role without the create action gets 403', async () => {
    const readOnly = as(await makeUser(t, { role: 'read_only', teamId: teams.branch.id }));
    expect((await log(readOnly, {})).statusCode).toBe(403);
  });
});

describe('update and delete', () => {
  test('PATCH with the version changes fields and contacts and audits before/after; a stale version is 409', async () => {
    const a = await created<Activity>(await log(rep, { contactIds: [people[0].id] }));
    const res = await rep.patch(`/api/activities/${a.id}`, { version: 1, subject: '电话回访', body: '客户要报价', contactIds: [people[1].id] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ subject: '电话回访', body: '客户要报价', version: 2, contacts: [{ contactId: people[1].id, contactName: '吴芳' }] });
    expect((await rep.patch(`/api/activities/${a.id}`, { version: 1, subject: 'late' })).statusCode).toBe(409);
    const [entry] = (await admin.get(`/api/audit-log/records/activities/${a.id}`)).json().items;
    expect(entry.action).toBe('update');
    expect(entry.changes).toEqual({
      subject: { before: 'Follow-up call', after: '电话回访' },
      body: { before: null, after: '客户要报价' },
      contactIds: { before: [people[0].id], after: [people[1].id] },
    });
  });

  test('an edit may not link a record out of sight, but may keep one the activity already has', async () => {
    const a = await created<Activity>(await log(as(users.admin), { organizationId: hiddenOrg.id, ownerId: users.rep.id }));
    // The rep cannot see hiddenOrg, yet may edit their activity that names it.
    const kept = await rep.patch(`/api/activities/${a.id}`, { version: a.version, subject: 'Still linked' });
    expect(kept.statusCode).toBe(200);
    const swap = await rep.patch(`/api/activities/${a.id}`, { version: kept.json().version, contactIds: [hiddenContact.id] });
    expect(swap.statusCode).toBe(400);
    expect(swap.json().error.fields).toEqual({ 'contactIds.0': 'No such contact' });
    const unlink = await rep.patch(`/api/activities/${a.id}`, { version: kept.json().version, organizationId: null });
    expect(unlink.json().error.fields).toEqual({ organizationId: 'Link an organization or a contact' });
  });

  test('DELETE moves the activity to the recycle bin, from where it is restored', async () => {
    const a = await created<Activity>(await log(rep, { subject: 'To be deleted' }));
    expect((await rep.delete(`/api/activities/${a.id}`)).statusCode).toBe(204);
    expect((await rep.get(`/api/activities/${a.id}`)).statusCode).toBe(404);
    expect((await rep.get(`/api/activities?organizationId=${org.id}&limit=200`)).json().items.map((i: Activity) => i.id)).not.toContain(a.id);
    const bin = (await rep.get('/api/recycle-bin?type=activities')).json().items;
    expect(bin).toContainEqual(expect.objectContaining({ id: a.id, title: 'To be deleted' }));
    expect((await rep.post(`/api/recycle-bin/activities/${a.id}/restore`)).statusCode).toBe(204);
    expect((await rep.get(`/api/activities/${a.id}`)).statusCode).toBe(200);
    const actions = (await admin.get(`/api/audit-log/records/activities/${a.id}`)).json().items.map((e: { action: string }) => e.action);
    expect(actions.slice(0, 2)).toEqual(['restore', 'delete']);
  });
});

describe('list', () => {
  test('filters by organization, contact, kind, owner, time range and subject, newest first, with keyset pages and a total', async () => {
    const o = await created<Organization>(await rep.post('/api/organizations', { name: 'List Co' }));
    const p = await created<Contact>(await rep.post('/api/contacts', { name: 'List Person' }));
    const times = [hoursAgo(50), hoursAgo(40), hoursAgo(30), hoursAgo(20), hoursAgo(10)];
    const made: Activity[] = [];
    for (const [i, occurredAt] of times.entries()) {
      made.push(
        await created(
          await log(rep, { organizationId: o.id, kind: i % 2 ? 'visit' : 'call', subject: `Item ${i} 报价`, occurredAt, contactIds: i < 2 ? [p.id] : [] }),
        ),
      );
    }
    const ids = async (qs: string) => (await rep.get(`/api/activities${qs}`)).json().items.map((a: Activity) => a.id);
    const newest = [...made].reverse().map((a) => a.id);
    expect(await ids(`?organizationId=${o.id}`)).toEqual(newest);
    expect(await ids(`?organizationId=${o.id}&sort=occurredAt`)).toEqual([...newest].reverse());
    expect(await ids(`?contactId=${p.id}`)).toEqual([made[1].id, made[0].id]);
    expect(await ids(`?organizationId=${o.id}&kind=visit`)).toEqual([made[3].id, made[1].id]);
    expect(await ids(`?organizationId=${o.id}&from=${encodeURIComponent(times[1])}&to=${encodeURIComponent(times[3])}`)).toEqual([made[2].id, made[1].id]);
    expect(await ids(`?organizationId=${o.id}&q=${encodeURIComponent('item 4')}`)).toEqual([made[4].id]);
    expect(await ids(`?organizationId=${o.id}&ownerId=${users.mate.id}`)).toEqual([]);

    const first = (await rep.get(`/api/activities?organizationId=${o.id}&limit=2&total=true`)).json();
    expect(first.total).toBe(5);
    const second = (await rep.get(`/api/activities?organizationId=${o.id}&limit=2&cursor=${first.nextCursor}`)).json();
    const third = (await rep.get(`/api/activities?organizationId=${o.id}&limit=2&cursor=${second.nextCursor}`)).json();
    expect([...first.items, ...second.items, ...third.items].map((a: Activity) => a.id)).toEqual(newest);
    expect(third.nextCursor).toBeNull();
  });

  test('answers 400 for an unknown sort or a malformed time filter', async () => {
    expect((await rep.get('/api/activities?sort=subject')).json().error.fields.sort).toBeTruthy();
    expect((await rep.get('/api/activities?from=today')).json().error.fields.from).toBeTruthy();
  });
});
