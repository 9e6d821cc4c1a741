import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { KEY_DATE_JOB } from '../../src/server/modules/expansion-cards/key-date-reminders.js';
import { enqueue } from '../../src/server/platform/jobs/queue.js';
import type { ExpansionCard } from '../../src/shared/schemas/expansion-cards.js';
import en from '../../src/web/i18n/en.json';
import zh from '../../src/web/i18n/zh-CN.json';
import { type E2E, SCREENSHOTS, startE2E } from './harness.js';
import { expectNoEnglish, shot } from './pageChecks.js';
import { type Api, adminToken, apiWith, type Locale, signedIn } from './session.js';

type Strings = typeof en;
type Notification = { title: string; link: string };

let e2e: E2E;
let api: Api;
let roleId: string;

/** Month and day `days` from today (UTC), on a birth year long past. */
const birthdayIn = (days: number) => `1972-${new Date(Date.now() + days * 86_400_000).toISOString().slice(5, 10)}`;

beforeAll(async () => {
  e2e = await startE2E();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  api = apiWith(e2e, await adminToken(e2e));
  const users = await api<{ items: { email: string; roleId: string }[] }>('GET', '/users?limit=50');
  roleId = (users.items.find((u) => u.email !== 'admin@guanxi.local') ?? users.items[0]).roleId;
}, 180_000);
afterAll(async () => e2e?.close());

/** An account, a sponsor on our side, a card and a SWOT as a team would write them in each language. */
const DATA = {
  en: {
    org: { name: 'Northgate Heavy Industries Inc.', industry: 'Machinery' },
    sponsor: { name: 'Margaret Holloway', email: 'm.holloway@guanxi.local' },
    title: 'Win over the CEO of Northgate Heavy',
    birthday: "Mr. Carter's birthday",
    swot: {
      strengths: 'Market leader in heavy equipment; strong state backing',
      weaknesses: 'Slow procurement; legacy ERP',
      opportunities: 'Digital factory programme announced for 2026',
      threats: 'Competitor offers bundled financing',
    },
  },
  'zh-CN': {
    org: { name: '华东重工集团', industry: '装备制造' },
    sponsor: { name: '周敏', email: 'zm2026@guanxi.local' },
    title: '拓展华东重工总裁关系',
    birthday: '赵总生日',
    swot: {
      strengths: '重型装备市场龙头，国资背景雄厚',
      weaknesses: '采购流程缓慢，旧版管理系统',
      opportunities: '已宣布二〇二六年数字工厂计划',
      threats: '竞争对手提供捆绑融资方案',
    },
  },
} as const;

