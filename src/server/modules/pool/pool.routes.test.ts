import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Organization } from '../../../shared/schemas/customers.js';
import { makeOrganization } from '../../test/customerFactories.js';
import { makeTeam, makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';
import { runPoolRule } from './pool.rule.js';

let t: TestApp;
let admin: Client;
let manager: Client;
let rep: Client;
let mate: Client;
let users: Record<'admin' | 'manager' | 'rep' | 'mate' | 'outsider' | 'regionRep', TestUser>;
let teams: Record<'region' | 'branch' | 'other', { id: string; path: string }>;

const DAY_MS = 86_400_000;
const OFF = { noActivityDays: null, noDealDays: null, warnDays: null };
const ALL_OFF = { key: OFF, A: OFF, B: OFF, C: OFF, none: OFF };

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
    regionRep: await makeUser(t, { role: 'sales_rep', teamId: teams.region.id, name: '刘洋' }),
  };
  admin = client(t.app, users.admin.token);
  manager = client(t.app, users.manager.token);
  rep = client(t.app, users.rep.token);
  mate = client(t.app, users.mate.token);
}, 60_000);
afterAll(async () => t?.close());
beforeEach(async () => {
  // Every test states the rules it needs; none inherits another's.
  expect((await put(users.admin, '/api/settings/pool', { maxHeldPerRep: null, tiers: ALL_OFF })).statusCode).toBe(200);
});

