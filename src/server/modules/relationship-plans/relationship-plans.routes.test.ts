import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Plan } from '../../../shared/schemas/relationship-plans.js';
import { makeContact, makeOrganization } from '../../test/customerFactories.js';
import { makeUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let admin: Client;
let adminToken: string;
let adminId: string;

beforeAll(async () => {
  t = await createTestApp();
  const a = await makeUser(t, { role: 'admin' });
  admin = client(t.app, a.token);
  adminToken = a.token;
  adminId = a.id;
}, 60_000);
afterAll(async () => t?.close());

/** A key account with a saved decision chain: an opposing CTO and a neutral engineer. */
async function account() {
  const org = await makeOrganization(t, { name: `规划客户 ${randomUUID().slice(0, 6)}`, tier: 'key' });
  const [cto, eng] = await Promise.all(['李总工', '张工'].map((name) => makeContact(t, { name, organizations: [{ organizationId: org.id }] })));
  const people = { cto: randomUUID(), eng: randomUUID() };
  const saved = await t.app.inject({
    method: 'PUT',
    url: `/api/accounts/${org.id}/decision-chain`,
    headers: { authorization: `Bearer ${adminToken}` },
    payload: {
      version: 0,
      departments: [],
      nodes: [
        { id: people.cto, contactId: cto.id, title: 'CTO', buyingRole: 'decision_maker', support: 'opponent', favouredCompetitor: 'Acme' },
        { id: people.eng, contactId: eng.id, buyingRole: 'technical_evaluator', support: 'neutral' },
      ],
      edges: [],
    },
  });
  if (saved.statusCode !== 200) throw new Error(saved.body);
  return { org, people };
}

describe('relationship plans', () => {
  test('a plan follows the four steps: goals with opportunities, the newest assessment, targets, linked activities and tasks', async () => {
    const { org, people } = await account();
    const dims = (await admin.get('/api/assessment-dimensions?active=true')).json().items as { id: string }[];
    const assessment = (
      await admin.post('/api/relationship-assessments', {
        organizationId: org.id,
        assessedOn: '2026-01-10',
        scores: dims.map((d) => ({ dimensionId: d.id, score: 2 })),
      })
    ).json();
    const activity = (await admin.post('/api/activities', { kind: 'visit', subject: '拜访李总工', organizationId: org.id })).json();
    const task = (await admin.post('/api/tasks', { title: '安排高层互访', entityType: 'organizations', entityId: org.id })).json();
    const res = await admin.post('/api/relationship-plans', {
      organizationId: org.id,
      year: 2026,
      marketGoals: '拿下二期项目',
      activityIds: [activity.id],
      taskIds: [task.id],
      targets: [
        { chainPersonId: people.cto, fromSupport: 'opponent', toSupport: 'neutral', dueOn: '2026-06-30', measures: '技术交流 + 样板参观', ownerId: adminId },
        { chainPersonId: people.eng, fromSupport: 'neutral', toSupport: 'neutral', status: 'achieved' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json() as Plan;
    expect(plan).toMatchObject({ year: 2026, marketGoals: '拿下二期项目', ownerId: adminId, organizationName: org.name });
    expect(plan.assessment).toMatchObject({ id: assessment.id, average: 2 });
    expect(plan.activities).toEqual([expect.objectContaining({ id: activity.id, title: '拜访李总工' })]);
    expect(plan.tasks).toEqual([expect.objectContaining({ id: task.id, title: '安排高层互访', status: 'open' })]);
    expect(plan.targets[0]).toMatchObject({ personName: '李总工', currentSupport: 'opponent', reached: false, status: 'not_started', ownerId: adminId });
    expect(plan.targets[1]).toMatchObject({ personName: '张工', reached: true, status: 'achieved' });
    expect(plan.progress).toEqual({ total: 2, achieved: 1, inProgress: 0, notStarted: 1, missed: 0, reached: 1 });

    // Monitoring reads the chain as it is now.
    const chain = (await admin.get(`/api/accounts/${org.id}/decision-chain`)).json();
    await admin.patch(`/api/accounts/${org.id}/decision-chain/nodes/${people.cto}`, { version: chain.version, support: 'neutral' });
    const again = (await admin.get(`/api/relationship-plans/${plan.id}`)).json() as Plan;
    expect(again.targets[0]).toMatchObject({ currentSupport: 'neutral', reached: true });

    // Editing keeps target ids, updates status, and is audited.
    const edited = await admin.patch(`/api/relationship-plans/${plan.id}`, {
      version: plan.version,
      targets: [{ ...again.targets[0], status: 'achieved', personName: undefined }].map(
        ({ id, chainPersonId, fromSupport, toSupport, dueOn, measures, ownerId, status }) => ({
          id,
          chainPersonId,
          fromSupport,
          toSupport,
          dueOn,
          measures,
          ownerId,
          status,
        }),
      ),
      taskIds: [],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().targets).toEqual([expect.objectContaining({ id: plan.targets[0].id, status: 'achieved' })]);
    expect(edited.json().tasks).toEqual([]);
    const history = (await admin.get(`/api/audit-log/records/relationship_plans/${plan.id}`)).json();
    expect(history.items.find((e: { action: string }) => e.action === 'update').changes).toHaveProperty('taskIds');
  });

  test('one plan per account and year; the year is free again once the plan is deleted, and restoring then answers 409', async () => {
    const { org } = await account();
    const first = await admin.post('/api/relationship-plans', { organizationId: org.id, year: 2027 });
    expect(first.statusCode).toBe(201);
    const dup = await admin.post('/api/relationship-plans', { organizationId: org.id, year: 2027 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('plan_year_taken');
    expect((await admin.post('/api/relationship-plans', { organizationId: org.id, year: 2028 })).statusCode).toBe(201);
    expect((await admin.delete(`/api/relationship-plans/${first.json().id}`)).statusCode).toBe(204);
    const replacement = await admin.post('/api/relationship-plans', { organizationId: org.id, year: 2027 });
    expect(replacement.statusCode).toBe(201);
    expect((await admin.post(`/api/recycle-bin/relationship_plans/${first.json().id}/restore`)).statusCode).toBe(409);
    const list = (await admin.get(`/api/relationship-plans?organizationId=${org.id}&total=true`)).json();
    expect(list.items.map((p: { year: number }) => p.year)).toEqual([2028, 2027]);
    expect((await admin.get(`/api/relationship-plans?organizationId=${org.id}&year=2027`)).json().items[0].id).toBe(replacement.json().id);
  });

  test('targets must name people of this chain once, within the plan year, with real owners; links must be the account’s', async () => {
    const { org, people } = await account();
    const other = await account();
    const foreignActivity = (await admin.post('/api/activities', { kind: 'call', subject: '别家', organizationId: other.org.id })).json();
    const res = await admin.post('/api/relationship-plans', {
      organizationId: org.id,
      year: 2026,
      activityIds: [foreignActivity.id],
      opportunityIds: [randomUUID()],
      assessmentId: randomUUID(),
      targets: [
        { chainPersonId: other.people.cto, fromSupport: 'opponent', toSupport: 'supporter' },
        { chainPersonId: people.cto, fromSupport: 'opponent', toSupport: 'neutral', dueOn: '2027-01-01', ownerId: randomUUID() },
        { chainPersonId: people.cto, fromSupport: 'opponent', toSupport: 'supporter' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(
      ['activityIds', 'assessmentId', 'opportunityIds', 'targets.0.chainPersonId', 'targets.1.dueOn', 'targets.1.ownerId', 'targets.2.chainPersonId'].sort(),
    );
    expect(
      (
        await admin.post('/api/relationship-plans', {
          organizationId: org.id,
          year: 2026,
          targets: [{ chainPersonId: people.cto, fromSupport: 'x', toSupport: 'neutral' }],
        })
      ).statusCode,
    ).toBe(400);
    expect((await admin.post('/api/relationship-plans', { organizationId: org.id, year: 1999 })).statusCode).toBe(400);
    expect((await admin.get(`/api/relationship-plans?organizationId=${org.id}&total=true`)).json().total).toBe(0);
  });
});
