import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AssessmentOverview, Dimension } from '../../src/shared/schemas/assessments.js';
import type { Organization } from '../../src/shared/schemas/customers.js';
import en from '../../src/web/i18n/en.json';
import zh from '../../src/web/i18n/zh-CN.json';
import { type E2E, SCREENSHOTS, startE2E } from './harness.js';
import { expectNoEnglish, shot } from './pageChecks.js';
import { type Api, adminToken, apiWith, type Locale, signedIn } from './session.js';

type Strings = typeof en;

let e2e: E2E;
let api: Api;
let dimensions: Dimension[];

beforeAll(async () => {
  e2e = await startE2E();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  api = apiWith(e2e, await adminToken(e2e));
  dimensions = (await api<{ items: Dimension[] }>('GET', '/assessment-dimensions?active=true')).items;
}, 180_000);
afterAll(async () => e2e?.close());

const DATA = {
  en: {
    org: 'Silverpeak Energy Holdings',
    notes: 'Before the executive visit',
    comment: 'CFO now joins our reviews',
    person: 'Diana Ross',
    title: 'CFO',
    measures: 'Invite her to the reference plant visit',
  },
  'zh-CN': {
    org: '银峰能源控股有限公司',
    notes: '高层互访之前',
    comment: '财务总监开始参加我们的评审会',
    person: '周敏',
    title: '财务总监',
    measures: '邀请参观样板工厂',
  },
} as const;

/** Half a year ago, then today: what a quarterly review rhythm produces. */
const FIRST = { date: '2026-01-15', scores: [2, 2, 1, 3, 2, 3] };
const SECOND = { scores: [4, 3, 3, 4, 3, 4] };

/** Fills the assessment drawer: date (when given), one score per dimension, a comment and notes. */
async function score(page: Page, s: Strings, values: number[], opts: { date?: string; notes?: string; comment?: string } = {}) {
  const drawer = page.locator('.ant-drawer').filter({ hasText: s.assessments.newTitle });
  await drawer.waitFor();
  if (opts.date) {
    const input = drawer.getByLabel(s.assessments.assessedOn);
    await input.click();
    await input.fill(opts.date);
    await input.press('Enter');
  }
  for (const [i, d] of dimensions.entries()) {
    await drawer
      .getByTestId(`score-${d.key}`)
      .locator('.ant-radio-button-wrapper')
      .filter({ hasText: new RegExp(`^${values[i]}$`) })
      .click();
  }
  if (opts.comment) await drawer.getByTestId(`score-${dimensions[3].key}`).getByPlaceholder(s.assessments.commentPlaceholder).fill(opts.comment);
  if (opts.notes) await drawer.getByLabel(s.assessments.notes).fill(opts.notes);
  await drawer.getByRole('button', { name: s.common.save }).click();
  await drawer.waitFor({ state: 'hidden' });
}

async function journey(locale: Locale) {
  const s: Strings = locale === 'en' ? en : (zh as unknown as Strings);
  const d = DATA[locale];
  const org = await api<Organization>('POST', '/organizations', { name: d.org, tier: 'key' });

  const page = await signedIn(e2e, api, locale);
  await page.goto(`${e2e.baseUrl}/key-accounts/${org.id}/assessments`);
  await page.getByText(s.assessments.emptyAccount).waitFor();

  // First assessment, dated in January.
  await page.getByRole('button', { name: s.assessments.new }).click();
  await score(page, s, FIRST.scores, { date: FIRST.date, notes: d.notes });
  await page.getByTestId('assessment-radar').waitFor();

  // Second assessment today, better on every axis but one.
  await page.getByRole('button', { name: s.assessments.new }).click();
  await score(page, s, SECOND.scores, { comment: d.comment });

  // The radar now compares the two: both averages and per-dimension scores side by side.
  const previousTitle = s.assessments.previousAverage.replace('{{date}}', FIRST.date);
  await page.getByText(previousTitle).waitFor();
  const overview = await api<AssessmentOverview>('GET', `/relationship-assessments/overview?organizationId=${org.id}`);
  expect(overview.previous?.assessedOn).toBe(FIRST.date);
  expect(overview.latest?.scores.map((x) => x.score)).toEqual(SECOND.scores);
  expect(overview.latest?.scores[3].comment).toBe(d.comment);
  const comparison = page.locator('.ant-card').filter({ hasText: s.assessments.comparison }).locator('.ant-table-tbody tr');
  await expect.poll(() => comparison.count()).toBe(dimensions.length);
  const firstRow = comparison.first().locator('td');
  await expect
    .poll(() => firstRow.allInnerTexts())
    .toEqual([
      locale === 'en' ? dimensions[0].nameEn : dimensions[0].nameZh,
      String(FIRST.scores[0]),
      String(SECOND.scores[0]),
      expect.stringContaining(String(SECOND.scores[0] - FIRST.scores[0])),
    ]);
  const history = page.locator('.ant-card').filter({ hasText: s.assessments.history }).locator('.ant-table-tbody tr.ant-table-row');
  await expect.poll(() => history.count()).toBe(2);
  // The radar canvas has drawn (ECharts renders into a sized canvas).
  const canvas = page.getByTestId('assessment-radar').locator('canvas').first();
  await expect.poll(async () => (await canvas.boundingBox())?.height ?? 0).toBeGreaterThan(200);

  if (locale === 'zh-CN') await expectNoEnglish(page);
  await shot(page, `assessment-radar-${locale}`);

  // The year's relationship plan starts from this assessment and targets a person of the chain.
  const cfo = await api<{ id: string }>('POST', '/contacts', { name: d.person, organizations: [{ organizationId: org.id, title: d.title }] });
  const personId = crypto.randomUUID();
  await api('PUT', `/accounts/${org.id}/decision-chain`, {
    version: 0,
    departments: [],
    nodes: [{ id: personId, contactId: cfo.id, title: d.title, buyingRole: 'approver', support: 'opponent', level: 'senior' }],
    edges: [],
  });
  await page.getByRole('tab', { name: s.keyAccounts.tabs.plans }).click();
  const year = new Date().getFullYear();
  await page.getByRole('button', { name: s.relationshipPlans.create.replace('{{year}}', String(year)) }).click();
  await page.getByTestId('plan-view').waitFor();
  await page.getByRole('button', { name: s.relationshipPlans.addTarget }).click();
  const modal = page.locator('.ant-modal').filter({ hasText: s.relationshipPlans.addTarget });
  await modal.getByLabel(s.relationshipPlans.person).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: d.person }).click();
  await modal.getByLabel(s.relationshipPlans.measures).fill(d.measures);
  await modal.getByRole('button', { name: s.common.save }).click();
  await modal.waitFor({ state: 'hidden' });
  const target = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: d.person });
  await target.waitFor();
  expect(await target.textContent()).toContain(s.decisionChain.support.opponent);
  expect(await target.textContent()).toContain(s.decisionChain.support.supporter);
  await page.getByText(s.relationshipPlans.basedOn.replace('{{date}}', overview.latest?.assessedOn ?? '')).waitFor();
  if (locale === 'zh-CN') await expectNoEnglish(page);
  await shot(page, `relationship-plan-${locale}`);
  await page.context().close();
}

describe('six-dimension assessment', () => {
  test('scores two assessments in English and sees the radar compare them', () => journey('en'), 240_000);
  test('scores two assessments in Chinese and sees the radar compare them', () => journey('zh-CN'), 240_000);
});
