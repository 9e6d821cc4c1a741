import fs from 'node:fs';
import dayjs from 'dayjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Organization } from '../../src/shared/schemas/customers.js';
import type { OrderDetail, ReceivablePage } from '../../src/shared/schemas/orders.js';
import en from '../../src/web/i18n/en.json';
import zh from '../../src/web/i18n/zh-CN.json';
import { type E2E, SCREENSHOTS, startE2E } from './harness.js';
import { expectNoEnglish, shot } from './pageChecks.js';
import { type Api, adminToken, apiWith, type Locale, signedIn } from './session.js';

type Strings = typeof en;

let e2e: E2E;
let api: Api;

beforeAll(async () => {
  e2e = await startE2E();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  api = apiWith(e2e, await adminToken(e2e));
}, 180_000);
afterAll(async () => e2e?.close());

const DATA = {
  en: { org: 'Harbor Logistics Ltd.', lines: ['Fleet tracking licence', 'On-site training'] },
  'zh-CN': { org: '港湾物流有限公司', lines: ['车队定位软件许可', '现场培训'] },
} as const;

async function typeDate(scope: ReturnType<Page['getByRole']>, label: string, date: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/** Orders, the plan editor, payments and receivables through the browser in one language. */
async function journey(locale: Locale) {
  const s: Strings = locale === 'en' ? en : (zh as unknown as Strings);
  const d = DATA[locale];
  const check = async (page: Page) => {
    if (locale === 'zh-CN') await expectNoEnglish(page);
  };
  const org = await api<Organization>('POST', '/organizations', { name: d.org });
  const page = await signedIn(e2e, api, locale);

  // A new order with two lines typed in the drawer; the total is exact (0.1 + 0.2 style cents).
  await page.goto(`${e2e.baseUrl}/orders`);
  await page.getByRole('heading', { name: s.orders.title }).waitFor();
  await page.getByRole('button', { name: s.orders.create }).first().click();
  const drawer = page.locator('.ant-drawer');
  await drawer.locator('.ant-select').first().click();
  await page.keyboard.type(d.org.slice(0, 4));
  await page.locator('.ant-select-item-option', { hasText: d.org }).click();
  await drawer.getByLabel(s.orders.lineDescription).fill(d.lines[0]);
  await drawer.getByLabel(s.orders.quantity).fill('3');
  await drawer.getByLabel(s.orders.unitPrice).fill('1000.10');
  await drawer.getByRole('button', { name: s.orders.addLine }).click();
  await drawer.getByLabel(s.orders.lineDescription).nth(1).fill(d.lines[1]);
  await drawer.getByLabel(s.orders.quantity).nth(1).fill('1');
  await drawer.getByLabel(s.orders.unitPrice).nth(1).fill('0.20');
  await drawer.getByText('¥3,000.50').waitFor();
  await check(page);
  await shot(page, `orders-form-${locale}`);
  await drawer.getByRole('button', { name: s.common.save }).click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  const orderId = page.url().split('/').pop() as string;

  // A plan split evenly in two: the remainder cent goes on the last installment; the first is overdue.
  await page.getByRole('button', { name: s.orders.editPlan }).click();
  const plan = page.getByRole('dialog');
  await plan.getByLabel(s.orders.splitInto).fill('2');
  await typeDate(plan, s.orders.firstDue, dayjs().subtract(45, 'day').format('YYYY-MM-DD'));
  await plan.getByRole('button', { name: s.orders.splitEvenly }).click();
  await check(page);
  await shot(page, `orders-plan-${locale}`);
  await plan.getByRole('button', { name: s.common.save }).click();
  await page.getByText(s.orders.planSaved).waitFor();
  const planned = await api<OrderDetail>('GET', `/orders/${orderId}`);
  expect(planned.installments.map((i) => i.amount)).toEqual(['1500.25', '1500.25']);

  await page.getByRole('button', { name: s.orders.activate }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: s.common.yes }).click();
  await expect.poll(async () => (await api<OrderDetail>('GET', `/orders/${orderId}`)).status, { timeout: 10_000 }).toBe('active');

  // A partial payment, matched to the oldest installment.
  await page.getByRole('button', { name: s.orders.recordPayment }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(`${s.orders.amount} (CNY)`).fill('500.25');
  await typeDate(dialog, s.orders.receivedOn, dayjs().format('YYYY-MM-DD'));
  await check(page);
  await dialog.getByRole('button', { name: s.common.save }).click();
  await page.getByText(s.orders.paymentRecorded).first().waitFor();
  await expect.poll(async () => (await api<OrderDetail>('GET', `/orders/${orderId}`)).paid, { timeout: 10_000 }).toBe('500.25');
  await page.locator('.ant-table-row', { hasText: '¥500.25' }).first().waitFor();
  await check(page);
  await shot(page, `orders-detail-${locale}`);

  // Receivables: the overdue rest sits in the 31–60 bucket; "remind now" notifies the owner once.
  await page.goto(`${e2e.baseUrl}/receivables`);
  await page.getByRole('heading', { name: s.receivables.title }).waitFor();
  await page.locator('.ant-table-row', { hasText: planned.number }).first().waitFor();
  await page.getByRole('button', { name: s.receivables.remindNow }).click();
  await page.locator('.ant-message-notice').first().waitFor();
  const mine = await api<ReceivablePage>('GET', `/receivables?orderId=${orderId}`);
  expect(mine.items.map((i) => [i.bucket, i.outstanding])).toEqual([
    ['d31_60', '1000.00'],
    ['d0_30', '1500.25'],
  ]);
  expect(mine.items[0].remindedAt).not.toBeNull();
  await check(page);
  await shot(page, `orders-receivables-${locale}`);

  // The customer's page lists the order and the payment.
  await page.goto(`${e2e.baseUrl}/organizations/${org.id}`);
  await page.getByText(planned.number).first().waitFor();
  await check(page);

  await page.goto(`${e2e.baseUrl}/settings/orders`);
  await page.getByText(s.orders.settings.repeat).waitFor();
  await check(page);
  await shot(page, `orders-settings-${locale}`);
  await page.context().close();
}

describe('orders and receivables', () => {
  test('English: order from lines, plan split evenly, partial payment, receivables and reminders', () => journey('en'), 240_000);
  test('Chinese: the same in Chinese', () => journey('zh-CN'), 240_000);
});
