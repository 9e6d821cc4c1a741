import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Organization } from '../../src/shared/schemas/customers.js';
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

beforeAll(async () => {
  e2e = await startE2E();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  token = await adminToken(e2e);
  api = apiWith(e2e, token);
  await api('PUT', '/settings/company', {
    name: '关系软件（上海）有限公司',
    address: '上海市浦东新区世纪大道 100 号 15 楼',
    phone: '021-5555 8888',
    email: 'sales@guanxi.example',
    website: 'www.guanxi.example',
  });
}, 180_000);
afterAll(async () => e2e?.close());

const DATA = {
  en: { org: 'Harbour Foods Trading Ltd', title: 'Store IT upgrade', laptop: ['EN-NB-14', 'Business laptop 14"', 'pcs'], service: 'On-site installation' },
  'zh-CN': { org: '上海华联超市有限公司', title: '门店信息化升级报价', laptop: ['ZH-NB-14', '商务笔记本电脑 14 英寸', '台'], service: '上门安装调试' },
} as const;

/** Picks a record in a server-searched select by typing part of its name. */
async function pick(page: import('playwright-core').Page, testId: string, typed: string, option: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

async function journey(locale: Locale) {
  const s: Strings = locale === 'en' ? en : (zh as unknown as Strings);
  const d = DATA[locale];
  await api<Organization>('POST', '/organizations', { name: d.org });
  const laptop = await api<Product>('POST', '/products', { sku: d.laptop[0], name: d.laptop[1], unit: d.laptop[2], category: 'IT' });
  await api<PriceList>('POST', '/price-lists', {
    name: `2026 CNY ${locale}`,
    currency: 'CNY',
    taxRate: '13',
    isDefault: true,
    items: [{ productId: laptop.id, unitPrice: '6999.00' }],
  });

  const page = await signedIn(e2e, api, locale);
  await page.getByRole('link', { name: s.quotes.nav, exact: true }).click();
  await page.getByRole('heading', { name: s.quotes.title, exact: true }).waitFor();
  await page.getByTestId('quote-create').click();

  // Two lines: a product priced from the default list with a line discount, and free text with its own tax; 5% off the quote.
  await pick(page, 'quote-organization', d.org.slice(0, 4), d.org);
  await page.getByTestId('quote-title').fill(d.title);
  await expect.poll(() => page.getByTestId('quote-price-list').textContent(), { timeout: 10_000 }).toContain(`2026 CNY ${locale}`);
  await page.getByTestId('quote-discount').fill('5');
  await pick(page, 'quote-line-0-product', d.laptop[1].slice(0, 4), d.laptop[1]);
  await page.getByTestId('quote-line-0-quantity').fill('3');
  await page.getByTestId('quote-line-0-discount').fill('10');
  await page.getByTestId('quote-add-line').click();
  await page.getByTestId('quote-line-1-description').fill(d.service);
  await page.getByTestId('quote-line-1-quantity').fill('1');
  await page.getByTestId('quote-line-1-price').fill('500');
  await page.getByTestId('quote-line-1-tax').fill('6');
  // The preview uses the server's arithmetic: 18,897.30 + 500.00, −969.87, tax 2,362.32.
  await page.getByTestId('quote-preview').getByText('¥20,789.75').waitFor();
  if (locale === 'zh-CN') await expectNoEnglish(page);
  await shot(page, `quote-form-${locale}`);
  await page.getByTestId('quote-save').click();
  await page.waitForURL(/\/quotes\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop() as string;

  await expect.poll(() => page.getByTestId('quote-total').textContent(), { timeout: 10_000 }).toBe('¥20,789.75');
  expect(await page.getByTestId('quote-tax').textContent()).toBe('¥2,362.32');
  await page.getByTestId('quote-send').click();
  await expect.poll(() => page.getByTestId('quote-status').textContent(), { timeout: 10_000 }).toBe(s.quotes.status.sent);
  const quote = await api<Quote>('GET', `/quotes/${id}`);
  expect([quote.status, quote.total, quote.lines?.length]).toEqual(['sent', '20789.75', 2]);
  if (locale === 'zh-CN') await expectNoEnglish(page);
  await shot(page, `quote-detail-${locale}`);

  // The printable quote in this language: correct Chinese, the customer, the total; rendered to PNG to be looked at.
  const res = await fetch(`${e2e.baseUrl}/api/quotes/${id}/pdf?lang=${locale}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const pdf = Buffer.from(await res.arrayBuffer());
  const text = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).stdout.toString();
  for (const want of [d.org, d.laptop[1], '关系软件（上海）有限公司', '¥20,789.75', quote.number]) expect(text, want).toContain(want);
  const file = path.join(fs.mkdtempSync('/tmp/quote-pdf-'), 'quote.pdf');
  fs.writeFileSync(file, pdf);
  const png = spawnSync('pdftoppm', ['-png', '-r', '80', '-singlefile', file, path.join(SCREENSHOTS, `quote-pdf-${locale}`)]);
  expect(png.status).toBe(0);
  await page.context().close();
}

describe('quotes', () => {
  test('English: a two-line quote with discounts and tax, sent, and its PDF', () => journey('en'), 180_000);
  test('Chinese: the same in Chinese, with a Chinese PDF', () => journey('zh-CN'), 180_000);
});
