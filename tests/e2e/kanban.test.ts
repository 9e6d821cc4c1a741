import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Organization } from '../../src/shared/schemas/customers.js';
import type { OpportunityDetail, Pipeline } from '../../src/shared/schemas/opportunities.js';
import en from '../../src/web/i18n/en.json';
import zh from '../../src/web/i18n/zh-CN.json';
import { type E2E, SCREENSHOTS, startE2E } from './harness.js';
import { expectNoEnglish, shot } from './pageChecks.js';
import { type Api, adminToken, apiWith, type Locale, signedIn } from './session.js';

type Strings = typeof en;

let e2e: E2E;
let api: Api;
let pipeline: Pipeline;

beforeAll(async () => {
  e2e = await startE2E();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  api = apiWith(e2e, await adminToken(e2e));
  pipeline = (await api<{ items: Pipeline[] }>('GET', '/pipelines')).items[0];
}, 180_000);
afterAll(async () => e2e?.close());

/** A pipeline a team would have in each language: customers and deals named as its people would. */
const DATA = {
  en: {
    orgs: ['Nordwind Robotics Co., Ltd.', 'Bluefin Logistics Ltd'],
    deals: [
      ['Warehouse automation phase 2', '380000.00', 0],
      ['Robot arm retrofit', '125000.50', 1],
      ['Fleet telematics pilot', '46000.00', 2],
      ['Spare parts framework', '99000.00', 3],
    ],
    mover: 'Assembly line upgrade',
    wonNote: 'Best delivery time and local service team',
  },
  'zh-CN': {
    orgs: ['云帆机器人有限公司', '蓝鳍物流有限公司'],
    deals: [
      ['仓储自动化二期', '380000.00', 0],
      ['机械臂改造项目', '125000.50', 1],
      ['车队物联网试点', '46000.00', 2],
      ['备件框架协议', '99000.00', 3],
    ],
    mover: '总装线升级项目',
    wonNote: '交期最短，本地服务团队',
  },
} as const;

async function journey(locale: Locale) {
  const s: Strings = locale === 'en' ? en : (zh as unknown as Strings);
  const d = DATA[locale];
  const orgs = await Promise.all(d.orgs.map((name) => api<Organization>('POST', '/organizations', { name })));
  for (const [i, [name, amount, stage]] of d.deals.entries()) {
    await api('POST', '/opportunities', {
      name,
      amount,
      organizationId: orgs[i % 2].id,
      stageId: pipeline.stages[stage].id,
      expectedCloseDate: `2026-0${i + 3}-15`,
    });
  }
  const mover = await api<OpportunityDetail>('POST', '/opportunities', {
    name: d.mover,
    amount: '880000.00',
    organizationId: orgs[0].id,
    stageId: pipeline.stages[0].id,
    expectedCloseDate: '2026-06-30',
  });

  // Wide enough for the won column without scrolling: a drag that scrolls the board moves the card under the pointer.
  const page = await signedIn(e2e, api, locale, { viewport: { width: 1920, height: 1000 } });
  await page.getByRole('link', { name: s.permissions.modules.opportunities, exact: true }).click();
  await page.getByRole('heading', { name: s.opportunities.title }).waitFor();
  const board = page.getByTestId('kanban');
  const card = board.locator(`[data-testid="deal-card"][data-id="${mover.id}"]`);
  await card.waitFor();
  const column = (i: number) => board.locator(`section[data-stage-id="${pipeline.stages[i].id}"]`);

  // Qualification → Proposal by dragging: the card moves at once and the server agrees.
  await card.dragTo(column(2));
  await column(2).locator(`[data-id="${mover.id}"]`).waitFor();
  await page
    .getByText(s.opportunities.moved.split('{{')[0].trim() || d.mover)
    .first()
    .waitFor();
  await expect.poll(async () => (await api<OpportunityDetail>('GET', `/opportunities/${mover.id}`)).stageId, { timeout: 10_000 }).toBe(pipeline.stages[2].id);

  // Proposal → Won: the dialog asks why, then the deal is won.
  await column(2).locator(`[data-id="${mover.id}"]`).dragTo(column(4));
  const dialog = page.getByRole('dialog');
  await dialog.getByText(d.mover).waitFor();
  await dialog.getByTestId('close-note').fill(d.wonNote);
  const patched = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes(mover.id));
  await dialog.getByTestId('close-deal-ok').click();
  const res = await patched;
  expect(res.status(), await res.text()).toBe(200);
  await column(4).locator(`[data-id="${mover.id}"]`).waitFor();
  await expect.poll(async () => (await api<OpportunityDetail>('GET', `/opportunities/${mover.id}`)).status, { timeout: 10_000 }).toBe('won');
  const won = await api<OpportunityDetail>('GET', `/opportunities/${mover.id}`);
  expect(won.closeNote).toBe(d.wonNote);
  const org = await api<Organization & { lastDealAt?: string }>('GET', `/organizations/${orgs[0].id}`);
  expect(org).toBeTruthy();
  await column(4).getByTestId('column-total').first().waitFor();
  if (locale === 'zh-CN') await expectNoEnglish(page);
  await shot(page, `opportunities-kanban-${locale}`);

  // The detail page shows the way it went: three stages in the history.
  await column(4).getByRole('link', { name: d.mover }).click();
  await page.getByRole('heading', { name: d.mover }).waitFor();
  await page.getByText(s.opportunities.stageHistory).waitFor();
  const history = page.locator('.ant-card', { hasText: s.opportunities.stageHistory }).locator('.ant-table-tbody tr');
  await expect.poll(() => history.count(), { timeout: 10_000 }).toBe(3);
  if (locale === 'zh-CN') await expectNoEnglish(page);
  await page.context().close();
}

describe('opportunity kanban', () => {
  test('English: a deal dragged across stages to won, with the reason asked on the way', () => journey('en'), 180_000);
  test('Chinese: the same on the board in Chinese', () => journey('zh-CN'), 180_000);
});
