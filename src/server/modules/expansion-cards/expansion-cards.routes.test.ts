import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadIdentity } from '../../platform/auth/sessions.js';
import type { Ctx } from '../../platform/context.js';
import { makeContact, makeOrganization } from '../../test/customerFactories.js';
import { makeTeam, makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';
import { cardsDueForReview, upcomingKeyDates } from './expansion-cards.service.js';
import { remindKeyDates } from './key-date-reminders.js';
import { addDays, todayUtc } from './key-dates.js';

let t: TestApp;
const u: Record<'owner' | 'manager' | 'sponsor' | 'peer' | 'otherTeam' | 'admin' | 'subManager', TestUser> = {} as never;
const as: Record<keyof typeof u, Client> = {} as never;
let orgId: string;
let contactId: string;

/** A card created by the owner, with the sponsor and a birthday. */
async function makeCard(fields: Record<string, unknown> = {}) {
  const res = await as.owner.post('/api/expansion-cards', {
    organizationId: orgId,
    title: `机密 拓展 Falcon ${Math.random().toString(36).slice(2, 7)}`,
    targetContactId: contactId,
    sponsorId: u.sponsor.id,
    keyDates: [{ kind: 'birthday', label: '生日', date: '1975-03-08', yearly: true }],
    ...fields,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json();
}

const setManager = (teamId: string, userId: string) =>
  t.database.db.insertInto('teamManagers').values({ teamId, userId, updatedAt: new Date().toISOString(), updatedBy: null }).execute();

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const root = await makeTeam(db, 'Root');
  const teamA = await makeTeam(db, 'A', root);
  const teamA1 = await makeTeam(db, 'A1', teamA);
  const teamB = await makeTeam(db, 'B');
  u.owner = await makeUser(t, { role: 'sales_rep', teamId: teamA1.id, name: 'Owner' });
  u.peer = await makeUser(t, { role: 'sales_rep', teamId: teamA1.id, name: 'Peer' });
  u.manager = await makeUser(t, { role: 'sales_manager', teamId: root.id, name: 'Manager' });
  // Manages a sibling subtree: a manager, but not up the owner's tree.
  u.subManager = await makeUser(t, { role: 'sales_manager', teamId: teamB.id, name: 'Sub manager' });
  u.sponsor = await makeUser(t, { role: 'sales_rep', teamId: teamB.id, name: 'Sponsor' });
  u.otherTeam = await makeUser(t, { role: 'sales_manager', teamId: teamB.id, name: 'Other team' });
  u.admin = await makeUser(t, { role: 'admin', name: 'Admin' });
  await setManager(root.id, u.manager.id);
  await setManager(teamB.id, u.subManager.id);
  for (const k of Object.keys(u) as (keyof typeof u)[]) as[k] = client(t.app, u[k].token);
  orgId = (await makeOrganization(t, { name: '华东重工', ownerId: u.owner.id })).id;
  contactId = (await makeContact(t, { name: '赵总', organizations: [{ organizationId: orgId, title: 'CEO' }] })).id;
}, 60_000);
afterAll(async () => t?.close());

describe('confidentiality', () => {
  test('the owner, a manager up the team tree and the sponsor see the card by id, in lists and in search', async () => {
    const card = await makeCard();
    for (const who of ['owner', 'manager', 'sponsor'] as const) {
      const c = as[who];
      expect((await c.get(`/api/expansion-cards/${card.id}`)).statusCode, who).toBe(200);
      const list = (await c.get('/api/expansion-cards?limit=200&total=true')).json();
      expect(
        list.items.map((i: { id: string }) => i.id),
        who,
      ).toContain(card.id);
      const found = (await c.get(`/api/search?q=${encodeURIComponent(card.title.split(' ')[2])}&types=expansion_cards`)).json();
      expect(
        found.items.map((i: { id: string }) => i.id),
        who,
      ).toContain(card.id);
      expect((await c.get(`/api/audit-log/records/expansion_cards/${card.id}`)).statusCode, who).toBe(200);
    }
  });

  test('a peer, a user of another team, a manager of another subtree and an admin with all scope get 404, and never find it', async () => {
    const card = await makeCard();
    for (const who of ['peer', 'otherTeam', 'subManager', 'admin'] as const) {
      const c = as[who];
      expect((await c.get(`/api/expansion-cards/${card.id}`)).statusCode, who).toBe(404);
      expect((await c.patch(`/api/expansion-cards/${card.id}`, { version: card.version, title: 'x' })).statusCode, who).toBe(404);
      expect((await c.post(`/api/expansion-cards/${card.id}/reviews`, { reviewedOn: todayUtc(), text: 'x' })).statusCode, who).toBe(404);
      expect((await c.delete(`/api/expansion-cards/${card.id}`)).statusCode, who).toBe(404);
      expect((await c.get(`/api/audit-log/records/expansion_cards/${card.id}`)).statusCode, who).toBe(404);
      for (const qs of ['?limit=200&total=true', `?organizationId=${orgId}&total=true`, '?q=Falcon&total=true', '?relation=reports&total=true']) {
        const list = (await c.get(`/api/expansion-cards${qs}`)).json();
        expect(
          list.items.map((i: { id: string }) => i.id),
          `${who} ${qs}`,
        ).not.toContain(card.id);
        expect(list.total, `${who} ${qs}`).toBe(list.items.length);
      }
      for (const q of [card.title, 'Falcon', '赵总', 'zhaozong']) {
        const found = (await c.get(`/api/search?q=${encodeURIComponent(q)}`)).json();
        expect(
          found.items.map((i: { id: string }) => i.id),
          `${who} ${q}`,
        ).not.toContain(card.id);
      }
      expect((await c.post('/api/search/recent', { type: 'expansion_cards', id: card.id })).statusCode, who).toBe(404);
    }
    // Still there, unchanged, for the owner.
    expect((await as.owner.get(`/api/expansion-cards/${card.id}`)).json().version).toBe(card.version);
  });

  test('the target person is found in search by the owner (pinyin of the name)', async () => {
    const card = await makeCard();
    const found = (await as.owner.get('/api/search?q=zhaozong&types=expansion_cards&limit=50')).json();
    expect(found.items.map((i: { id: string }) => i.id)).toContain(card.id);
  });

  test('the global audit log shows that a card changed, never its title or text', async () => {
    const card = await makeCard({ commitments: 'Secret commitment 秘密承诺' });
    await as.owner.patch(`/api/expansion-cards/${card.id}`, { version: card.version, title: 'Renamed secret 机密', visitsPlan: '秘密考察' });
    const log = await as.admin.get(`/api/audit-log?entityType=expansion_cards&limit=200`);
    expect(log.statusCode).toBe(200);
    const entries = log.json().items.filter((e: { entityId: string }) => e.entityId === card.id);
    expect(entries.length).toBe(2);
    const text = JSON.stringify(entries);
    for (const secret of [card.title, 'Renamed secret', 'Secret commitment', '秘密考察']) expect(text).not.toContain(secret);
  });

  test('a deleted card is in the recycle bin of its chain only', async () => {
    const card = await makeCard();
    expect((await as.owner.delete(`/api/expansion-cards/${card.id}`)).statusCode).toBe(204);
    const mine = (await as.owner.get('/api/recycle-bin?type=expansion_cards&limit=200')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(card.id);
    const admins = (await as.admin.get('/api/recycle-bin?type=expansion_cards&limit=200')).json();
    expect(admins.items.map((i: { id: string }) => i.id)).not.toContain(card.id);
    expect((await as.admin.post(`/api/recycle-bin/expansion_cards/${card.id}/restore`)).statusCode).toBe(404);
    expect((await as.manager.post(`/api/recycle-bin/expansion_cards/${card.id}/restore`)).statusCode).toBe(204);
    expect((await as.owner.get(`/api/expansion-cards/${card.id}`)).statusCode).toBe(200);
  });
});

describe('handover', () => {
  test('a manager up the tree hands the card over; the old and new owner and the manager are audited', async () => {
    const card = await makeCard();
    expect((await as.owner.post(`/api/expansion-cards/${card.id}/handover`, { ownerId: u.peer.id, version: card.version })).statusCode).toBe(403);
    expect((await as.peer.post(`/api/expansion-cards/${card.id}/handover`, { ownerId: u.peer.id, version: card.version })).statusCode).toBe(404);
    const res = await as.manager.post(`/api/expansion-cards/${card.id}/handover`, { ownerId: u.peer.id, version: card.version });
    expect(res.statusCode).toBe(200);
    expect(res.json().ownerId).toBe(u.peer.id);
    // The new owner sees it now; the old owner (no manager) no longer does.
    expect((await as.peer.get(`/api/expansion-cards/${card.id}`)).statusCode).toBe(200);
    expect((await as.owner.get(`/api/expansion-cards/${card.id}`)).statusCode).toBe(404);
    const history = (await as.manager.get(`/api/audit-log/records/expansion_cards/${card.id}`)).json();
    const entry = history.items.find((e: { meta: { handover?: unknown } | null }) => e.meta?.handover);
    expect(entry.meta.handover).toEqual({ from: u.owner.id, to: u.peer.id, by: u.manager.id });
    expect(entry.actorId).toBe(u.manager.id);
    expect(entry.changes.ownerId).toEqual({ before: u.owner.id, after: u.peer.id });
  });

  test('a user administrator hands over a departed owner’s card without seeing it; stale versions and bad owners are refused', async () => {
    const card = await makeCard();
    expect((await as.admin.post(`/api/expansion-cards/${card.id}/handover`, { ownerId: u.peer.id, version: card.version + 1 })).statusCode).toBe(409);
    const bad = await as.admin.post(`/api/expansion-cards/${card.id}/handover`, { ownerId: card.id, version: card.version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.ownerId).toBeDefined();
    const res = await as.admin.post(`/api/expansion-cards/${card.id}/handover`, { ownerId: u.peer.id, version: card.version });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual(['id', 'ownerId', 'version']);
    expect((await as.admin.get(`/api/expansion-cards/${card.id}`)).statusCode).toBe(404);
  });
});

describe('card contents', () => {
  test('keeps the six steps: target, sponsor fit, channels, key dates, commitments and actions, reviews', async () => {
    const card = await makeCard({
      sponsorFit: {
        rank: { met: true, score: 5, note: 'VP to CEO' },
        business: { met: true, score: 4, note: null },
        history: { met: false, score: null, note: null },
        ability: { met: true, score: 3, note: null },
        willingness: { met: true, score: 5, note: 'Keen' },
      },
      visitsPlan: '总部考察 + 展会',
      mutualVisitsPlan: '每季度互访',
      keyEvents: [{ text: '升任集团副总裁', dueOn: '2026-01-15' }],
      commitments: '年内建立战略合作',
      actions: [{ text: '安排高层会面', ownerId: u.sponsor.id, dueOn: '2026-02-01' }],
      nextReviewOn: '2020-01-01',
    });
    expect(card.sponsorFit.rank).toEqual({ met: true, score: 5, note: 'VP to CEO' });
    expect(card.targetName).toBe('赵总');
    expect(card.sponsorName).toBe('Sponsor');
    expect(card.keyDates[0]).toMatchObject({ kind: 'birthday', date: '1975-03-08', yearly: true });
    expect(card.keyDates[0].nextOccurrence.slice(5)).toBe('03-08');
    expect(card.actions[0]).toMatchObject({ text: '安排高层会面', ownerName: 'Sponsor', done: false });
    expect(card.keyEvents[0].text).toBe('升任集团副总裁');
    const due = (await as.owner.get('/api/expansion-cards?dueForReview=true&limit=200')).json();
    expect(due.items.map((i: { id: string }) => i.id)).toContain(card.id);

    const reviewed = await as.sponsor.post(`/api/expansion-cards/${card.id}/reviews`, { reviewedOn: todayUtc(), text: '进展顺利', nextReviewOn: '2999-01-01' });
    expect(reviewed.statusCode).toBe(201);
    expect(reviewed.json().nextReviewOn).toBe('2999-01-01');
    expect(reviewed.json().reviews[0]).toMatchObject({ text: '进展顺利', authorName: 'Sponsor' });
    const after = (await as.owner.get('/api/expansion-cards?dueForReview=true&limit=200')).json();
    expect(after.items.map((i: { id: string }) => i.id)).not.toContain(card.id);
  });

  test('refuses a target who is not a contact of the organization, an unknown sponsor and a stale version', async () => {
    const stranger = await makeContact(t, { name: 'Stranger' });
    const res = await as.owner.post('/api/expansion-cards', { organizationId: orgId, title: 'x', targetContactId: stranger.id, sponsorId: orgId });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['sponsorId', 'targetContactId']);
    const card = await makeCard();
    expect((await as.owner.patch(`/api/expansion-cards/${card.id}`, { version: card.version + 1, title: 'y' })).statusCode).toBe(409);
    expect(
      (await as.owner.post('/api/expansion-cards', { organizationId: orgId, title: '', keyDates: [{ kind: 'x', label: '', date: '2020-13-45' }] })).statusCode,
    ).toBe(400);
  });

  test('a rep cannot create a card on an account outside their key-account scope', async () => {
    const foreign = await makeOrganization(t, { name: 'Foreign', ownerId: u.otherTeam.id });
    expect((await as.owner.post('/api/expansion-cards', { organizationId: foreign.id, title: 'x' })).statusCode).toBe(404);
  });
});

describe('key dates and reviews for the dashboard', () => {
  test('the reminder job notifies owner and sponsor once per occurrence, N days ahead', async () => {
    const today = todayUtc();
    const card = await makeCard({
      remindDaysBefore: 7,
      keyDates: [
        { kind: 'birthday', label: 'Birthday soon', date: addDays(today, 3), yearly: false },
        { kind: 'holiday', label: 'Holiday later', date: addDays(today, 20), yearly: false },
      ],
    });
    const countFor = async (c: Client) =>
      (await c.get('/api/notifications?limit=100'))
        .json()
        .items.filter((n: { link: string; title: string }) => n.link === `/expansion-cards/${card.id}` && n.title.includes('Birthday soon')).length;
    expect(await remindKeyDates(t.database.db, today)).toBeGreaterThanOrEqual(1);
    // Two more runs (another app server, the next day) send nothing new.
    await Promise.all([remindKeyDates(t.database.db, today), remindKeyDates(t.database.db, addDays(today, 1))]);
    expect(await countFor(as.owner)).toBe(1);
    expect(await countFor(as.sponsor)).toBe(1);
    const all = (await as.owner.get('/api/notifications?limit=100')).json().items;
    expect(all.some((n: { title: string }) => n.title.includes('Holiday later'))).toBe(false);
    // Fourteen days on the holiday comes into the window.
    await remindKeyDates(t.database.db, addDays(today, 14));
    expect((await as.owner.get('/api/notifications?limit=100')).json().items.some((n: { title: string }) => n.title.includes('Holiday later'))).toBe(true);
  });

  test('cardsDueForReview and upcomingKeyDates apply confidentiality', async () => {
    const today = todayUtc();
    const card = await makeCard({ nextReviewOn: addDays(today, -1), keyDates: [{ kind: 'holiday', label: '春节', date: addDays(today, 2), yearly: false }] });
    const ctxFor = async (user: TestUser): Promise<Ctx> => {
      const id = await loadIdentity(t.database.db, user.id);
      if (!id) throw new Error('no identity');
      return {
        db: t.database.db,
        config: t.config,
        actor: { userId: id.id, teamId: id.teamId, teamPath: id.teamPath, permissions: JSON.parse(id.permissions), ip: null },
      };
    };
    for (const who of ['owner', 'manager', 'sponsor'] as const) {
      const ctx = await ctxFor(u[who]);
      expect(
        (await cardsDueForReview(ctx.db, ctx, 200)).map((c) => c.id),
        who,
      ).toContain(card.id);
      expect(
        (await upcomingKeyDates(ctx.db, ctx, 7)).find((d) => d.cardId === card.id),
        who,
      ).toMatchObject({ label: '春节', on: addDays(today, 2), targetName: '赵总' });
      expect(
        (await upcomingKeyDates(ctx.db, ctx, 1)).some((d) => d.cardId === card.id),
        who,
      ).toBe(false);
    }
    for (const who of ['peer', 'otherTeam', 'admin'] as const) {
      const ctx = await ctxFor(u[who]);
      expect(
        (await cardsDueForReview(ctx.db, ctx, 200)).map((c) => c.id),
        who,
      ).not.toContain(card.id);
      expect(
        (await upcomingKeyDates(ctx.db, ctx, 30)).map((d) => d.cardId),
        who,
      ).not.toContain(card.id);
    }
  });
});
