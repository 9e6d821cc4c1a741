import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTeam, makeUser, type TestUser } from '../../test/factories.js';
import { insertOpportunity, insertOrder, insertOrganization, insertPipeline, insertProduct, insertTarget } from '../../test/salesReportFactories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

/**
 * One fixed data set, every figure below worked out by hand (the comments show the sums). Runs on
 * SQLite and on PostgreSQL (DATABASE_URL), which must agree to the cent.
 */
let t: TestApp;
let admin: Client;
let repA: TestUser;
let repB: TestUser;
let repC: TestUser;
let team1: { id: string; path: string };
let team2: { id: string; path: string };
let pipelineId: string;
let p1: string;
let p2: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  team1 = await makeTeam(db, 'East 华东');
  team2 = await makeTeam(db, 'North 华北');
  admin = client(t.app, (await makeUser(t, { role: 'admin' })).token);
  repA = await makeUser(t, { role: 'sales_rep', teamId: team1.id, name: 'Rep A' });
  repB = await makeUser(t, { role: 'sales_rep', teamId: team1.id, name: 'Rep B' });
  repC = await makeUser(t, { role: 'sales_rep', teamId: team2.id, name: 'Rep C' });
  const A = { ownerId: repA.id, teamId: team1.id };
  const B = { ownerId: repB.id, teamId: team1.id };
  const C = { ownerId: repC.id, teamId: team2.id };

  const p = await insertPipeline(db, [
    { name: 'Qualify', probability: 10, kind: 'open' },
    { name: 'Proposal', probability: 50, kind: 'open' },
    { name: 'Negotiation', probability: 80, kind: 'open' },
    { name: 'Won', probability: 100, kind: 'won' },
    { name: 'Lost', probability: 0, kind: 'lost' },
  ]);
  pipelineId = p.pipelineId;
  const [s1, s2, s3, won, lost] = p.stageIds;

  const o1 = await insertOrganization(db, { ...A, province: '440000', industry: 'Manufacturing', createdAt: '2026-03-05T01:00:00.000Z' });
  const o2 = await insertOrganization(db, { ...B, province: '310000', industry: 'Retail', createdAt: '2026-03-05T02:00:00.000Z' });
  const o3 = await insertOrganization(db, { ...C, province: '110000', industry: 'Retail', createdAt: '2026-03-06T03:00:00.000Z' });
  const o4 = await insertOrganization(db, { ...A, province: '440000', industry: null, createdAt: '2026-03-06T23:59:59.000Z' });

  const opp = (o: Parameters<typeof insertOpportunity>[1]) => insertOpportunity(db, o);
  const base = { organizationId: o1, pipelineId };
  await opp({ ...base, ...A, stageId: s1, status: 'open', amount: '1000.05', expectedCloseDate: '2026-03-20', createdAt: '2026-01-10T00:00:00.000Z' });
  await opp({ ...base, ...A, stageId: s2, status: 'open', amount: '2000.00', expectedCloseDate: '2026-03-25', createdAt: '2026-01-15T00:00:00.000Z' });
  await opp({ ...base, ...B, stageId: s3, status: 'open', amount: '3000.50', expectedCloseDate: '2026-03-31', createdAt: '2026-02-01T00:00:00.000Z' });
  await opp({ ...base, ...A, stageId: won, status: 'won', amount: '5000.00', createdAt: '2026-01-01T08:00:00.000Z', closedAt: '2026-03-11T09:00:00.000Z' });
  await opp({ ...base, ...B, stageId: won, status: 'won', amount: '4000.00', createdAt: '2026-02-01T23:00:00.000Z', closedAt: '2026-03-03T01:00:00.000Z' });
  await opp({ ...base, ...B, stageId: lost, status: 'lost', amount: '1500.00', createdAt: '2026-02-10T00:00:00.000Z', closedAt: '2026-03-15T00:00:00.000Z' });
  await opp({ ...base, ...C, stageId: lost, status: 'lost', amount: '800.00', createdAt: '2026-01-20T00:00:00.000Z', closedAt: '2026-03-31T23:59:59.000Z' });
  // Another currency, and dates outside the ranges: never counted below.
  await opp({
    ...base,
    ...A,
    stageId: s2,
    status: 'open',
    amount: '999.99',
    currency: 'USD',
    expectedCloseDate: '2026-03-10',
    createdAt: '2026-01-05T00:00:00.000Z',
  });
  await opp({ ...base, ...C, stageId: s1, status: 'open', amount: '700.00', expectedCloseDate: '2026-04-15', createdAt: '2026-02-20T00:00:00.000Z' });
  await opp({ ...base, ...A, stageId: won, status: 'won', amount: '100.00', createdAt: '2025-12-01T00:00:00.000Z', closedAt: '2025-12-31T23:00:00.000Z' });

  p1 = await insertProduct(db, 'Pump 水泵');
  p2 = await insertProduct(db, 'Valve 阀门');
  const order = (o: Parameters<typeof insertOrder>[1]) => insertOrder(db, o);
  await order({
    ...A,
    organizationId: o1,
    status: 'active',
    signedOn: '2026-01-15',
    lines: [
      { productId: p1, total: '6000.00' },
      { productId: p2, total: '4000.00' },
    ],
    installments: [
      { dueOn: '2026-01-20', amount: '5000.00', paid: '5000.00' },
      { dueOn: '2026-03-15', amount: '5000.00', paid: '1000.00' },
    ],
  });
  // 0.1 + 0.2 must be 0.30, not 0.30000000000000004.
  await order({
    ...A,
    organizationId: o4,
    status: 'completed',
    signedOn: '2026-02-20',
    lines: [
      { productId: p1, total: '0.10' },
      { productId: p2, total: '0.20' },
    ],
    installments: [{ dueOn: '2026-03-31', amount: '0.30' }],
  });
  await order({
    ...B,
    organizationId: o2,
    status: 'active',
    signedOn: '2026-03-05',
    lines: [{ productId: p2, total: '12345678901.23' }],
    installments: [{ dueOn: '2025-12-01', amount: '12345678901.23' }],
  });
  await order({
    ...C,
    organizationId: o3,
    status: 'active',
    signedOn: '2026-03-28',
    lines: [{ productId: p1, total: '2500.00' }],
    installments: [
      { dueOn: '2026-02-14', amount: '1000.00' },
      { dueOn: '2026-01-15', amount: '1500.00' },
      { dueOn: '2026-03-01', amount: '0.01' },
    ],
  });
  // Not revenue: a draft, a cancelled order, another currency, before the range.
  await order({
    ...C,
    organizationId: o3,
    status: 'draft',
    signedOn: '2026-03-01',
    lines: [{ productId: p1, total: '9999.00' }],
    installments: [{ dueOn: '2026-01-01', amount: '9999.00' }],
  });
  await order({ ...A, organizationId: o1, status: 'cancelled', signedOn: '2026-02-01', lines: [{ productId: p1, total: '500.00' }] });
  await order({ ...B, organizationId: o2, status: 'active', currency: 'USD', signedOn: '2026-02-02', lines: [{ productId: p2, total: '700.00' }] });
  await order({ ...A, organizationId: o1, status: 'active', signedOn: '2025-12-30', lines: [{ productId: p1, total: '1000.00' }] });

  const target = (x: Parameters<typeof insertTarget>[1]) => insertTarget(db, x);
  await target({ subjectType: 'user', ...{ userId: repA.id, teamId: team1.id }, period: 'month', periodStart: '2026-03-01', amount: '8000.00' });
  await target({ subjectType: 'user', ...{ userId: repB.id, teamId: team1.id }, period: 'month', periodStart: '2026-03-01', amount: '6000.00' });
  await target({ subjectType: 'user', ...{ userId: repC.id, teamId: team2.id }, period: 'month', periodStart: '2026-03-01', amount: '2000.00' });
  await target({ subjectType: 'team', teamId: team1.id, period: 'month', periodStart: '2026-03-01', amount: '15000.00' });
  // Another period and another currency: not this month's target.
  await target({ subjectType: 'user', ...{ userId: repA.id, teamId: team1.id }, period: 'quarter', periodStart: '2026-01-01', amount: '30000.00' });
  await target({
    subjectType: 'user',
    ...{ userId: repA.id, teamId: team1.id },
    period: 'month',
    periodStart: '2026-03-01',
    amount: '900.00',
    currency: 'USD',
  });
}, 60_000);
afterAll(async () => t?.close());

