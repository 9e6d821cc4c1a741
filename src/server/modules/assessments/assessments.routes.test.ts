import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Assessment, AssessmentOverview, Dimension } from '../../../shared/schemas/assessments.js';
import { makeOrganization } from '../../test/customerFactories.js';
import { makeRole, makeUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';
import { latestAssessmentSummaries } from './assessments.service.js';

let t: TestApp;
let admin: Client;
let adminId: string;
let rep: Client;
let repId: string;

beforeAll(async () => {
  t = await createTestApp();
  const a = await makeUser(t, { role: 'admin' });
  admin = client(t.app, a.token);
  adminId = a.id;
  // A key-account rep: full rights on key accounts, none on settings.
  const roleId = await makeRole(t.database.db, {
    organizations: { actions: ['read', 'create', 'update'], scope: 'all' },
    key_accounts: { actions: ['read', 'create', 'update', 'delete'], scope: 'all' },
  });
  const r = await makeUser(t, { roleId, name: 'Key rep' });
  rep = client(t.app, r.token);
  repId = r.id;
}, 60_000);
afterAll(async () => t?.close());

/** The test client has no PUT. */
function put(c: { token: string }, url: string, body: unknown) {
  return t.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${c.token}` }, payload: body as object });
}

async function activeDimensions(): Promise<Dimension[]> {
  return (await admin.get('/api/assessment-dimensions?active=true')).json().items;
}

/** Scores for every active dimension, e.g. all 3s, or per key. */
async function scores(value: number | Record<string, number>) {
  return (await activeDimensions()).map((d) => ({ dimensionId: d.id, score: typeof value === 'number' ? value : (value[d.key] ?? 3) }));
}

describe('assessment dimensions', () => {
  test('the migration ships the six dimensions of the method, bilingual and in order, with a 1–5 scale', async () => {
    const res = await rep.get('/api/assessment-dimensions');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.scale).toEqual({ max: 5 });
    expect(body.items.map((d: Dimension) => d.nameZh)).toEqual([
      '决策链覆盖度',
      '关键人关系深度',
      '高层互动',
      '信任度',
      '相对竞争对手的地位',
      '当前项目支持度',
    ]);
    expect(body.items.every((d: Dimension) => d.active && d.nameEn && d.descriptionZh)).toBe(true);
  });

  test('admins add, rename, deactivate and delete a dimension; the change is audited', async () => {
    const created = await admin.post('/api/assessment-dimensions', { key: 'service_quality', nameEn: 'Service quality', nameZh: '服务质量' });
    expect(created.statusCode).toBe(201);
    const d = created.json() as Dimension;
    expect(d.sortOrder).toBeGreaterThan(60);
    expect((await admin.post('/api/assessment-dimensions', { key: 'service_quality', nameEn: 'x', nameZh: 'x' })).statusCode).toBe(409);
    const renamed = await admin.patch(`/api/assessment-dimensions/${d.id}`, { version: d.version, nameZh: '服务满意度', active: false });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ nameZh: '服务满意度', active: false, version: 2 });
    expect((await admin.patch(`/api/assessment-dimensions/${d.id}`, { version: d.version, nameEn: 'stale' })).statusCode).toBe(409);
    expect((await admin.get('/api/assessment-dimensions?active=true')).json().items.map((x: Dimension) => x.id)).not.toContain(d.id);
    const history = (await admin.get(`/api/audit-log/records/assessment_dimensions/${d.id}`)).json();
    expect(history.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['create', 'update']));
    expect((await admin.delete(`/api/assessment-dimensions/${d.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/assessment-dimensions/${d.id}`)).statusCode).toBe(404);
  });

  test('a key-account rep may read the dimensions but not change them or the scale', async () => {
    const [first] = await activeDimensions();
    expect((await rep.post('/api/assessment-dimensions', { key: 'x_y', nameEn: 'x', nameZh: 'x' })).statusCode).toBe(403);
    expect((await rep.patch(`/api/assessment-dimensions/${first.id}`, { version: first.version, nameEn: 'x' })).statusCode).toBe(403);
    expect((await rep.delete(`/api/assessment-dimensions/${first.id}`)).statusCode).toBe(403);
    expect((await rep.get('/api/settings/assessment-scale')).json()).toEqual({ max: 5 });
    const repToken = { token: (await makeUser(t, { roleId: await makeRole(t.database.db, { key_accounts: { actions: ['read'], scope: 'all' } }) })).token };
    expect((await put(repToken, '/api/settings/assessment-scale', { max: 7 })).statusCode).toBe(403);
  });

  test('bad dimension input answers 400 naming the fields', async () => {
    const res = await admin.post('/api/assessment-dimensions', { key: 'Bad Key', nameEn: '', nameZh: 'x', sortOrder: -1 });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(expect.arrayContaining(['key', 'nameEn', 'sortOrder']));
  });
});

describe('relationship assessments', () => {
  test('scores outside the scale, inactive or unknown dimensions, duplicates and gaps answer 400', async () => {
    const org = await makeOrganization(t, { name: '评分校验客户' });
    const dims = await activeDimensions();
    const base = { organizationId: org.id, assessedOn: '2026-01-15' };
    const tooHigh = await rep.post('/api/relationship-assessments', { ...base, scores: dims.map((d, i) => ({ dimensionId: d.id, score: i === 0 ? 6 : 0 })) });
    expect(tooHigh.statusCode).toBe(400);
    expect(tooHigh.json().error.fields).toMatchObject({ 'scores.0.score': 'Must be from 1 to 5', 'scores.1.score': 'Must be from 1 to 5' });
    const missing = await rep.post('/api/relationship-assessments', { ...base, scores: dims.slice(1).map((d) => ({ dimensionId: d.id, score: 3 })) });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.scores).toContain(dims[0].key);
    const twice = await rep.post('/api/relationship-assessments', {
      ...base,
      scores: [...dims.map((d) => ({ dimensionId: d.id, score: 3 })), { dimensionId: dims[0].id, score: 4 }],
    });
    expect(twice.json().error.fields[`scores.${dims.length}.dimensionId`]).toBe('Scored twice');
    const unknown = await rep.post('/api/relationship-assessments', {
      ...base,
      scores: [...dims.map((d) => ({ dimensionId: d.id, score: 3 })), { dimensionId: '01900000-0000-7000-8000-0000000000ff', score: 3 }],
    });
    expect(unknown.json().error.fields[`scores.${dims.length}.dimensionId`]).toBe('Not an active dimension');
    const future = await rep.post('/api/relationship-assessments', { ...base, assessedOn: '2999-01-01', scores: await scores(3) });
    expect(future.json().error.fields.assessedOn).toBe('Cannot be in the future');
    expect((await rep.post('/api/relationship-assessments', { ...base, assessedOn: '2026-02-30', scores: await scores(3) })).statusCode).toBe(400);
    expect((await rep.post('/api/relationship-assessments', { ...base, scores: 'high' })).statusCode).toBe(400);
    expect((await rep.get(`/api/relationship-assessments?organizationId=${org.id}&total=true`)).json().total).toBe(0);
  });

  test('the overview compares the newest assessment with the previous one and draws the trend oldest first', async () => {
    const org = await makeOrganization(t, { name: '雷达客户' });
    const first = await rep.post('/api/relationship-assessments', {
      organizationId: org.id,
      assessedOn: '2025-06-30',
      scores: await scores(2),
      notes: '上半年',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ average: 2, scaleMax: 5, assessorId: repId, isLatest: true, canEdit: true });
    const second = await rep.post('/api/relationship-assessments', {
      organizationId: org.id,
      assessedOn: '2025-12-31',
      scores: await scores({ trust: 5, executive_engagement: 4 }),
    });
    expect(second.statusCode).toBe(201);
    // Entered late, dated in between: it is neither the newest nor the one compared against.
    await rep.post('/api/relationship-assessments', { organizationId: org.id, assessedOn: '2025-01-31', scores: await scores(1) });

    const overview = (await rep.get(`/api/relationship-assessments/overview?organizationId=${org.id}`)).json() as AssessmentOverview;
    expect(overview.dimensions).toHaveLength(6);
    expect(overview.latest?.id).toBe(second.json().id);
    expect(overview.previous?.id).toBe(first.json().id);
    expect(overview.latest?.scores.find((s) => s.dimensionKey === 'trust')?.score).toBe(5);
    expect(overview.latest?.average).toBe(3.5);
    expect(overview.trend.map((p) => p.assessedOn)).toEqual(['2025-01-31', '2025-06-30', '2025-12-31']);
    expect(overview.trend.map((p) => p.average)).toEqual([1, 2, 3.5]);

    const list = (await rep.get(`/api/relationship-assessments?organizationId=${org.id}`)).json();
    expect(list.items.map((a: Assessment) => a.assessedOn)).toEqual(['2025-12-31', '2025-06-30', '2025-01-31']);
    expect(list.items.map((a: Assessment) => a.isLatest)).toEqual([true, false, false]);

    const summaries = await latestAssessmentSummaries(t.database.db, [org.id, (await makeOrganization(t)).id]);
    expect(summaries.size).toBe(1);
    expect(summaries.get(org.id)).toMatchObject({ assessmentId: second.json().id, assessedOn: '2025-12-31', average: 3.5, previousAverage: 2, scaleMax: 5 });
  });

  test('only the author may correct an assessment, and only while it is the newest; corrections are audited', async () => {
    const org = await makeOrganization(t, { name: '修改规则客户' });
    const older = (await rep.post('/api/relationship-assessments', { organizationId: org.id, assessedOn: '2025-03-01', scores: await scores(3) })).json();
    const fix = await rep.patch(`/api/relationship-assessments/${older.id}`, { version: older.version, scores: await scores(4), notes: '更正' });
    expect(fix.statusCode).toBe(200);
    expect(fix.json()).toMatchObject({ average: 4, notes: '更正', version: 2 });
    expect((await admin.patch(`/api/relationship-assessments/${older.id}`, { version: 2, notes: 'not mine' })).json().error.code).toBe('assessment_not_author');

    const newer = (await admin.post('/api/relationship-assessments', { organizationId: org.id, assessedOn: '2025-09-01', scores: await scores(5) })).json();
    expect(newer.assessorId).toBe(adminId);
    const late = await rep.patch(`/api/relationship-assessments/${older.id}`, { version: 2, notes: 'too late' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('assessment_not_latest');
    expect((await rep.get(`/api/relationship-assessments/${older.id}`)).json()).toMatchObject({ isLatest: false, canEdit: false });

    const history = (await admin.get(`/api/audit-log/records/relationship_assessments/${older.id}`)).json();
    const update = history.items.find((e: { action: string }) => e.action === 'update');
    expect(update.changes.scores.after.trust).toBe(4);
    expect(update.changes.notes).toEqual({ before: null, after: '更正' });

    // Deleting the newest makes the older one the newest again.
    expect((await admin.delete(`/api/relationship-assessments/${newer.id}`)).statusCode).toBe(204);
    expect((await rep.get(`/api/relationship-assessments/${older.id}`)).json().canEdit).toBe(true);
    expect((await admin.post(`/api/recycle-bin/relationship_assessments/${newer.id}/restore`)).statusCode).toBeLessThan(300);
    expect((await rep.get(`/api/relationship-assessments/${newer.id}`)).json().isLatest).toBe(true);
  });

  test('a larger scale accepts higher scores for new assessments while old ones keep their top', async () => {
    const org = await makeOrganization(t, { name: '量表客户' });
    const before = (await rep.post('/api/relationship-assessments', { organizationId: org.id, assessedOn: '2025-01-01', scores: await scores(5) })).json();
    const adminToken = { token: (await makeUser(t, { role: 'admin' })).token };
    expect((await put(adminToken, '/api/settings/assessment-scale', { max: 11 })).statusCode).toBe(400);
    expect((await put(adminToken, '/api/settings/assessment-scale', { max: 10 })).json()).toEqual({ max: 10 });
    try {
      const after = await rep.post('/api/relationship-assessments', { organizationId: org.id, assessedOn: '2025-02-01', scores: await scores(9) });
      expect(after.statusCode).toBe(201);
      expect(after.json().scaleMax).toBe(10);
      expect((await rep.get(`/api/relationship-assessments/${before.id}`)).json().scaleMax).toBe(5);
    } finally {
      await put(adminToken, '/api/settings/assessment-scale', { max: 5 });
    }
  });

  test('a deactivated dimension is no longer scored, yet old assessments still show it', async () => {
    const org = await makeOrganization(t, { name: '停用维度客户' });
    const old = (await rep.post('/api/relationship-assessments', { organizationId: org.id, assessedOn: '2024-05-01', scores: await scores(3) })).json();
    const [first] = await activeDimensions();
    await admin.patch(`/api/assessment-dimensions/${first.id}`, { version: first.version, active: false });
    try {
      const stale = await rep.post('/api/relationship-assessments', {
        organizationId: org.id,
        assessedOn: '2024-06-01',
        scores: old.scores.map((s: { dimensionId: string }) => ({ dimensionId: s.dimensionId, score: 3 })),
      });
      expect(stale.json().error.fields['scores.0.dimensionId']).toBe('Not an active dimension');
      expect((await rep.get(`/api/relationship-assessments/${old.id}`)).json().scores[0].nameZh).toBe(first.nameZh);
      const overview = (await rep.get(`/api/relationship-assessments/overview?organizationId=${org.id}`)).json() as AssessmentOverview;
      expect(overview.dimensions.map((d) => d.id)).toContain(first.id);
    } finally {
      await admin.patch(`/api/assessment-dimensions/${first.id}`, { version: first.version + 1, active: true });
    }
  });
});