const as = (u: TestUser) => client(t.app, u.token);
const put = (u: TestUser, url: string, body: object) => t.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${u.token}` }, payload: body });

/** An organization in the pool of `member`'s team: given to them, then released by an administrator. */
async function pooled(member: TestUser, fields: Record<string, unknown> = {}): Promise<Organization> {
  const org = await makeOrganization(t, { ownerId: member.id, ...fields });
  const res = await admin.patch(`/api/organizations/${org.id}`, { version: org.version, ownerId: null });
  expect(res.statusCode).toBe(200);
  return res.json();
}

const poolIds = async (c: Client, qs = '') => {
  const res = await c.get(`/api/pool/organizations?limit=200${qs}`);
  expect(res.statusCode).toBe(200);
  return res.json().items.map((i: { id: string }) => i.id) as string[];
};

const eventsOf = async (id: string) => (await admin.get(`/api/organizations/${id}/pool-events`)).json().items as { kind: string; reason: string | null }[];

/** Test set-up only: pretends the hold began earlier (activities in the future do not count as contact). */
const holdSince = (ids: string[], at: string) => t.database.db.updateTable('organizations').set({ ownedSince: at }).where('id', 'in', ids).execute();

const row = (id: string) => t.database.db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('browsing the pool', () => {
  test("a rep sees their own team's pool, the parent teams' pools and the company pool, but never another team's or a sub-team's", async () => {
    const branch = await pooled(users.mate, { name: 'Branch pool 公海' });
    const region = await pooled(users.manager, { name: 'Region pool' });
    const other = await pooled(users.outsider, { name: 'Other pool' });
    const company = (await admin.post('/api/organizations', { name: 'Company pool', ownerId: null })).json();
    expect(company.teamId).toBeNull();

    const seen = await poolIds(rep);
    expect(seen).toEqual(expect.arrayContaining([branch.id, region.id, company.id]));
    expect(seen).not.toContain(other.id);
    // A rep of the region does not reach down into the branch's pool.
    const regionSeen = await poolIds(as(users.regionRep));
    expect(regionSeen).toEqual(expect.arrayContaining([region.id, company.id]));
    expect(regionSeen).not.toContain(branch.id);
    // The manager's team scope covers the branch's pool too.
    expect(await poolIds(manager)).toEqual(expect.arrayContaining([branch.id, region.id, company.id]));
    // Browsing the pool does not open the full record to an own-scope rep.
    expect((await rep.get(`/api/organizations/${branch.id}`)).statusCode).toBe(404);
    expect((await as(users.outsider).get(`/api/organizations/${branch.id}/pool-events`)).statusCode).toBe(404);
    expect((await rep.get(`/api/organizations/${branch.id}/pool-events`)).statusCode).toBe(200);
  });

  test('filters by name and tier, pages with a keyset cursor, and answers 400 for a bad sort or cursor', async () => {
    const made = [];
    for (const [i, tier] of (['A', 'A', 'B', null] as const).entries()) made.push(await pooled(users.mate, { name: `Paging 分页 ${i}`, tier }));
    const all = await poolIds(rep, '&q=分页');
    expect(all.sort()).toEqual(made.map((o) => o.id).sort());
    expect((await poolIds(rep, '&q=分页&tier=A')).sort()).toEqual([made[0].id, made[1].id].sort());
    expect(await poolIds(rep, '&q=分页&tier=none')).toEqual([made[3].id]);
    const walked: string[] = [];
    let url = '/api/pool/organizations?q=%E5%88%86%E9%A1%B5&limit=3&sort=name';
    for (;;) {
      const page = (await rep.get(url)).json();
      walked.push(...page.items.map((i: { name: string }) => i.name));
      if (!page.nextCursor) break;
      url = `/api/pool/organizations?q=%E5%88%86%E9%A1%B5&limit=3&sort=name&cursor=${page.nextCursor}`;
    }
    expect(walked).toEqual(['Paging 分页 0', 'Paging 分页 1', 'Paging 分页 2', 'Paging 分页 3']);
    const bad = await rep.get('/api/pool/organizations?sort=ownerId');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('sort');
    expect((await rep.get('/api/pool/organizations?cursor=garbage')).statusCode).toBe(400);
    expect((await rep.get('/api/pool/organizations?tier=Z')).json().error.fields).toHaveProperty('tier');
  });
});

describe('claiming', () => {
  test('a rep claims a pool organization: they own it in their team, it leaves the pool, and the claim is recorded and audited', async () => {
    const org = await pooled(users.manager, { name: 'Claim me 领取' });
    const before = (await rep.get('/api/pool/summary')).json();
    const res = await rep.post(`/api/organizations/${org.id}/claim`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: org.id, ownerId: users.rep.id, teamId: teams.branch.id, version: org.version + 1 });
    expect((await rep.get(`/api/organizations/${org.id}`)).statusCode).toBe(200);
    expect(await poolIds(rep)).not.toContain(org.id);
    expect((await rep.get('/api/pool/summary')).json()).toEqual({ held: before.held + 1, limit: null });
    expect((await eventsOf(org.id))[0]).toMatchObject({
      kind: 'claim',
      actorId: users.rep.id,
      toOwnerId: users.rep.id,
      toOwnerName: '李娜',
      teamId: teams.region.id,
    });
    const history = (await admin.get(`/api/audit-log/records/organizations/${org.id}`)).json().items;
    expect(history[0]).toMatchObject({ action: 'update', actorId: users.rep.id, meta: { pool: 'claim' } });
    expect((await row(org.id)).ownedSince).not.toBeNull();
  });

  test("after a claim the rep's history and timeline name the team the record came from, which she cannot otherwise see (names only)", async () => {
    const org = await pooled(users.manager, { name: 'Named teams 团队名' });
    expect((await rep.post(`/api/organizations/${org.id}/claim`)).statusCode).toBe(200);
    expect([403, 404]).toContain((await rep.get(`/api/teams/${teams.region.id}`)).statusCode);

    const history = (await rep.get(`/api/audit-log/records/organizations/${org.id}`)).json().items;
    expect(history[0].changes.teamId).toEqual({ before: teams.region.id, after: teams.branch.id });
    expect(history[0].names).toEqual({ [teams.region.id]: '华东大区', [teams.branch.id]: '上海分部', [users.rep.id]: '李娜' });
    const timeline = (await rep.get(`/api/activities/timeline?organizationId=${org.id}`)).json().items;
    const claim = timeline.find((i: { type: string; change?: { meta: unknown } }) => i.type === 'change' && i.change?.meta);
    expect(claim.change.names[teams.region.id]).toBe('华东大区');
  });

  test('claiming an organization someone owns answers 409 when the caller can see it and 404 when they cannot; another team’s pool is 404', async () => {
    const owned = await makeOrganization(t, { ownerId: users.mate.id });
    const res = await manager.post(`/api/organizations/${owned.id}/claim`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('not_in_pool');
    expect((await rep.post(`/api/organizations/${owned.id}/claim`)).statusCode).toBe(404);
    const other = await pooled(users.outsider);
    expect((await rep.post(`/api/organizations/${other.id}/claim`)).statusCode).toBe(404);
    expect((await row(other.id)).ownerId).toBeNull();
    expect((await rep.post('/api/organizations/not-an-id/claim')).statusCode).toBe(400);
  });

  test('of two concurrent claims of one organization exactly one wins; the other gets 409 already_claimed', async () => {
    const org = await pooled(users.rep);
    const results = await Promise.all([rep.post(`/api/organizations/${org.id}/claim`), mate.post(`/api/organizations/${org.id}/claim`)]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409]);
    const loser = results.find((r) => r.statusCode === 409);
    expect(loser?.json().error.code).toBe('already_claimed');
    const winner = results.find((r) => r.statusCode === 200)?.json();
    expect((await row(org.id)).ownerId).toBe(winner.ownerId);
    expect((await eventsOf(org.id)).filter((e) => e.kind === 'claim')).toHaveLength(1);
  });

  test('the per-person limit refuses a claim with 409 pool_limit_reached, also when claims race', async () => {
    const held = (await mate.get('/api/pool/summary')).json().held;
    expect((await put(users.admin, '/api/settings/pool', { maxHeldPerRep: held + 1, tiers: ALL_OFF })).statusCode).toBe(200);
    const [a, b, c] = [await pooled(users.rep), await pooled(users.rep), await pooled(users.rep)];
    const raced = await Promise.all([mate.post(`/api/organizations/${a.id}/claim`), mate.post(`/api/organizations/${b.id}/claim`)]);
    expect(raced.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(raced.find((r) => r.statusCode === 409)?.json().error.code).toBe('pool_limit_reached');
    const again = await mate.post(`/api/organizations/${c.id}/claim`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('pool_limit_reached');
    expect((await mate.get('/api/pool/summary')).json()).toEqual({ held: held + 1, limit: held + 1 });
    // Releasing one makes room again.
    const mine = raced.find((r) => r.statusCode === 200)?.json() as Organization;
    expect((await mate.post(`/api/organizations/${mine.id}/release`, { reason: 'Not my region' })).statusCode).toBe(200);
    expect((await mate.post(`/api/organizations/${c.id}/claim`)).statusCode).toBe(200);
  });

  test('a role without organizations update may browse but not claim (403)', async () => {
    const reader = await makeUser(t, { role: 'read_only', teamId: teams.branch.id });
    const org = await pooled(users.rep);
    expect(await poolIds(as(reader))).toContain(org.id);
    expect((await as(reader).post(`/api/organizations/${org.id}/claim`)).statusCode).toBe(403);
    const none = await makeUser(t, { role: 'marketing', teamId: teams.branch.id });
    expect((await as(none).post(`/api/organizations/${org.id}/release`, { reason: 'x' })).statusCode).toBe(403);
  });
});

describe('in the pool since', () => {
  test('the list shows and sorts by when a record entered the pool, not its last edit; a claim clears it', async () => {
    const first = await pooled(users.mate, { name: 'Since 入池 first' });
    const second = await pooled(users.mate, { name: 'Since 入池 second' });
    const firstPooledAt = (await row(first.id)).pooledAt as string;
    expect(firstPooledAt).toBe(first.updatedAt);
    // An edit of a pool record is not a new entry into the pool.
    const edited = await admin.patch(`/api/organizations/${first.id}`, { version: first.version, industry: '制造业' });
    expect(edited.statusCode).toBe(200);
    const items = (await rep.get('/api/pool/organizations?q=入池')).json().items as { id: string; pooledAt: string; updatedAt: string }[];
    expect(items.map((i) => i.id)).toEqual([second.id, first.id]);
    expect(items[1]).toMatchObject({ pooledAt: firstPooledAt, updatedAt: edited.json().updatedAt });
    expect(items[1].updatedAt > items[1].pooledAt).toBe(true);
    expect((await rep.get('/api/pool/organizations?q=入池&sort=pooledAt')).json().items.map((i: { id: string }) => i.id)).toEqual([first.id, second.id]);
    expect((await rep.post(`/api/organizations/${first.id}/claim`)).statusCode).toBe(200);
    expect((await row(first.id)).pooledAt).toBeNull();
  });
});

describe('releasing', () => {
  test("the owner releases with a reason: the organization goes to its team's pool, and the release is recorded and audited", async () => {
    const org = await makeOrganization(t, { ownerId: users.rep.id, name: 'Release me' });
    const missing = await rep.post(`/api/organizations/${org.id}/release`, { reason: '  ' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toHaveProperty('reason');
    const res = await rep.post(`/api/organizations/${org.id}/release`, { reason: '客户已转向竞争对手' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      kind: 'release',
      fromOwnerId: users.rep.id,
      fromOwnerName: '李娜',
      teamId: teams.branch.id,
      reason: '客户已转向竞争对手',
    });
    const after = await row(org.id);
    expect(after).toMatchObject({ ownerId: null, teamId: teams.branch.id, ownedSince: null, version: org.version + 1 });
    expect(after.pooledAt).toBe(res.json().at);
    expect(await poolIds(mate)).toContain(org.id);
    const history = (await admin.get(`/api/audit-log/records/organizations/${org.id}`)).json().items;
    expect(history[0]).toMatchObject({ actorId: users.rep.id, meta: { pool: 'release', reason: '客户已转向竞争对手' } });
    const again = await manager.post(`/api/organizations/${org.id}/release`, { reason: 'twice' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_in_pool');
  });

  test("a teammate with own scope cannot release someone else's organization (404); their manager can", async () => {
    const org = await makeOrganization(t, { ownerId: users.rep.id });
    expect((await mate.post(`/api/organizations/${org.id}/release`, { reason: 'mine now' })).statusCode).toBe(404);
    expect((await row(org.id)).ownerId).toBe(users.rep.id);
    expect((await manager.post(`/api/organizations/${org.id}/release`, { reason: 'Rebalancing' })).statusCode).toBe(200);
    expect((await eventsOf(org.id))[0]).toMatchObject({ kind: 'release', actorId: users.manager.id, fromOwnerId: users.rep.id });
  });

  test('assignments through the edit form are in the pool history too', async () => {
    const org = await makeOrganization(t, { ownerId: users.rep.id });
    const res = await manager.patch(`/api/organizations/${org.id}`, { version: org.version, ownerId: users.mate.id });
    expect(res.statusCode).toBe(200);
    expect((await eventsOf(org.id))[0]).toMatchObject({ kind: 'assign', fromOwnerId: users.rep.id, toOwnerId: users.mate.id });
  });
});

describe('pool rules', () => {
  test('settings: defaults are off; a bad value is a 400 naming the field; only a settings admin may change them', async () => {
    const got = await admin.get('/api/settings/pool');
    expect(got.json()).toEqual({ maxHeldPerRep: null, tiers: ALL_OFF });
    const tooLate = await put(users.admin, '/api/settings/pool', {
      maxHeldPerRep: 10,
      tiers: { ...ALL_OFF, A: { noActivityDays: 30, noDealDays: null, warnDays: 30 } },
    });
    expect(tooLate.statusCode).toBe(400);
    expect(tooLate.json().error.fields).toHaveProperty(['tiers.A.warnDays']);
    const negative = await put(users.admin, '/api/settings/pool', { maxHeldPerRep: 0, tiers: ALL_OFF });
    expect(negative.json().error.fields).toHaveProperty('maxHeldPerRep');
    const missing = await put(users.admin, '/api/settings/pool', { maxHeldPerRep: 5, tiers: { A: OFF } });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().error.fields).some((k) => k.startsWith('tiers.'))).toBe(true);
    expect((await put(users.rep, '/api/settings/pool', { maxHeldPerRep: 5, tiers: ALL_OFF })).statusCode).toBe(403);
    const ok = await put(users.admin, '/api/settings/pool', {
      maxHeldPerRep: 5,
      tiers: { ...ALL_OFF, key: { noActivityDays: 60, noDealDays: 180, warnDays: 7 } },
    });
    expect(ok.json().tiers.key).toEqual({ noActivityDays: 60, noDealDays: 180, warnDays: 7 });
    expect((await admin.get('/api/settings/pool')).json().maxHeldPerRep).toBe(5);
    const audit = (await admin.get('/api/audit-log?entityType=settings&limit=5')).json();
    expect(audit.items.some((e: { entityId: string }) => e.entityId === 'pool')).toBe(true);
  });

  test('after N days without activity the customer returns to its team pool; the owner was warned D days before, once', async () => {
    await put(users.admin, '/api/settings/pool', { maxHeldPerRep: null, tiers: { ...ALL_OFF, B: { noActivityDays: 30, noDealDays: null, warnDays: 5 } } });
    const org = await makeOrganization(t, { ownerId: users.rep.id, tier: 'B', name: 'Quiet customer 沉睡客户' });
    const start = Date.parse((await row(org.id)).ownedSince as string);
    const at = (days: number) => new Date(start + days * DAY_MS).toISOString();
    const notes = () =>
      t.database.db.selectFrom('notifications').selectAll().where('userId', '=', users.rep.id).where('kind', 'like', 'pool.%').orderBy('id').execute();

    await runPoolRule(t.database.db, at(24));
    expect((await row(org.id)).poolWarnedAt).toBeNull();
    await runPoolRule(t.database.db, at(26));
    await runPoolRule(t.database.db, at(27));
    expect((await row(org.id)).ownerId).toBe(users.rep.id);
    const warnings = (await notes()).filter((n) => n.kind === 'pool.warning');
    expect(warnings.map((n) => n.link)).toEqual([`/organizations/${org.id}`]);
    expect(warnings[0].title).toContain('Quiet customer 沉睡客户');
    expect((await eventsOf(org.id)).filter((e) => e.kind === 'warning')).toHaveLength(1);

    await runPoolRule(t.database.db, at(30.5));
    const returned = await row(org.id);
    expect(returned).toMatchObject({ ownerId: null, teamId: teams.branch.id, ownedSince: null, version: org.version + 1 });
    expect((await eventsOf(org.id))[0]).toMatchObject({ kind: 'auto_return', reason: 'no_activity', actorId: null, fromOwnerId: users.rep.id });
    expect((await notes()).some((n) => n.kind === 'pool.returned')).toBe(true);
    const history = (await admin.get(`/api/audit-log/records/organizations/${org.id}`)).json().items;
    expect(history[0]).toMatchObject({ actorId: null, meta: { pool: 'auto_return', reason: 'no_activity' } });
    expect(await poolIds(mate)).toContain(org.id);
    // Running again changes nothing.
    await runPoolRule(t.database.db, at(31));
    expect((await eventsOf(org.id)).filter((e) => e.kind === 'auto_return')).toHaveLength(1);
  });

  test('an activity restarts the clock (and the warning cycle); other tiers and switched-off measures are left alone', async () => {
    await put(users.admin, '/api/settings/pool', { maxHeldPerRep: null, tiers: { ...ALL_OFF, A: { noActivityDays: 20, noDealDays: null, warnDays: 3 } } });
    const org = await makeOrganization(t, { ownerId: users.rep.id, tier: 'A' });
    const untouched = await makeOrganization(t, { ownerId: users.rep.id, tier: 'C' });
    const start = Date.now();
    const at = (days: number) => new Date(start + days * DAY_MS).toISOString();
    await holdSince([org.id, untouched.id], at(-18.5));
    await runPoolRule(t.database.db, at(-0.5));
    expect((await row(org.id)).poolWarnedAt).toBe(at(-0.5));
    // Contact logged now (a visit in the future would not count yet).
    const visit = await rep.post('/api/activities', { kind: 'visit', subject: '拜访', organizationId: org.id, occurredAt: at(0) });
    expect(visit.statusCode).toBe(201);
    await runPoolRule(t.database.db, at(3));
    expect((await row(org.id)).ownerId).toBe(users.rep.id);
    // A new cycle warns again, then returns.
    await runPoolRule(t.database.db, at(17.5));
    expect((await eventsOf(org.id)).filter((e) => e.kind === 'warning')).toHaveLength(2);
    await runPoolRule(t.database.db, at(20.5));
    expect((await row(org.id)).ownerId).toBeNull();
    expect((await row(untouched.id)).ownerId).toBe(users.rep.id);
  });

  test('without a deal for M days (counted from the claim until the sales module records deals) the customer returns, however busy', async () => {
    await put(users.admin, '/api/settings/pool', { maxHeldPerRep: null, tiers: { ...ALL_OFF, key: { noActivityDays: null, noDealDays: 90, warnDays: null } } });
    const pool = await pooled(users.rep, { tier: 'key' });
    expect((await rep.post(`/api/organizations/${pool.id}/claim`)).statusCode).toBe(200);
    const start = Date.now();
    await holdSince([pool.id], new Date(start - 89 * DAY_MS).toISOString());
    const call = await rep.post('/api/activities', { kind: 'call', subject: 'Busy but no deal', organizationId: pool.id });
    expect(call.statusCode).toBe(201);
    await runPoolRule(t.database.db, new Date(start).toISOString());
    expect((await row(pool.id)).ownerId).toBe(users.rep.id);
    const result = await runPoolRule(t.database.db, new Date(start + 1.5 * DAY_MS).toISOString());
    expect(result.returned).toBeGreaterThanOrEqual(1);
    expect((await row(pool.id)).ownerId).toBeNull();
    expect((await eventsOf(pool.id))[0]).toMatchObject({ kind: 'auto_return', reason: 'no_deal' });
    // No warning was asked for.
    expect((await eventsOf(pool.id)).some((e) => e.kind === 'warning')).toBe(false);
  });
});
