import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUILTIN_ROLES } from '../../../shared/schemas/permissions.js';
import { makeContact, makeOrganization } from '../../test/customerFactories.js';
import { makeTeam, makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';
import { createOpportunity } from './opportunities.service.js';

let t: TestApp;
let admin: Client;
let rep: Client;
let users: Record<'admin' | 'rep' | 'outsider', TestUser>;
let pipeline: { id: string; stages: { id: string; name: string; nameZh: string | null; kind: string; probability: number }[] };

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const east = await makeTeam(db, '华东大区');
  const south = await makeTeam(db, '华南大区');
  users = {
    admin: await makeUser(t, { role: 'admin', name: 'Admin' }),
    rep: await makeUser(t, { role: 'sales_rep', teamId: east.id, name: '李娜' }),
    outsider: await makeUser(t, { role: 'sales_rep', teamId: south.id, name: '陈静' }),
  };
  admin = client(t.app, users.admin.token);
  rep = client(t.app, users.rep.token);
  pipeline = (await admin.get('/api/pipelines')).json().items[0];
}, 60_000);
afterAll(async () => t?.close());

const stage = (kind: string, i = 0) => pipeline.stages.filter((s) => s.kind === kind)[i];
const as = (u: TestUser) => client(t.app, u.token);

async function deal(c: Client, fields: Record<string, unknown>) {
  const res = await c.post('/api/opportunities', { name: `Deal ${Math.random().toString(36).slice(2, 8)}`, ...fields });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json();
}