const Q1 = 'from=2026-01-01&to=2026-03-31';
const MARCH = 'from=2026-03-01&to=2026-03-31';

async function report(c: Client, name: string, qs: string) {
  const res = await c.get(`/api/reports/sales/${name}?${qs}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const pick = (rows: Record<string, unknown>[], ...keys: string[]) => rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]])));
const byOwner = (rows: { owner: string }[]) => [...rows].sort((a, b) => a.owner.localeCompare(b.owner));

describe('sales reports over a fixed data set', () => {
  test('funnel: opportunities created in the range per stage, reached counts and weighted amounts', async () => {
    const body = await report(admin, 'funnel', `${Q1}&pipelineId=${pipelineId}`);
    expect(pick(body.rows, 'stage', 'count', 'reached', 'amount', 'weighted')).toEqual([
      // 1000.05 + 700.00; weighted 1700.05 × 10% = 170.005 → 170.01 (half-up)
      { stage: 'Qualify', count: 2, reached: 6, amount: '1700.05', weighted: '170.01' },
      { stage: 'Proposal', count: 1, reached: 4, amount: '2000.00', weighted: '1000.00' },
      // 3000.50 × 80%
      { stage: 'Negotiation', count: 1, reached: 3, amount: '3000.50', weighted: '2400.40' },
      { stage: 'Won', count: 2, reached: 2, amount: '9000.00', weighted: '9000.00' },
      { stage: 'Lost', count: 2, reached: 2, amount: '2300.00', weighted: '0.00' },
    ]);
    expect(body.totals).toMatchObject({ count: 8, amount: '18000.55', weighted: '12570.41' });
  });

  test('funnel without a pipeline uses the default pipeline', async () => {
    const body = await report(admin, 'funnel', Q1);
    const first = (await admin.get('/api/pipelines')).json();
    const expected = first.items?.find((x: { isDefault: boolean }) => x.isDefault)?.id ?? body.totals.pipelineId;
    expect(body.totals.pipelineId).toBe(expected);
    expect(body.rows).toEqual((await report(admin, 'funnel', `${Q1}&pipelineId=${expected}`)).rows);
  });

  test('win rate: won and lost deals closed in the range per rep', async () => {
    const body = await report(admin, 'win-rate', MARCH);
    expect(pick(byOwner(body.rows), 'owner', 'won', 'lost', 'winRate', 'wonAmount')).toEqual([
      { owner: 'Rep A', won: 1, lost: 0, winRate: '100.0', wonAmount: '5000.00' },
      { owner: 'Rep B', won: 1, lost: 1, winRate: '50.0', wonAmount: '4000.00' },
      { owner: 'Rep C', won: 0, lost: 1, winRate: '0.0', wonAmount: '0.00' },
    ]);
    expect(body.totals).toEqual({ won: 2, lost: 2, winRate: '50.0', wonAmount: '9000.00' });
  });

  test('sales cycle: average whole days from creation to won, per rep and overall', async () => {
    const body = await report(admin, 'sales-cycle', MARCH);
    // A: 2026-01-01 → 2026-03-11 = 30 + 28 + 11 = 69 days; B: 2026-02-01 → 2026-03-03 = 27 + 3 = 30 days.
    expect(pick(byOwner(body.rows), 'owner', 'won', 'avgDays')).toEqual([
      { owner: 'Rep A', won: 1, avgDays: '69.0' },
      { owner: 'Rep B', won: 1, avgDays: '30.0' },
    ]);
    expect(body.totals).toEqual({ won: 2, avgDays: '49.5' });
  });

  test('forecast: won + weighted open pipeline against the month targets', async () => {
    const body = await report(admin, 'forecast', 'period=month&periodStart=2026-03-01');
    expect(body.from).toBe('2026-03-01');
    expect(body.to).toBe('2026-03-31');
    // A: weighted (100005 × 10 + 200000 × 50) / 100 = 110000.5 → 1100.01; forecast 5000 + 1100.01; 6100.01 / 8000 = 76.25%.
    // B: 3000.50 × 80% = 2400.40; forecast 6400.40; 6400.40 / 6000 = 106.67%. C: only a target.
    expect(pick(byOwner(body.rows), 'owner', 'target', 'won', 'weighted', 'forecast', 'attainment')).toEqual([
      { owner: 'Rep A', target: '8000.00', won: '5000.00', weighted: '1100.01', forecast: '6100.01', attainment: '76.3' },
      { owner: 'Rep B', target: '6000.00', won: '4000.00', weighted: '2400.40', forecast: '6400.40', attainment: '106.7' },
      { owner: 'Rep C', target: '2000.00', won: '0.00', weighted: '0.00', forecast: '0.00', attainment: '0.0' },
    ]);
    // Reps' targets 8000 + 6000 + 2000; 12500.41 / 16000 = 78.13%.
    expect(body.totals).toMatchObject({ target: '16000.00', won: '9000.00', weighted: '3500.41', forecast: '12500.41', attainment: '78.1' });
  });

  test("forecast for a team compares with the team's own target; a range that is a month finds the month's targets", async () => {
    const body = await report(admin, 'forecast', `${MARCH}&teamId=${team1.id}`);
    expect(body.rows.map((r: { owner: string }) => r.owner).sort()).toEqual(['Rep A', 'Rep B']);
    // 12500.41 / 15000 = 83.34%
    expect(body.totals).toMatchObject({ target: '15000.00', forecast: '12500.41', attainment: '83.3', period: 'month', periodStart: '2026-03-01' });
    const custom = await report(admin, 'forecast', 'from=2026-03-02&to=2026-03-31');
    expect(custom.totals.target).toBeNull();
  });

  test('revenue by province, month, rep, team, region, industry and product', async () => {
    const rows = async (groupBy: string) => pick((await report(admin, 'revenue', `${Q1}&groupBy=${groupBy}`)).rows, 'key', 'name', 'orders', 'amount');
    expect(await rows('province')).toEqual([
      { key: '310000', name: '上海市', orders: 1, amount: '12345678901.23' },
      // 10000.00 + 0.30
      { key: '440000', name: '广东省', orders: 2, amount: '10000.30' },
      { key: '110000', name: '北京市', orders: 1, amount: '2500.00' },
    ]);
    expect(await rows('month')).toEqual([
      { key: '2026-01', name: '2026-01', orders: 1, amount: '10000.00' },
      { key: '2026-02', name: '2026-02', orders: 1, amount: '0.30' },
      { key: '2026-03', name: '2026-03', orders: 2, amount: '12345681401.23' },
    ]);
    expect(await rows('rep')).toEqual([
      { key: repB.id, name: 'Rep B', orders: 1, amount: '12345678901.23' },
      { key: repA.id, name: 'Rep A', orders: 2, amount: '10000.30' },
      { key: repC.id, name: 'Rep C', orders: 1, amount: '2500.00' },
    ]);
    expect(await rows('team')).toEqual([
      { key: team1.id, name: 'East 华东', orders: 3, amount: '12345688901.53' },
      { key: team2.id, name: 'North 华北', orders: 1, amount: '2500.00' },
    ]);
    expect(await rows('region')).toEqual([
      { key: '3', name: 'East China', orders: 1, amount: '12345678901.23' },
      { key: '4', name: 'South Central', orders: 2, amount: '10000.30' },
      { key: '1', name: 'North China', orders: 1, amount: '2500.00' },
    ]);
    expect(await rows('industry')).toEqual([
      { key: 'Retail', name: 'Retail', orders: 2, amount: '12345681401.23' },
      { key: 'Manufacturing', name: 'Manufacturing', orders: 1, amount: '10000.00' },
      { key: null, name: null, orders: 1, amount: '0.30' },
    ]);
    // Line totals: P1 6000.00 + 0.10 + 2500.00; P2 4000.00 + 0.20 + 12345678901.23.
    expect(await rows('product')).toEqual([
      { key: p2, name: 'Valve 阀门', orders: 3, amount: '12345682901.43' },
      { key: p1, name: 'Pump 水泵', orders: 3, amount: '8500.10' },
    ]);
    const all = await report(admin, 'revenue', `${Q1}&groupBy=province`);
    expect(all.totals).toMatchObject({ orders: 4, amount: '12345691401.53' });
  });

  test('revenue names regions in Chinese for zh-CN', async () => {
    const body = await report(admin, 'revenue', `${Q1}&groupBy=region&lang=zh-CN`);
    expect(body.rows.map((r: { name: string }) => r.name)).toEqual(['华东', '中南', '华北']);
  });

  test('new customers per UTC day and province', async () => {
    const body = await report(admin, 'new-customers', MARCH);
    expect(pick(body.rows, 'day', 'province', 'count')).toEqual([
      { day: '2026-03-05', province: '310000', count: 1 },
      { day: '2026-03-05', province: '440000', count: 1 },
      { day: '2026-03-06', province: '110000', count: 1 },
      { day: '2026-03-06', province: '440000', count: 1 },
    ]);
    expect(body.totals.count).toBe(4);
  });

  test('overdue receivables per aging bucket as of the last day', async () => {
    const body = await report(admin, 'overdue-receivables', MARCH);
    // 2026-03-15: 16 days, 5000 − 1000 paid; 2026-03-01: exactly 30 days, 0.01. 2026-02-14: 45 days.
    // 2026-01-15: 75 days. 2025-12-01: 120 days. Due 2026-03-31 is not overdue yet; the draft's does not count.
    expect(body.rows).toEqual([
      { bucket: '0-30', installments: 2, amount: '4000.01' },
      { bucket: '31-60', installments: 1, amount: '1000.00' },
      { bucket: '61-90', installments: 1, amount: '1500.00' },
      { bucket: '90+', installments: 1, amount: '12345678901.23' },
    ]);
    // 4000.01 + 1000.00 + 1500.00 + 12345678901.23
    expect(body.totals).toMatchObject({ installments: 5, amount: '12345685401.24' });
  });

  test('a rep with own scope counts only their own rows', async () => {
    const a = client(t.app, repA.token);
    const revenue = await report(a, 'revenue', `${Q1}&groupBy=month`);
    expect(pick(revenue.rows, 'key', 'amount')).toEqual([
      { key: '2026-01', amount: '10000.00' },
      { key: '2026-02', amount: '0.30' },
    ]);
    const win = await report(a, 'win-rate', MARCH);
    expect(win.totals).toEqual({ won: 1, lost: 0, winRate: '100.0', wonAmount: '5000.00' });
    const overdue = await report(a, 'overdue-receivables', MARCH);
    expect(overdue.totals.amount).toBe('4000.00');
    const forecast = await report(a, 'forecast', MARCH);
    expect(forecast.totals).toMatchObject({ target: '8000.00', forecast: '6100.01' });
    const customers = await report(a, 'new-customers', MARCH);
    expect(customers.totals.count).toBe(2);
    // Asking for someone else's rows gives nothing rather than their figures.
    const other = await report(a, 'revenue', `${Q1}&groupBy=month&ownerId=${repB.id}`);
    expect(other.rows).toEqual([]);
  });

  test('filters by owner and by team (with sub-teams)', async () => {
    const byRep = await report(admin, 'revenue', `${Q1}&groupBy=month&ownerId=${repB.id}`);
    expect(pick(byRep.rows, 'key', 'amount')).toEqual([{ key: '2026-03', amount: '12345678901.23' }]);
    const byTeam = await report(admin, 'revenue', `${Q1}&groupBy=rep&teamId=${team2.id}`);
    expect(pick(byTeam.rows, 'name', 'amount')).toEqual([{ name: 'Rep C', amount: '2500.00' }]);
  });

  test('exports the table as CSV and XLSX with the export permission only', async () => {
    const csv = await admin.get(`/api/reports/sales/revenue?${Q1}&groupBy=province&format=csv&lang=zh-CN`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toBe('\uFEFF名称,订单数,金额,占比 %\r\n上海市,1,12345678901.23,100.0\r\n广东省,2,10000.30,0.0\r\n北京市,1,2500.00,0.0\r\n');
    const xlsx = await admin.get(`/api/reports/sales/overdue-receivables?${MARCH}&format=xlsx&lang=en`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, 'Days overdue', 'Installments', 'Amount']);
    expect(sheet.getRow(5).values).toEqual([undefined, '90+', 1, '12345678901.23']);
    // A sales rep reads reports but may not export them.
    expect((await client(t.app, repA.token).get(`/api/reports/sales/revenue?${Q1}&format=csv`)).statusCode).toBe(403);
  });

  test('rejects bad input with 400 and a role without reports with 403', async () => {
    expect((await admin.get('/api/reports/sales/nonsense')).statusCode).toBe(400);
    expect((await admin.get('/api/reports/sales/revenue?from=2026-02-30')).statusCode).toBe(400);
    expect((await admin.get('/api/reports/sales/revenue?from=2026-03-01&to=2026-02-01')).statusCode).toBe(400);
    expect((await admin.get('/api/reports/sales/revenue?currency=XXX')).statusCode).toBe(400);
    expect((await admin.get('/api/reports/sales/revenue?groupBy=planet')).statusCode).toBe(400);
    expect((await admin.get('/api/reports/sales/forecast?period=quarter&periodStart=2026-02-01')).statusCode).toBe(400);
    expect((await admin.get('/api/reports/sales/forecast?period=month')).statusCode).toBe(400);
    expect((await admin.get(`/api/reports/sales/revenue?teamId=${repA.id}`)).statusCode).toBe(400);
    const none = await makeUser(t, { role: 'service_agent' });
    expect((await client(t.app, none.token).get('/api/reports/sales/funnel')).statusCode).toBe(403);
  });
});
