import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import dayjs from 'dayjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Lead } from '../../src/shared/schemas/leads.js';
import type { OpportunityDetail, Pipeline } from '../../src/shared/schemas/opportunities.js';
import type { OrderDetail as Order } from '../../src/shared/schemas/orders.js';
import type { PriceList, Product } from '../../src/shared/schemas/products.js';
import type { Quote } from '../../src/shared/schemas/quotes.js';
import en from '../../src/web/i18n/en.json';
import zh from '../../src/web/i18n/zh-CN.json';
import { type E2E, SCREENSHOTS, startE2E } from './harness.js';
import { expectNoEnglish, shot } from './pageChecks.js';
import { type Api, adminToken, apiWith, type Locale, signedIn } from './session.js';

type Strings = typeof en;

let e2e: E2E;
let api: Api;
let token: string;
let pipeline: Pipeline;

beforeAll(async () => {
  e2e = await startE2E();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  token = await adminToken(e2e);
  api = apiWith(e2e, token);
  pipeline = (await api<{ items: Pipeline[] }>('GET', '/pipelines')).items[0];
  await api('PUT', '/settings/company', {
    name: '关系软件（上海）有限公司',
    address: '上海市浦东新区世纪大道 100 号 15 楼',
    phone: '021-5555 8888',
    email: 'sales@guanxi.example',
    website: 'www.guanxi.example',
  });
}, 180_000);
afterAll(async () => e2e?.close());

/** One customer's way from a trade-show lead to a paid contract, in each language. */
const DATA = {
  en: {
    person: 'Grace Holloway',
    phone: '13700001111',
    priceList: 'Standard prices 2026',
    company: 'Westbrook Cold Chain Ltd',
    deal: 'Cold store monitoring rollout',
    wonNote: 'Won on service coverage',
    product: ['EN-SENSOR-01', 'Temperature sensor kit', 'set'],
    service: 'Installation and training',
  },
  'zh-CN': {
    person: '周慧敏',
    phone: '13700002222',
    priceList: '2026 年标准价格表',
    company: '杭州冷链物流科技有限公司',
    deal: '冷库监控系统部署',
    wonNote: '服务网点覆盖最好',
    product: ['ZH-SENSOR-01', '温度传感器套件', '套'],
    service: '安装调试及培训',
  },
} as const;