/** Opens an antd select (by its input id), types to search on the server and picks the option with `text`. */
async function pick(page: Page, id: string, text: string) {
  await page.locator(`#${id}`).click();
  await page.locator(`#${id}`).fill(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

async function waitForReminders(cardId: string, label: string): Promise<Notification[]> {
  let reminders: Notification[] = [];
  for (let i = 0; i < 30 && reminders.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const list = await api<{ items: Notification[] }>('GET', '/notifications?limit=100');
    reminders = list.items.filter((n) => n.link === `/expansion-cards/${cardId}` && n.title.includes(label));
  }
  return reminders;
}

async function journey(locale: Locale) {
  const s: Strings = locale === 'en' ? en : (zh as unknown as Strings);
  const d = DATA[locale];
  const org = await api<{ id: string }>('POST', '/organizations', { ...d.org, tier: 'key' });
  const sponsor = await api<{ id: string }>('POST', '/users', { ...d.sponsor, password: 'Sponsor-password-2026', locale, roleId });
  const birthday = birthdayIn(3);

  // The card is created from the list, then its sponsor and key date are filled on the card itself.
  const page = await signedIn(e2e, api, locale);
  await page.goto(`${e2e.baseUrl}/expansion-cards`);
  await page.getByRole('button', { name: s.expansionCards.new }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await pick(page, 'organizationId', d.org.name);
  await dialog.locator('#title').fill(d.title);
  await dialog.getByRole('button', { name: s.common.create, exact: true }).click();
  await page.waitForURL(/\/expansion-cards\/[^/]+$/);
  const cardId = new URL(page.url()).pathname.split('/').pop() as string;
  await page.getByRole('heading', { name: d.title }).waitFor();

  await pick(page, 'sponsorId', d.sponsor.name);
  const channels = page.locator('#step-channels');
  await channels.getByRole('button', { name: s.expansionCards.addKeyDate }).click();
  await channels.getByLabel(s.expansionCards.dateLabel, { exact: true }).fill(d.birthday);
  const date = channels.getByLabel(s.expansionCards.date, { exact: true });
  await date.click();
  await date.fill(birthday);
  await date.press('Enter');
  await channels.getByRole('heading', { name: s.expansionCards.keyDates }).click();
  const patched = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes(cardId), { timeout: 15_000 });
  await page.getByRole('button', { name: s.common.save, exact: true }).click();
  const res = await patched;
  expect(res.status(), await res.text()).toBe(200);
  await page.getByText(s.expansionCards.saved).first().waitFor();

  const card = await api<ExpansionCard>('GET', `/expansion-cards/${cardId}`);
  expect(card.title).toBe(d.title);
  expect(card.organizationId).toBe(org.id);
  expect(card.sponsorId).toBe(sponsor.id);
  expect(card.keyDates.map((k) => [k.kind, k.label, k.date, k.yearly])).toEqual([['birthday', d.birthday, birthday, true]]);

  // The runner started by the harness takes the job at its next poll, as on a real server.
  await enqueue(e2e.database.db, KEY_DATE_JOB, null);
  expect(await waitForReminders(cardId, d.birthday)).toHaveLength(1);
  // Running it again reminds nobody twice.
  await enqueue(e2e.database.db, KEY_DATE_JOB, null);
  await new Promise((r) => setTimeout(r, 3000));
  const again = await api<{ items: Notification[] }>('GET', '/notifications?limit=100');
  expect(again.items.filter((n) => n.link === `/expansion-cards/${cardId}` && n.title.includes(d.birthday))).toHaveLength(1);

  await page.reload();
  await page.getByText(s.expansionCards.steps.sponsor).first().waitFor();
  await page.getByText(s.expansionCards.upcoming).waitFor();
  expect(await channels.getByLabel(s.expansionCards.dateLabel, { exact: true }).inputValue()).toBe(d.birthday);
  if (locale === 'zh-CN') await expectNoEnglish(page);
  await shot(page, `expansion-card-${locale}`);
  await page.goto(`${e2e.baseUrl}/expansion-cards`);
  await page.getByRole('link', { name: d.title }).waitFor();

  // The SWOT of the account's archive is typed in the rich-text editors and saved.
  await page.goto(`${e2e.baseUrl}/key-accounts/${org.id}/archive`);
  const swot = page.locator('#section-swot');
  await swot.waitFor();
  for (const [field, text] of Object.entries(d.swot)) {
    const editor = swot.getByRole('textbox', { name: s.archives.fields[field as keyof typeof d.swot] });
    await editor.click();
    await page.keyboard.type(text);
  }
  await swot.getByRole('button', { name: s.common.save }).click();
  await page.getByText(s.archives.saved).first().waitFor();
  const saved = await api<{ sections: { key: string; content: Record<string, string> }[] }>('GET', `/archives/${org.id}`);
  const content = saved.sections.find((x) => x.key === 'swot')?.content ?? {};
  for (const [field, text] of Object.entries(d.swot)) expect(content[field]).toContain(text);
  await page.evaluate(() => document.getElementById('section-swot')?.scrollIntoView({ block: 'start' }));
  if (locale === 'zh-CN') await expectNoEnglish(page);
  await shot(page, `archive-swot-${locale}`);
  await page.context().close();
}

describe('expansion cards and archives in the browser', () => {
  test('English: a card created with a sponsor and a birthday that reminds once, and the SWOT of the archive', () => journey('en'), 180_000);
  test('Chinese: the same journey in Chinese, with no English left on the pages', () => journey('zh-CN'), 180_000);
});
