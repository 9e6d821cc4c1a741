import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Chain } from '../../../shared/schemas/decision-chain.js';
import { loadIdentity, parsePermissions } from '../../platform/auth/sessions.js';
import type { Ctx } from '../../platform/context.js';
import { makeContact, makeOrganization } from '../../test/customerFactories.js';
import { makeRole, makeTeam, makeUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';
import { listChainPeople } from './decision-chain.service.js';

let t: TestApp;
let admin: Client;
let adminToken: string;

beforeAll(async () => {
  t = await createTestApp();
  const u = await makeUser(t, { role: 'admin', name: 'Chain admin' });
  adminToken = u.token;
  admin = client(t.app, u.token);
}, 60_000);
afterAll(async () => t?.close());

/** The test client has no PUT; the chain is saved with one. */
function put(token: string, url: string, body: unknown) {
  return t.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${token}` }, payload: body as object });
}

async function account(fields: Record<string, unknown> = {}) {
  const org = await makeOrganization(t, { name: `客户 ${randomUUID().slice(0, 6)}`, tier: 'key', ...fields });
  const contact = (name: string) => makeContact(t, { name, organizations: [{ organizationId: org.id }] });
  return { org, contact };
}

/** Three people, two departments, a reporting line and a hidden influence line. */
async function sampleChain() {
  const { org, contact } = await account();
  const [ceo, cto, engineer] = await Promise.all([contact('王总'), contact('李工'), contact('张工')]);
  const ids = { mgmt: randomUUID(), tech: randomUUID(), ceo: randomUUID(), cto: randomUUID(), eng: randomUUID(), report: randomUUID(), hint: randomUUID() };
  const body = {
    version: 0,
    departments: [
      { id: ids.mgmt, name: '总经办' },
      { id: ids.tech, name: '技术部', parentId: ids.mgmt },
    ],
    nodes: [
      {
        id: ids.ceo,
        contactId: ceo.id,
        departmentId: ids.mgmt,
        title: '总经理',
        buyingRole: 'decision_maker',
        support: 'neutral',
        level: 'senior',
        x: 100,
        y: 0,
      },
      {
        id: ids.cto,
        contactId: cto.id,
        departmentId: ids.tech,
        buyingRole: 'technical_evaluator',
        support: 'opponent',
        favouredCompetitor: 'Acme',
        strength: 4,
        level: 'middle',
        x: 0,
        y: 200,
      },
      { id: ids.eng, contactId: engineer.id, departmentId: ids.tech, buyingRole: 'coach', support: 'supporter', level: 'junior', risingStar: true },
    ],
    edges: [
      { id: ids.report, from: ids.cto, to: ids.ceo, kind: 'reporting' },
      { id: ids.hint, from: ids.eng, to: ids.ceo, kind: 'influence', hidden: true, note: '老乡' },
    ],
  };
  return { org, ids, body, contacts: { ceo, cto, engineer } };
}

describe('decision chain graph', () => {
  test('saves a graph and reads it back as it was sent', async () => {
    const { org, ids, body } = await sampleChain();
    const empty = await admin.get(`/api/accounts/${org.id}/decision-chain`);
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toMatchObject({ version: 0, nodes: [], edges: [], departments: [] });

    const saved = await put(adminToken, `/api/accounts/${org.id}/decision-chain`, body);
    expect(saved.statusCode, saved.body).toBe(200);
    const chain = (await admin.get(`/api/accounts/${org.id}/decision-chain`)).json() as Chain;
    expect(chain.version).toBe(1);
    expect(chain.departments.map((d) => [d.name, d.parentId])).toEqual([
      ['总经办', null],
      ['技术部', ids.mgmt],
    ]);
    const cto = chain.nodes.find((n) => n.id === ids.cto);
    expect(cto).toMatchObject({ contactName: '李工', support: 'opponent', favouredCompetitor: 'Acme', strength: 4, level: 'middle', x: 0, y: 200 });
    expect(chain.nodes.find((n) => n.id === ids.eng)).toMatchObject({ risingStar: true, buyingRole: 'coach' });
    expect(chain.edges).toHaveLength(2);
    expect(chain.edges.find((e) => e.id === ids.hint)).toMatchObject({ from: ids.eng, to: ids.ceo, kind: 'influence', hidden: true, note: '老乡' });
  });

  test('a second save deletes what it leaves out, audits every change and moves the version on', async () => {
    const { org, ids, body } = await sampleChain();
    expect((await put(adminToken, `/api/accounts/${org.id}/decision-chain`, body)).statusCode).toBe(200);
    const next = {
      ...body,
      version: 1,
      nodes: body.nodes.filter((n) => n.id !== ids.eng).map((n) => (n.id === ids.ceo ? { ...n, support: 'supporter' } : n)),
      edges: body.edges.filter((e) => e.id !== ids.hint),
    };
    const res = await put(adminToken, `/api/accounts/${org.id}/decision-chain`, next);
    expect(res.statusCode, res.body).toBe(200);
    const chain = res.json() as Chain;
    expect(chain.version).toBe(2);
    expect(chain.nodes.map((n) => n.id).sort()).toEqual([ids.ceo, ids.cto].sort());
    expect(chain.nodes.find((n) => n.id === ids.ceo)?.support).toBe('supporter');
    expect(chain.edges.map((e) => e.id)).toEqual([ids.report]);

    const log = await t.database.db
      .selectFrom('auditLog')
      .select(['action', 'entityType', 'entityId'])
      .where('entityId', 'in', [ids.eng, ids.ceo, ids.hint])
      .execute();
    const actions = log.map((l) => `${l.entityType}:${l.action}:${l.entityId}`);
    expect(actions).toContain(`chain_people:delete:${ids.eng}`);
    expect(actions).toContain(`chain_people:update:${ids.ceo}`);
    expect(actions).toContain(`chain_edges:delete:${ids.hint}`);
    // Deleted is soft: the row is kept for the history.
    const row = await t.database.db.selectFrom('chainPeople').select('deletedAt').where('id', '=', ids.eng).executeTakeFirst();
    expect(row?.deletedAt).not.toBeNull();
  });

  test('answers 409 when the chain was saved by someone else since it was read', async () => {
    const { org, body } = await sampleChain();
    expect((await put(adminToken, `/api/accounts/${org.id}/decision-chain`, body)).statusCode).toBe(200);
    const stale = await put(adminToken, `/api/accounts/${org.id}/decision-chain`, body);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
  });

  test('refuses self lines, lines to unknown people, a contact twice and hidden reporting lines with 400 naming each', async () => {
    const { org, ids, body } = await sampleChain();
    const bad = {
      ...body,
      nodes: [...body.nodes, { ...body.nodes[0], id: randomUUID() }],
      edges: [
        { id: randomUUID(), from: ids.ceo, to: ids.ceo, kind: 'reporting' },
        { id: randomUUID(), from: ids.ceo, to: randomUUID(), kind: 'influence' },
        { id: randomUUID(), from: ids.cto, to: ids.ceo, kind: 'reporting', hidden: true },
      ],
    };
    const res = await put(adminToken, `/api/accounts/${org.id}/decision-chain`, bad);
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(expect.arrayContaining(['nodes.3.contactId', 'edges.0.to', 'edges.1.to', 'edges.2.hidden']));
    // Nothing was written.
    expect((await admin.get(`/api/accounts/${org.id}/decision-chain`)).json().version).toBe(0);
  });

  test('refuses unknown enum values, an unknown department and a department loop with 400', async () => {
    const { org, ids, body } = await sampleChain();
    const wrongEnum = await put(adminToken, `/api/accounts/${org.id}/decision-chain`, { ...body, nodes: [{ ...body.nodes[0], support: 'friendly' }] });
    expect(wrongEnum.statusCode).toBe(400);
    const loop = await put(adminToken, `/api/accounts/${org.id}/decision-chain`, {
      ...body,
      departments: [
        { id: ids.mgmt, name: 'A', parentId: ids.tech },
        { id: ids.tech, name: 'B', parentId: ids.mgmt },
      ],
      nodes: body.nodes.map((n) => ({ ...n, departmentId: n.id === ids.eng ? randomUUID() : n.departmentId })),
    });
    expect(loop.statusCode).toBe(400);
    expect(Object.keys(loop.json().error.fields)).toEqual(expect.arrayContaining(['departments.0.parentId', 'nodes.2.departmentId']));
  });

  test("refuses a contact of another organization and an id of another account's chain", async () => {
    const { org, body } = await sampleChain();
    const other = await sampleChain();
    const stranger = await makeContact(t, { name: '外人', organizations: [{ organizationId: other.org.id }] });
    const res = await put(adminToken, `/api/accounts/${org.id}/decision-chain`, {
      ...body,
      nodes: [...body.nodes, { id: randomUUID(), contactId: stranger.id }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('nodes.3.contactId');

    expect((await put(adminToken, `/api/accounts/${other.org.id}/decision-chain`, other.body)).statusCode).toBe(200);
    const stolen = await put(adminToken, `/api/accounts/${org.id}/decision-chain`, { ...body, nodes: [{ ...body.nodes[0], id: other.ids.ceo }], edges: [] });
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().error.fields).toHaveProperty('nodes.0.id');
  });

  test('a person whose contact has since been deleted does not block later saves', async () => {
    const { org, ids, body, contacts } = await sampleChain();
    expect((await put(adminToken, `/api/accounts/${org.id}/decision-chain`, body)).statusCode).toBe(200);
    expect((await admin.delete(`/api/contacts/${contacts.engineer.id}`)).statusCode).toBe(204);
    const chain = (await admin.get(`/api/accounts/${org.id}/decision-chain`)).json() as Chain;
    expect(chain.nodes.find((n) => n.id === ids.eng)?.contactName).toBe('');
    const res = await put(adminToken, `/api/accounts/${org.id}/decision-chain`, { ...body, version: 1, nodes: body.nodes.map((n) => ({ ...n, x: 1 })) });
    expect(res.statusCode, res.body).toBe(200);
    // A new person still has to be a live contact of the organization.
    const again = await put(adminToken, `/api/accounts/${org.id}/decision-chain`, {
      ...body,
      version: 2,
      nodes: [...body.nodes.filter((n) => n.id !== ids.eng), { id: randomUUID(), contactId: contacts.engineer.id }],
      edges: body.edges.filter((e) => e.id !== ids.hint),
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields).toHaveProperty('nodes.2.contactId');
  });

  test('PATCH on a person moves it and moves the chain version on; a stale version answers 409', async () => {
    const { org, ids, body } = await sampleChain();
    await put(adminToken, `/api/accounts/${org.id}/decision-chain`, body);
    const res = await admin.patch(`/api/accounts/${org.id}/decision-chain/nodes/${ids.ceo}`, { version: 1, x: 333.5, y: -20, support: 'supporter' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, node: { x: 333.5, y: -20, support: 'supporter' } });
    expect((await admin.patch(`/api/accounts/${org.id}/decision-chain/nodes/${ids.ceo}`, { version: 1, x: 0 })).statusCode).toBe(409);
    expect((await admin.patch(`/api/accounts/${org.id}/decision-chain/nodes/${randomUUID()}`, { version: 2, x: 0 })).statusCode).toBe(404);
    expect((await admin.patch(`/api/accounts/${org.id}/decision-chain/nodes/${ids.ceo}`, { version: 2, departmentId: randomUUID() })).statusCode).toBe(400);
  });

  test('listChainPeople gives other modules the people with name, support and competitor', async () => {
    const { org, body } = await sampleChain();
    await put(adminToken, `/api/accounts/${org.id}/decision-chain`, body);
    const user = await makeUser(t, { role: 'admin' });
    const identity = await loadIdentity(t.database.db, user.id);
    if (!identity) throw new Error('no identity');
    const ctx: Ctx = {
      db: t.database.db,
      config: t.config,
      actor: { userId: user.id, teamId: identity.teamId, teamPath: identity.teamPath, permissions: parsePermissions(identity.permissions), ip: null },
    };
    const people = await listChainPeople(t.database.db, ctx, org.id);
    expect(people.find((p) => p.contactName === '李工')).toMatchObject({ support: 'opponent', favouredCompetitor: 'Acme', strength: 4, level: 'middle' });
    await expect(listChainPeople(t.database.db, ctx, randomUUID())).rejects.toMatchObject({ status: 404 });
  });
});

describe('coverage', () => {
  test('counts empty departments, deciders nobody covers and people with no recent activity', async () => {
    const { org, contact } = await account();
    const [boss, approver, user, fresh] = await Promise.all([contact('赵总'), contact('钱处'), contact('孙工'), contact('周工')]);
    const owner = await makeUser(t, { role: 'sales_rep', name: '我方销售' });
    // 周工 was met yesterday; nobody else has any activity.
    const act = await admin.post('/api/activities', {
      kind: 'visit',
      subject: '拜访',
      occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
      organizationId: org.id,
      contactIds: [fresh.id],
    });
    expect(act.statusCode, act.body).toBe(201);
    const d = { buy: randomUUID(), it: randomUUID(), legal: randomUUID() };
    const res = await put(adminToken, `/api/accounts/${org.id}/decision-chain`, {
      version: 0,
      departments: [
        { id: d.buy, name: '采购部' },
        { id: d.it, name: '信息部' },
        { id: d.legal, name: '法务部' },
      ],
      nodes: [
        { id: randomUUID(), contactId: boss.id, departmentId: d.it, buyingRole: 'decision_maker', level: 'senior' },
        { id: randomUUID(), contactId: approver.id, departmentId: d.buy, buyingRole: 'approver', level: 'middle', ourOwnerId: owner.id },
        { id: randomUUID(), contactId: user.id, departmentId: d.it, buyingRole: 'user', level: 'junior' },
        { id: randomUUID(), contactId: fresh.id, buyingRole: 'approver', level: 'middle', ourOwnerId: owner.id },
      ],
      edges: [],
    });
    expect(res.statusCode, res.body).toBe(200);

    const coverage = await admin.get(`/api/accounts/${org.id}/coverage`);
    expect(coverage.statusCode).toBe(200);
    const body = coverage.json();
    expect(body.staleDays).toBe(30);
    expect(body.gaps).toEqual({ emptyDepartments: 1, uncoveredDeciders: 1, stalePeople: 3, total: 5 });
    const it = body.rows.find((r: { departmentName: string }) => r.departmentName === '信息部');
    expect(it.cells.senior[0]).toMatchObject({ contactName: '赵总', gaps: ['no_owner', 'stale'] });
    expect(it.cells.junior[0]).toMatchObject({ contactName: '孙工', gaps: ['stale'] });
    expect(body.rows.find((r: { departmentName: string }) => r.departmentName === '法务部').empty).toBe(true);
    const unassigned = body.rows.find((r: { departmentId: string | null }) => r.departmentId === null);
    expect(unassigned.cells.middle[0]).toMatchObject({ contactName: '周工', ourOwnerName: '我方销售', gaps: [] });

    // A shorter threshold than yesterday makes 周工 stale too.
    const strict = (await admin.get(`/api/accounts/${org.id}/coverage?staleDays=1`)).json();
    expect(strict.gaps.stalePeople).toBe(4);
    expect((await admin.get(`/api/accounts/${org.id}/coverage?staleDays=0`)).statusCode).toBe(400);
  });

  test('the stale threshold is a setting only a settings admin changes', async () => {
    const rep = client(t.app, (await makeUser(t, { role: 'sales_rep' })).token);
    expect((await rep.get('/api/settings/key-accounts')).json()).toEqual({ staleDays: 30 });
    expect((await put((await makeUser(t, { role: 'sales_rep' })).token, '/api/settings/key-accounts', { staleDays: 10 })).statusCode).toBe(403);
    expect((await put(adminToken, '/api/settings/key-accounts', { staleDays: 10 })).statusCode).toBe(200);
    expect((await rep.get('/api/settings/key-accounts')).json()).toEqual({ staleDays: 10 });
    await put(adminToken, '/api/settings/key-accounts', { staleDays: 30 });
  });
});

describe('organization-level relations', () => {
  test('are created, listed newest first, changed with a version and deleted, each audited', async () => {
    const { org } = await account();
    const base = `/api/accounts/${org.id}/relations`;
    const a = await admin.post(base, {
      kind: 'strategic_agreement',
      title: '战略合作协议',
      happenedOn: '2026-03-01',
      ourPeople: '董事长',
      theirPeople: '总裁',
    });
    expect(a.statusCode, a.body).toBe(201);
    const b = await admin.post(base, { kind: 'executive_visit', title: '高层互访', happenedOn: '2026-05-10' });
    expect((await admin.get(base)).json().items.map((r: { title: string }) => r.title)).toEqual(['高层互访', '战略合作协议']);
    expect((await admin.post(base, { kind: 'party', title: 'x' })).statusCode).toBe(400);
    const changed = await admin.patch(`${base}/${a.json().id}`, { version: 1, notes: '三年框架' });
    expect(changed.json()).toMatchObject({ version: 2, notes: '三年框架' });
    expect((await admin.patch(`${base}/${a.json().id}`, { version: 1, notes: 'stale' })).statusCode).toBe(409);
    expect((await admin.delete(`${base}/${b.json().id}`)).statusCode).toBe(204);
    expect((await admin.get(base)).json().items).toHaveLength(1);
    const log = await t.database.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityType', '=', 'account_relations')
      .where('entityId', '=', b.json().id)
      .execute();
    expect(log.map((l) => l.action).sort()).toEqual(['create', 'delete']);
  });
});

describe('key-account scope', () => {
  test("a rep outside the organization's scope gets 404 on every endpoint; inside, 200", async () => {
    const teamA = await makeTeam(t.database.db, 'Scope A');
    const teamB = await makeTeam(t.database.db, 'Scope B');
    const insider = await makeUser(t, { role: 'sales_rep', teamId: teamA.id });
    const outsider = await makeUser(t, { role: 'sales_rep', teamId: teamB.id });
    const { org, ids, body } = await sampleChain();
    await admin.patch(`/api/organizations/${org.id}`, { version: org.version, ownerId: insider.id });
    expect((await put(adminToken, `/api/accounts/${org.id}/decision-chain`, body)).statusCode).toBe(200);
    const rel = (await admin.post(`/api/accounts/${org.id}/relations`, { kind: 'other', title: '年会' })).json();

    const out = client(t.app, outsider.token);
    const base = `/api/accounts/${org.id}`;
    expect((await out.get(`${base}/decision-chain`)).statusCode).toBe(404);
    expect((await put(outsider.token, `${base}/decision-chain`, { ...body, version: 1 })).statusCode).toBe(404);
    expect((await out.patch(`${base}/decision-chain/nodes/${ids.ceo}`, { version: 1, x: 1 })).statusCode).toBe(404);
    expect((await out.get(`${base}/coverage`)).statusCode).toBe(404);
    expect((await out.get(`${base}/relations`)).statusCode).toBe(404);
    expect((await out.post(`${base}/relations`, { kind: 'other', title: 'x' })).statusCode).toBe(404);
    expect((await out.patch(`${base}/relations/${rel.id}`, { version: 1, title: 'x' })).statusCode).toBe(404);
    expect((await out.delete(`${base}/relations/${rel.id}`)).statusCode).toBe(404);
    const dashboard = (await out.get('/api/accounts/dashboard')).json();
    expect(dashboard.accounts.map((a: { organizationId: string }) => a.organizationId)).not.toContain(org.id);
    // Nothing changed behind the 404s.
    expect((await admin.get(`${base}/decision-chain`)).json().version).toBe(1);

    const inside = client(t.app, insider.token);
    expect((await inside.get(`${base}/decision-chain`)).statusCode).toBe(200);
    expect((await inside.get(`${base}/coverage`)).statusCode).toBe(200);
    expect((await inside.patch(`${base}/decision-chain/nodes/${ids.ceo}`, { version: 1, x: 5 })).statusCode).toBe(200);
    const mine = (await inside.get('/api/accounts/dashboard')).json();
    expect(mine.accounts.find((a: { organizationId: string }) => a.organizationId === org.id)).toMatchObject({ people: 3, supporters: 1, opponents: 1 });
  });

  test('a role without key-account rights gets 403, and one that may only read cannot save or change', async () => {
    const { org, ids, body } = await sampleChain();
    expect((await put(adminToken, `/api/accounts/${org.id}/decision-chain`, body)).statusCode).toBe(200);
    const noneRole = await makeRole(t.database.db, { organizations: { actions: ['read'], scope: 'all' } });
    const none = await makeUser(t, { roleId: noneRole });
    const nc = client(t.app, none.token);
    expect((await nc.get(`/api/accounts/${org.id}/decision-chain`)).statusCode).toBe(403);
    expect((await nc.get(`/api/accounts/${org.id}/coverage`)).statusCode).toBe(403);
    expect((await nc.get(`/api/accounts/${org.id}/relations`)).statusCode).toBe(403);
    expect((await nc.get('/api/accounts/dashboard')).statusCode).toBe(403);

    const readerRole = await makeRole(t.database.db, { key_accounts: { actions: ['read'], scope: 'all' } });
    const reader = await makeUser(t, { roleId: readerRole });
    const rc = client(t.app, reader.token);
    expect((await rc.get(`/api/accounts/${org.id}/decision-chain`)).statusCode).toBe(200);
    expect((await put(reader.token, `/api/accounts/${org.id}/decision-chain`, { ...body, version: 1, edges: [] })).statusCode).toBe(403);
    expect((await rc.patch(`/api/accounts/${org.id}/decision-chain/nodes/${ids.ceo}`, { version: 1, x: 1 })).statusCode).toBe(403);
    expect((await rc.post(`/api/accounts/${org.id}/relations`, { kind: 'other', title: 'x' })).statusCode).toBe(403);
    // A save that only moves people needs update but not delete rights.
    const updaterRole = await makeRole(t.database.db, { key_accounts: { actions: ['read', 'update'], scope: 'all' } });
    const updater = await makeUser(t, { roleId: updaterRole });
    const moved = { ...body, version: 1, nodes: body.nodes.map((n) => ({ ...n, x: 7 })) };
    expect((await put(updater.token, `/api/accounts/${org.id}/decision-chain`, moved)).statusCode).toBe(200);
    expect((await put(updater.token, `/api/accounts/${org.id}/decision-chain`, { ...moved, version: 2, edges: [] })).statusCode).toBe(403);
  });
});