describe('pipelines', () => {
  test('the default pipeline comes seeded with bilingual stages from qualification to won and lost', async () => {
    expect(pipeline).toMatchObject({ isDefault: true, name: 'Sales', nameZh: '销售' });
    expect(pipeline.stages.map((s) => [s.nameZh, s.name, s.probability, s.kind])).toEqual([
      ['初步接洽', 'Qualification', 10, 'open'],
      ['需求分析', 'Needs analysis', 20, 'open'],
      ['方案报价', 'Proposal', 50, 'open'],
      ['商务谈判', 'Negotiation', 80, 'open'],
      ['赢单', 'Won', 100, 'won'],
      ['输单', 'Lost', 0, 'lost'],
    ]);
  });

  test('a rep reads pipelines but cannot change them', async () => {
    expect((await rep.get('/api/pipelines')).statusCode).toBe(200);
    const res = await rep.post('/api/pipelines', { name: 'Mine', stages: [] });
    expect(res.statusCode).toBe(400);
    const ok = { name: 'Mine', stages: ['open', 'won', 'lost'].map((kind) => ({ name: kind, probability: 10, kind })) };
    expect((await rep.post('/api/pipelines', ok)).statusCode).toBe(403);
  });

  test('a pipeline without a lost stage is refused', async () => {
    const res = await admin.post('/api/pipelines', {
      name: 'Projects',
      stages: [
        { name: 'A', probability: 10, kind: 'open' },
        { name: 'B', probability: 50, kind: 'open' },
        { name: 'Won', probability: 100, kind: 'won' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.stages).toBeTruthy();
  });

  test('deleting a stage deals are in answers 409 until a target stage of the same kind is named; then the deals move with history', async () => {
    const created = (
      await admin.post('/api/pipelines', {
        name: 'Projects',
        nameZh: '项目',
        stages: [
          { name: 'Lead', probability: 10, kind: 'open' },
          { name: 'Bid', nameZh: '投标', probability: 40, kind: 'open' },
          { name: 'Won', probability: 100, kind: 'won' },
          { name: 'Lost', probability: 0, kind: 'lost' },
        ],
      })
    ).json();
    const [lead, bid, won, lost] = created.stages;
    const org = await makeOrganization(t);
    const d = await deal(admin, { organizationId: org.id, stageId: lead.id, amount: '100' });
    expect(d.pipelineId).toBe(created.id);
    const keep = [bid, won, lost].map(({ id, name, probability, kind }) => ({ id, name, probability, kind }));
    const refused = await admin.patch(`/api/pipelines/${created.id}`, { version: created.version, stages: keep });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('stage_in_use');
    const wrongKind = await admin.patch(`/api/pipelines/${created.id}`, { version: created.version, stages: keep, reassign: { [lead.id]: won.id } });
    expect(wrongKind.statusCode).toBe(409);
    const res = await admin.patch(`/api/pipelines/${created.id}`, {
      version: created.version,
      stages: [...keep, { name: 'Shortlist', probability: 60, kind: 'open' }],
      reassign: { [lead.id]: bid.id },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().stages.map((s: { name: string }) => s.name)).toEqual(['Bid', 'Won', 'Lost', 'Shortlist']);
    const moved = (await admin.get(`/api/opportunities/${d.id}`)).json();
    expect(moved).toMatchObject({ stageId: bid.id, probability: 40, status: 'open' });
    const history = (await admin.get(`/api/opportunities/${d.id}/stage-history`)).json();
    expect(history.items.map((h: { stageName: string }) => h.stageName)).toEqual(['Lead', 'Bid']);
    expect((await admin.delete(`/api/pipelines/${created.id}`)).statusCode).toBe(409);
  });

  test('the default pipeline cannot be deleted', async () => {
    const res = await admin.delete(`/api/pipelines/${pipeline.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('default_pipeline');
  });
});

describe('opportunities', () => {
  test('a rep creates a deal in the first stage of the default pipeline, with contacts, roles and competitors', async () => {
    const org = await makeOrganization(t, { ownerId: users.rep.id, name: '华为技术有限公司' });
    const contact = await makeContact(t, { ownerId: users.rep.id, name: '王芳' });
    const res = await rep.post('/api/opportunities', {
      name: 'ERP 升级项目',
      organizationId: org.id,
      amount: '120000.50',
      expectedCloseDate: '2026-03-31',
      nextStep: '安排技术交流',
      contacts: [{ contactId: contact.id, buyingRole: 'decision_maker' }],
      competitors: [{ name: 'SAP', strengths: '品牌' }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      stageId: stage('open').id,
      stageNameZh: '初步接洽',
      status: 'open',
      amount: '120000.50',
      currency: 'CNY',
      probability: 10,
      weightedAmount: '12000.05',
      ownerId: users.rep.id,
      organizationName: '华为技术有限公司',
      contacts: [{ contactId: contact.id, contactName: '王芳', buyingRole: 'decision_maker' }],
      competitors: [{ name: 'SAP', strengths: '品牌', weaknesses: null }],
    });
  });

  test('an organization or contact the rep cannot see is refused with 400 naming the field', async () => {
    const hiddenOrg = await makeOrganization(t, { ownerId: users.outsider.id });
    const hiddenContact = await makeContact(t, { ownerId: users.outsider.id });
    const res = await rep.post('/api/opportunities', {
      name: 'Nope',
      organizationId: hiddenOrg.id,
      contacts: [{ contactId: hiddenContact.id, buyingRole: 'user' }],
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['contacts', 'organizationId']);
    expect((await rep.post('/api/opportunities', { name: 'x', organizationId: hiddenOrg.id, amount: '1.234' })).statusCode).toBe(400);
  });

  test('moving to won needs a reason, then sets status, closed time and the customer’s last deal; lost needs a reason from the list', async () => {
    const org = await makeOrganization(t);
    const d = await deal(admin, { organizationId: org.id, amount: '500' });
    const noReason = await admin.patch(`/api/opportunities/${d.id}`, { version: d.version, stageId: stage('won').id });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields.closeNote).toBeTruthy();
    const won = await admin.patch(`/api/opportunities/${d.id}`, { version: d.version, stageId: stage('won').id, closeNote: '价格优势' });
    expect(won.statusCode).toBe(200);
    expect(won.json()).toMatchObject({ status: 'won', probability: 100, closeNote: '价格优势', weightedAmount: '500.00' });
    expect(won.json().closedAt).toBeTruthy();
    const orgRow = await t.database.db.selectFrom('organizations').select('lastDealAt').where('id', '=', org.id).executeTakeFirstOrThrow();
    expect(orgRow.lastDealAt).toBe(won.json().closedAt);

    const lostNoReason = await admin.patch(`/api/opportunities/${d.id}`, { version: won.json().version, stageId: stage('lost').id, closeNote: 'x' });
    expect(lostNoReason.json().error.fields.closeReason).toBeTruthy();
    const lost = await admin.patch(`/api/opportunities/${d.id}`, { version: won.json().version, stageId: stage('lost').id, closeReason: 'competitor' });
    expect(lost.json()).toMatchObject({ status: 'lost', closeReason: 'competitor', closeNote: null, probability: 0 });
    const reopened = await admin.patch(`/api/opportunities/${d.id}`, { version: lost.json().version, stageId: stage('open', 2).id });
    expect(reopened.json()).toMatchObject({ status: 'open', closedAt: null, closeReason: null, probability: 50 });
  });

  test('stage history records every stage with the time spent in it', async () => {
    const org = await makeOrganization(t);
    const d = await deal(admin, { organizationId: org.id });
    const moved = (await admin.patch(`/api/opportunities/${d.id}`, { version: d.version, stageId: stage('open', 1).id })).json();
    await admin.patch(`/api/opportunities/${d.id}`, { version: moved.version, stageId: stage('open', 2).id });
    // Put the first two stays at known lengths: 3 days in qualification, 2 hours in needs analysis.
    const db = t.database.db;
    const rows = await db.selectFrom('opportunityStageHistory').selectAll().where('opportunityId', '=', d.id).orderBy('enteredAt').orderBy('id').execute();
    expect(rows).toHaveLength(3);
    const t0 = Date.parse('2025-01-01T00:00:00.000Z');
    const at = (ms: number) => new Date(t0 + ms).toISOString();
    await db
      .updateTable('opportunityStageHistory')
      .set({ enteredAt: at(0), leftAt: at(3 * 86_400_000) })
      .where('id', '=', rows[0].id)
      .execute();
    await db
      .updateTable('opportunityStageHistory')
      .set({ enteredAt: at(3 * 86_400_000), leftAt: at(3 * 86_400_000 + 7_200_000) })
      .where('id', '=', rows[1].id)
      .execute();
    const history = (await admin.get(`/api/opportunities/${d.id}/stage-history`)).json();
    expect(history.items.map((h: { seconds: number }) => h.seconds).slice(0, 2)).toEqual([259_200, 7_200]);
    expect(history.items[2].leftAt).toBeNull();
    expect(history.items[0]).toMatchObject({ stageName: 'Qualification', movedByName: 'Admin' });
    expect(history.perStage.map((p: { stageName: string }) => p.stageName)).toEqual(['Qualification', 'Needs analysis', 'Proposal']);
  });

  test('a stale version answers 409 and changes nothing', async () => {
    const org = await makeOrganization(t);
    const d = await deal(admin, { organizationId: org.id });
    expect((await admin.patch(`/api/opportunities/${d.id}`, { version: d.version, name: 'first' })).statusCode).toBe(200);
    expect((await admin.patch(`/api/opportunities/${d.id}`, { version: d.version, name: 'second' })).statusCode).toBe(409);
    expect((await admin.get(`/api/opportunities/${d.id}`)).json().name).toBe('first');
  });

  test('lists filter by amount, close date, stage and organization, sort by amount and page with a cursor', async () => {
    const org = await makeOrganization(t, { name: 'Filter 过滤 Co.' });
    for (const [amount, close] of [
      ['10.00', '2027-01-05'],
      ['20.00', '2027-01-10'],
      ['30.00', '2027-02-01'],
      ['40.00', null],
    ] as const)
      await deal(admin, { organizationId: org.id, amount, expectedCloseDate: close });
    const base = `/api/opportunities?organizationId=${org.id}`;
    const amounts = async (qs: string) => (await admin.get(`${base}${qs}`)).json().items.map((i: { amount: string }) => i.amount);
    expect(await amounts('&amountMin=15&amountMax=30&sort=amount')).toEqual(['20.00', '30.00']);
    expect(await amounts('&closeFrom=2027-01-01&closeTo=2027-01-31&sort=-amount')).toEqual(['20.00', '10.00']);
    expect(await amounts('&sort=expectedCloseDate')).toEqual(['40.00', '10.00', '20.00', '30.00']);
    const first = (await admin.get(`${base}&sort=-amount&limit=3&total=true`)).json();
    expect(first.total).toBe(4);
    const second = (await admin.get(`${base}&sort=-amount&limit=3&cursor=${first.nextCursor}`)).json();
    expect([...first.items, ...second.items].map((i: { amount: string }) => i.amount)).toEqual(['40.00', '30.00', '20.00', '10.00']);
    expect((await admin.get(`${base}&stageId=${stage('won').id}`)).json().items).toEqual([]);
    expect((await admin.get(`${base}&sort=bogus`)).statusCode).toBe(400);
    expect((await admin.get(`${base}&amountMin=abc`)).statusCode).toBe(400);
  });

  test('board totals per stage and currency are exact decimals (0.1 + 0.2, trillions) and columns load a bounded page', async () => {
    const org = await makeOrganization(t, { name: 'Board 看板 Co.' });
    const q = stage('open', 0);
    const p = stage('open', 2);
    await deal(admin, { organizationId: org.id, amount: '0.10', stageId: q.id });
    await deal(admin, { organizationId: org.id, amount: '0.20', stageId: q.id });
    await deal(admin, { organizationId: org.id, amount: '999999999999.99', stageId: p.id });
    await deal(admin, { organizationId: org.id, amount: '999999999999.99', stageId: p.id });
    await deal(admin, { organizationId: org.id, amount: '0.05', stageId: p.id, probability: 33, currency: 'USD' });
    await deal(admin, { organizationId: org.id, amount: '0.03', stageId: p.id, probability: 50, currency: 'USD' });
    const board = (await admin.get(`/api/opportunities/board?organizationId=${org.id}&perStage=2`)).json();
    expect(board.pipeline?.id, JSON.stringify(board)).toBe(pipeline.id);
    const col = (id: string) => board.columns.find((c: { stage: { id: string } }) => c.stage.id === id);
    // 0.10×10% + 0.20×10% = 0.03 exactly.
    expect(col(q.id).totals).toEqual([{ currency: 'CNY', count: 2, amount: '0.30', weightedAmount: '0.03' }]);
    expect(col(p.id).count).toBe(4);
    expect(col(p.id).totals).toEqual([
      { currency: 'CNY', count: 2, amount: '1999999999999.98', weightedAmount: '999999999999.99' },
      // 5 cents × 33% + 3 cents × 50% = 1.65 + 1.5 = 3.15 cents → 0.03 once rounded (not 0.02 + 0.02).
      { currency: 'USD', count: 2, amount: '0.08', weightedAmount: '0.03' },
    ]);
    expect(col(p.id).items).toHaveLength(2);
    const more = (
      await admin.get(`/api/opportunities?organizationId=${org.id}&stageId=${p.id}&sort=-updatedAt&limit=50&cursor=${col(p.id).nextCursor}`)
    ).json();
    expect(more.items).toHaveLength(2);
    const ids = [...col(p.id).items, ...more.items].map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(4);
    // An outsider's board holds none of them.
    const theirs = (await as(users.outsider).get(`/api/opportunities/board?organizationId=${org.id}`)).json();
    expect(theirs.columns.every((c: { count: number }) => c.count === 0)).toBe(true);
  });

  test('deleted deals leave the board and global search, and come back from the recycle bin', async () => {
    const org = await makeOrganization(t);
    const d = await deal(admin, { organizationId: org.id, name: '智慧园区二期' });
    const found = async () => (await admin.get('/api/search?q=园区二期')).json().items.some((i: { id: string }) => i.id === d.id);
    expect(await found()).toBe(true);
    expect((await admin.delete(`/api/opportunities/${d.id}`)).statusCode).toBe(204);
    expect(await found()).toBe(false);
    expect((await admin.get(`/api/opportunities/${d.id}`)).statusCode).toBe(404);
    expect((await admin.post(`/api/recycle-bin/opportunities/${d.id}/restore`)).statusCode).toBe(204);
    expect(await found()).toBe(true);
  });

  test('createOpportunity works inside a caller’s transaction and rolls back with it (the lead conversion seam)', async () => {
    const org = await makeOrganization(t);
    const ctx = {
      db: t.database.db,
      config: t.config,
      actor: { userId: users.admin.id, teamId: null, teamPath: null, permissions: BUILTIN_ROLES.admin.permissions, ip: null },
    };
    const { id } = await t.database.db
      .transaction()
      .execute((trx) => createOpportunity(trx, ctx, { name: '线索转化商机', organizationId: org.id, amount: '88.80' }));
    expect((await admin.get(`/api/opportunities/${id}`)).json()).toMatchObject({ amount: '88.80', stageName: 'Qualification', ownerId: users.admin.id });
    let rolledBack = '';
    await t.database.db
      .transaction()
      .execute(async (trx) => {
        rolledBack = (await createOpportunity(trx, ctx, { name: 'Rolled back', organizationId: org.id })).id;
        throw new Error('conversion failed later');
      })
      .catch(() => undefined);
    expect((await admin.get(`/api/opportunities/${rolledBack}`)).statusCode).toBe(404);
    const rep = { ...ctx, actor: { ...ctx.actor, permissions: { ...BUILTIN_ROLES.read_only.permissions } } };
    await expect(t.database.db.transaction().execute((trx) => createOpportunity(trx, rep, { name: 'x', organizationId: org.id }))).rejects.toMatchObject({
      status: 403,
    });
  });

  test('audit keeps the create and the stage move', async () => {
    const org = await makeOrganization(t);
    const d = await deal(admin, { organizationId: org.id });
    await admin.patch(`/api/opportunities/${d.id}`, { version: d.version, stageId: stage('open', 1).id });
    const log = (await admin.get(`/api/audit-log/records/opportunities/${d.id}`)).json();
    expect(log.items.map((i: { action: string }) => i.action).sort()).toEqual(['create', 'update']);
  });
});