/** Picks a record in a server-searched select by typing part of its name. */
async function pick(page: Page, testId: string, typed: string, option: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

/** Types a date into an antd DatePicker found by its label. */
async function typeDate(scope: ReturnType<Page['getByRole']>, label: string, date: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

async function journey(locale: Locale) {
  const s: Strings = locale === 'en' ? en : (zh as unknown as Strings);
  const d = DATA[locale];
  const check = async (page: Page) => {
    if (locale === 'zh-CN') await expectNoEnglish(page);
  };
  const product = await api<Product>('POST', '/products', { sku: d.product[0], name: d.product[1], unit: d.product[2], category: 'IoT' });
  await api<PriceList>('POST', '/price-lists', {
    name: d.priceList,
    currency: 'CNY',
    taxRate: '13',
    isDefault: true,
    items: [{ productId: product.id, unitPrice: '1999.90' }],
  });

  // 1. The lead from a trade show, converted in one step into organization + contact + opportunity.
  const lead = await api<Lead>('POST', '/leads', { name: d.person, company: d.company, phone: d.phone, source: 'trade_show', provinceCode: '330000' });
  // Wide enough for every stage of the board: dragging over a board that scrolls sideways picks up the wrong card.
  const page = await signedIn(e2e, api, locale, { viewport: { width: 1920, height: 1080 } });
  await page.goto(`${e2e.baseUrl}/leads/${lead.id}`);
  await page.getByRole('heading', { name: d.person }).waitFor();
  await page.getByRole('button', { name: s.leads.convert.button }).click();
  const convert = page.getByRole('dialog');
  await convert.getByLabel(s.leads.convert.opportunityName).fill(d.deal);
  await convert.getByLabel(s.leads.convert.amount).fill('120000.00');
  await check(page);
  await convert.getByRole('button', { name: s.leads.convert.submit }).click();
  await page.waitForURL(/\/organizations\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name: d.company }).waitFor();
  const converted = await api<Lead>('GET', `/leads/${lead.id}`);
  expect(converted.status).toBe('converted');
  const orgId = converted.convertedOrganizationId as string;
  const oppId = converted.convertedOpportunityId as string;
  expect(converted.convertedContactName).toBe(d.person);

  // 2. The opportunity dragged across the kanban to won, the reason asked on the way.
  await page.goto(`${e2e.baseUrl}/opportunities`);
  await page.getByRole('heading', { name: s.opportunities.title }).waitFor();
  const board = page.getByTestId('kanban');
  const column = (stageId: string) => board.locator(`section[data-stage-id="${stageId}"]`);
  const won = pipeline.stages.find((x) => x.kind === 'won') as Pipeline['stages'][number];
  const proposal = pipeline.stages[2];
  await board.locator(`[data-testid="deal-card"][data-id="${oppId}"]`).dragTo(column(proposal.id));
  await expect.poll(async () => (await api<OpportunityDetail>('GET', `/opportunities/${oppId}`)).stageId, { timeout: 10_000 }).toBe(proposal.id);
  await column(proposal.id).locator(`[data-id="${oppId}"]`).dragTo(column(won.id));
  const close = page.getByRole('dialog');
  await close.getByTestId('close-note').fill(d.wonNote);
  await close.getByTestId('close-deal-ok').click();
  await expect.poll(async () => (await api<OpportunityDetail>('GET', `/opportunities/${oppId}`)).status, { timeout: 10_000 }).toBe('won');
  await check(page);
  await shot(page, `sales-journey-kanban-${locale}`);

  // 3. A quote with two lines, a line discount, a quote discount and tax; its PDF read back and rendered.
  await page.goto(`${e2e.baseUrl}/quotes`);
  await page.getByRole('heading', { name: s.quotes.title, exact: true }).waitFor();
  await page.getByTestId('quote-create').click();
  await pick(page, 'quote-organization', d.company.slice(0, 4), d.company);
  await page.getByTestId('quote-title').fill(d.deal);
  await expect.poll(() => page.getByTestId('quote-price-list').textContent(), { timeout: 10_000 }).toContain(d.priceList);
  await page.getByTestId('quote-discount').fill('5');
  await pick(page, 'quote-line-0-product', d.product[1].slice(0, 3), d.product[1]);
  await page.getByTestId('quote-line-0-quantity').fill('40');
  await page.getByTestId('quote-line-0-discount').fill('10');
  await page.getByTestId('quote-add-line').click();
  await page.getByTestId('quote-line-1-description').fill(d.service);
  await page.getByTestId('quote-line-1-quantity').fill('1');
  await page.getByTestId('quote-line-1-price').fill('8800.10');
  await page.getByTestId('quote-line-1-tax').fill('6');
  // By hand (src/shared/quote-totals.ts order): line nets 40 × 1,999.90 − 10 % = 71,996.40 and 8,800.10; subtotal
  // 80,796.50; quote discount 5 % = 4,039.83 (4,039.825 half up), spread by net as 3,599.82 + 440.01; tax 13 % of
  // 68,396.58 = 8,891.56 and 6 % of 8,360.09 = 501.61 → 9,393.17; total 80,796.50 − 4,039.83 + 9,393.17 = 86,149.84.
  await page.getByTestId('quote-preview').getByText('¥86,149.84').waitFor();
  await check(page);
  await page.getByTestId('quote-save').click();
  await page.waitForURL(/\/quotes\/[0-9a-f-]{36}$/);
  const quoteId = page.url().split('/').pop() as string;
  await expect.poll(() => page.getByTestId('quote-total').textContent(), { timeout: 10_000 }).toBe('¥86,149.84');
  await page.getByTestId('quote-send').click();
  await expect.poll(() => page.getByTestId('quote-status').textContent(), { timeout: 10_000 }).toBe(s.quotes.status.sent);
  const quote = await api<Quote>('GET', `/quotes/${quoteId}`);
  expect([quote.subtotal, quote.discount, quote.tax, quote.total]).toEqual(['80796.50', '4039.83', '9393.17', '86149.84']);
  const res = await fetch(`${e2e.baseUrl}/api/quotes/${quoteId}/pdf?lang=${locale}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const pdf = Buffer.from(await res.arrayBuffer());
  const text = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).stdout.toString();
  for (const want of [d.company, d.product[1], d.service, '关系软件（上海）有限公司', '¥80,796.50', '-¥4,039.83', '¥9,393.17', '¥86,149.84'])
    expect(text, want).toContain(want);
  const pdfFile = path.join(fs.mkdtempSync('/tmp/journey-pdf-'), 'quote.pdf');
  fs.writeFileSync(pdfFile, pdf);
  expect(spawnSync('pdftoppm', ['-png', '-r', '80', '-singlefile', pdfFile, path.join(SCREENSHOTS, `sales-journey-quote-pdf-${locale}`)]).status).toBe(0);
  await page.getByTestId('quote-accept').click();
  await expect.poll(() => page.getByTestId('quote-status').textContent(), { timeout: 10_000 }).toBe(s.quotes.status.accepted);

  // 4. The accepted quote becomes an order with two installments: one paid on time, one overdue.
  await page.getByRole('button', { name: s.orders.createFromQuote }).click();
  const create = page.getByRole('dialog', { name: s.orders.createFromQuoteTitle });
  await create.getByRole('radio').first().waitFor();
  await create.getByRole('button', { name: s.orders.createFromQuote }).click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  const orderId = page.url().split('/').pop() as string;
  const firstDue = dayjs().subtract(61, 'day');
  await page.getByRole('button', { name: s.orders.editPlan }).click();
  const plan = page.getByRole('dialog');
  await plan.getByLabel(s.orders.splitInto).fill('2');
  await typeDate(plan, s.orders.firstDue, firstDue.format('YYYY-MM-DD'));
  await plan.getByRole('button', { name: s.orders.splitEvenly }).click();
  await check(page);
  await plan.getByRole('button', { name: s.common.save }).click();
  await page.getByText(s.orders.planSaved).waitFor();
  await page.getByRole('button', { name: s.orders.activate }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: s.common.yes }).click();
  await expect.poll(async () => (await api<Order>('GET', `/orders/${orderId}`)).status, { timeout: 10_000 }).toBe('active');
  const order = await api<Order>('GET', `/orders/${orderId}`);
  const [first, second] = order.installments ?? [];
  expect([first.amount, second.amount]).toEqual(['43074.92', '43074.92']);

  const recordPayment = async (amount: string, receivedOn: string) => {
    await page.getByRole('button', { name: s.orders.recordPayment }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(`${s.orders.amount} (CNY)`).fill(amount);
    await typeDate(dialog, s.orders.receivedOn, receivedOn);
    await check(page);
    await dialog.getByRole('button', { name: s.common.save }).click();
    await page.getByText(s.orders.paymentRecorded).first().waitFor();
  };
  await recordPayment(first.amount, first.dueOn);

  // 5. The second installment is overdue: the collection reminder (帐款催收) reaches the owner.
  await page.goto(`${e2e.baseUrl}/receivables`);
  await page.getByRole('heading', { name: s.receivables.title }).waitFor();
  await page.getByRole('button', { name: s.receivables.remindNow }).click();
  await page.locator('.ant-table-row', { hasText: order.number }).waitFor();
  await check(page);
  await shot(page, `sales-journey-receivables-${locale}`);
  const notifications = await api<{ items: { kind: string; title: string; link: string | null }[] }>('GET', '/notifications');
  const reminder = notifications.items.find((n) => n.kind === 'orders.collection' && n.title.includes(order.number));
  expect(reminder?.link).toContain(orderId);

  // 6. The second payment closes the receivable.
  await page.goto(`${e2e.baseUrl}/orders/${orderId}`);
  await recordPayment(second.amount, dayjs().format('YYYY-MM-DD'));
  await expect.poll(async () => (await api<Order>('GET', `/orders/${orderId}`)).outstanding, { timeout: 10_000 }).toBe('0.00');
  const receivables = await api<{ items: { orderId: string }[] }>('GET', '/receivables');
  expect(receivables.items.some((r) => r.orderId === orderId)).toBe(false);
  await check(page);
  await shot(page, `sales-journey-order-${locale}`);
  await page.context().close();
  return orgId;
}

describe('sales journey', () => {
  test('English: lead → opportunity won on the kanban → quote with PDF → order paid in two installments', () => journey('en'), 300_000);
  test('Chinese: the same journey in Chinese', () => journey('zh-CN'), 300_000);
});
