import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import en from '../../src/web/i18n/en.json';
import zh from '../../src/web/i18n/zh-CN.json';
import { type E2E, SCREENSHOTS, startE2E } from './harness.js';
import { expectNoEnglish, shot } from './pageChecks.js';
import { type Api, adminToken, apiWith, signedIn } from './session.js';

let e2e: E2E;
let api: Api;
const year = new Date().getUTCFullYear();
const day = (month: number, d: number) => `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

type Pipeline = { id: string; isDefault: boolean; stages: { id: string; kind: string; name: string }[] };

beforeAll(async () => {
  e2e = await startE2E();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  api = apiWith(e2e, await adminToken(e2e));
  // Customers in three provinces, deals spread over the default pipeline, and signed orders: all through the API.
  const orgs: string[] = [];
  for (const [name, province] of [
    ['华南精密制造有限公司', '440000'],
    ['上海申达贸易有限公司', '310000'],
    ['北京远景科技有限公司', '110000'],
  ]) {
    orgs.push((await api<{ id: string }>('POST', '/organizations', { name, country: 'CN', province })).id);
  }
  const pipelines = await api<{ items: Pipeline[] }>('GET', '/pipelines');
  const pipeline = pipelines.items.find((p) => p.isDefault) ?? pipelines.items[0];
  const open = pipeline.stages.filter((s) => s.kind === 'open');
  const deals = [12, 9, 7, 5, 4, 3, 2, 2, 1];
  for (const [i, count] of deals.entries()) {
    const stage = open[Math.min(Math.floor(i / 2), open.length - 1)];
    for (let n = 0; n < Math.ceil(count / 3); n++) {
      await api('POST', '/opportunities', {
        name: `Deal ${i}-${n}`,
        organizationId: orgs[(i + n) % orgs.length],
        stageId: stage.id,
        amount: `${(i + 1) * 10000}.00`,
        currency: 'CNY',
        expectedCloseDate: day(12, 20),
      });
    }
  }
  const orders: [number, string, number, string][] = [
    [0, day(1, 15), 2, '58000.00'],
    [1, day(2, 10), 1, '126000.50'],
    [2, day(3, 5), 3, '43000.00'],
    [0, day(4, 20), 1, '76000.00'],
    [1, day(5, 8), 1, '30000.00'],
  ];
  for (const [org, signedOn, quantity, unitPrice] of orders) {
    const order = await api<{ id: string; version: number }>('POST', '/orders', {
      organizationId: orgs[org],
      signedOn,
      currency: 'CNY',
      lines: [{ description: '工业控制器', quantity: String(quantity), unitPrice }],
    });
    await api('POST', `/orders/${order.id}/transition`, { to: 'active', version: order.version });
  }
}, 240_000);
afterAll(async () => e2e?.close());

/** The lazily loaded ECharts has drawn its series (SVG paths, animations finished). */
async function chartDrawn(page: Page, name: string) {
  const chart = page.getByRole('img', { name });
  await chart.locator('svg').waitFor();
  await expect.poll(() => chart.locator('svg path').count(), { timeout: 20_000 }).toBeGreaterThan(5);
  await page.waitForTimeout(1200);
}

describe('sales reports in the browser', () => {
  test('the funnel in English: a funnel chart over the pipeline and its table', async () => {
    const page = await signedIn(e2e, api, 'en');
    await page.getByRole('link', { name: en.salesReports.nav, exact: true }).click();
    await page.getByRole('heading', { name: en.salesReports.title }).waitFor();
    await page.getByText(en.salesReports.reports.funnel.title).click();
    await page.waitForURL(/\/reports\/sales\/funnel/);
    await page.locator('.ant-table-tbody tr').first().waitFor();
    await chartDrawn(page, en.salesReports.reports.funnel.title);
    await page.locator('.ant-table-summary').getByText(en.salesReports.total).waitFor();
    await shot(page, 'report-funnel-en');
    await page.context().close();
  }, 120_000);

  test('revenue by province in Chinese, with CSV and Excel downloads', async () => {
    const page = await signedIn(e2e, api, 'zh-CN');
    await page.goto(`${e2e.baseUrl}/reports/sales/revenue?groupBy=province&from=${day(1, 1)}&to=${day(12, 31)}`);
    await page.getByRole('heading', { name: zh.salesReports.reports.revenue.title }).waitFor();
    const table = page.locator('.ant-table-tbody');
    await table.getByText('上海市').waitFor();
    await chartDrawn(page, zh.salesReports.reports.revenue.title);
    // 126000.50 + 30000.00
    await table.getByText('156,000.50').waitFor();
    await expectNoEnglish(page);
    await shot(page, 'report-revenue-zh-CN');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /CSV/ }).click();
    const file = await download;
    const csv = fs.readFileSync((await file.path()) as string, 'utf8');
    expect(csv).toContain('上海市,2,156000.50');
    await page.context().close();
  }, 120_000);

  test('targets grid: a monthly target typed into a cell is saved', async () => {
    const page = await signedIn(e2e, api, 'en');
    await page.goto(`${e2e.baseUrl}/targets`);
    await page.getByRole('heading', { name: en.targets.title }).waitFor();
    const cell = page.getByRole('button', { name: /Month 3$/ }).first();
    await cell.click();
    const input = page.getByRole('textbox', { name: /Month 3$/ }).first();
    await input.fill('88000');
    await input.press('Enter');
    await page.getByText('88,000.00').first().waitFor();
    const saved = await api<{ items: { amount: string; periodStart: string }[] }>('GET', `/targets?year=${year}`);
    expect(saved.items.map((t) => [t.periodStart, t.amount])).toContainEqual([day(3, 1), '88000.00']);
    await shot(page, 'targets-en');
    await page.context().close();
  }, 120_000);
});
