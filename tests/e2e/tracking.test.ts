import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readMail } from '../../src/server/modules/mail/testMailbox.js';
import type { Organization } from '../../src/shared/schemas/customers.js';
import en from '../../src/web/i18n/en.json';
import zh from '../../src/web/i18n/zh-CN.json';
import { type E2E, SCREENSHOTS, startE2E } from './harness.js';
import { startMailbox } from './mailbox.js';
import { expectNoEnglish, shot } from './pageChecks.js';
import { type Api, adminToken, apiWith, type Locale, signedIn } from './session.js';

type Strings = typeof en;

let e2e: E2E;
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let token: string;
let api: Api;

beforeAll(async () => {
  [e2e, mailbox] = await Promise.all([startE2E(), startMailbox()]);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  token = await adminToken(e2e);
  api = apiWith(e2e, token);
  // What an administrator sets up once: the mail server reminders go through, and a custom field.
  await api('PUT', '/settings/mail', {
    enabled: true,
    host: '127.0.0.1',
    port: mailbox.port,
    secure: false,
    user: '',
    from: 'Guanxi CRM <crm@guanxi.local>',
    appUrl: e2e.baseUrl,
    timeZone: 'Asia/Shanghai',
  });
  await api('POST', '/custom-fields', {
    entity: 'organizations',
    key: 'flagship_product',
    label: { en: 'Flagship product', 'zh-CN': '拳头产品' },
    type: 'text',
  });
}, 180_000);
afterAll(async () => {
  await e2e?.close();
  await mailbox?.close();
});

/** "YYYY-MM-DD HH:mm" in Shanghai, where the browser is, `minutes` from now. */
function shanghai(minutes: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(Date.now() + minutes * 60_000));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** What each language's journey types: names a user of that language would use. */
const DATA = {
  en: {
    org: 'Nordwind Robotics Co., Ltd.',
    duplicate: 'Nordwind Robotics Ltd',
    products: 'Industrial robot arms',
    contacts: [
      { name: 'Emma Hart', title: 'Purchasing Manager' },
      { name: 'Lucas Berg', title: 'Plant Director' },
    ],
    duplicateContact: 'Oskar Lind',
    duplicateActivity: 'Trade fair conversation',
    visit: 'Site visit at the Suzhou plant',
    // Its words must not be UI words of en.json: the Chinese run's calendar shows this task too.
    task: 'Email the revised offer',
  },
  'zh-CN': {
    org: '云帆机器人有限公司',
    duplicate: '云帆机器人',
    products: '工业机械臂',
    contacts: [
      { name: '赵敏', title: '采购经理' },
      { name: '孙浩', title: '厂长' },
    ],
    duplicateContact: '钱立',
    duplicateActivity: '展会交流',
    visit: '苏州工厂现场拜访',
    task: '发送修订后的报价',
  },
} as const;

async function journey(locale: Locale) {
  const s: Strings = locale === 'en' ? en : (zh as unknown as Strings);
  const d = DATA[locale];
  const suffix = locale;

  // The duplicate already exists (say, from a trade-fair import), with a person and a conversation of its own.
  const dup = await api<Organization>('POST', '/organizations', { name: d.duplicate, tier: 'B' });
  const dupContact = await api<{ id: string }>('POST', '/contacts', { name: d.duplicateContact, organizations: [{ organizationId: dup.id }] });
  await api('POST', '/activities', { kind: 'meeting', subject: d.duplicateActivity, organizationId: dup.id, contactIds: [dupContact.id] });

  const page = await signedIn(e2e, api, locale, { timezoneId: 'Asia/Shanghai' });
  const drawer = page.locator('.ant-drawer');

  // 1. A new organization with a custom field value; the form warns that it may already exist.
  await page.getByRole('link', { name: s.nav.organizations, exact: true }).click();
  await page.getByRole('heading', { name: s.organizations.title }).waitFor();
  await page.getByRole('button', { name: s.organizations.create }).first().click();
  await drawer.getByLabel(s.organizations.name, { exact: true }).fill(d.org);
  await drawer.getByText(s.merge.possibleDuplicates).waitFor();
  await drawer.getByText(d.duplicate).waitFor();
  await drawer.getByLabel(locale === 'en' ? 'Flagship product' : '拳头产品').fill(d.products);
  await drawer.getByRole('button', { name: s.common.create }).click();
  await page.waitForURL(/\/organizations\/[0-9a-f-]{36}$/);
  const orgId = page.url().split('/').pop() as string;
  await page.getByRole('heading', { name: d.org }).waitFor();
  await page.locator('.ant-descriptions').getByText(d.products).waitFor();

  // 2. Two contacts, each started from the organization so they are linked to it.
  for (const c of d.contacts) {
    await page.getByRole('button', { name: s.organizations.addContact }).click();
    await drawer.getByLabel(s.contacts.name, { exact: true }).fill(c.name);
    await drawer.getByLabel(`${s.contacts.organization} 1: ${s.contacts.jobTitle}`).fill(c.title);
    await drawer.getByRole('button', { name: s.common.create }).click();
    await page.getByRole('link', { name: c.name }).first().waitFor();
  }
  await page.getByText(s.organizations.contactsCount.replace('{{count}}', '2')).waitFor();

  // 3. A visit, logged from the quick log.
  const quick = page.locator('form', { has: page.getByPlaceholder(s.activities.subjectPlaceholder) }).first();
  await quick.getByText(s.activities.kinds.visit, { exact: true }).click();
  await quick.getByPlaceholder(s.activities.subjectPlaceholder).fill(d.visit);
  await quick.getByPlaceholder(s.activities.subjectPlaceholder).press('Enter');
  await page.locator('.ant-timeline').getByText(d.visit).waitFor();

  // 4. A follow-up task for tomorrow 10:00 that repeats every two weeks, with a reminder in a minute.
  const tomorrow = shanghai(24 * 60).slice(0, 10);
  await page.getByTestId('open-tasks-new').click();
  const taskDrawer = page.getByTestId('task-drawer');
  await taskDrawer.getByTestId('task-title').fill(d.task);
  await taskDrawer.getByLabel(s.tasks.fields.due).click();
  await page.keyboard.type(`${tomorrow} 10:00`);
  await page.keyboard.press('Enter');
  await taskDrawer.getByLabel(s.tasks.fields.recurrence).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(s.tasks.recurrence.biweekly).click();
  await taskDrawer.getByLabel(s.tasks.fields.reminder).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(s.tasks.reminders.custom).click();
  await taskDrawer.getByLabel(s.tasks.fields.remindAt).click();
  await page.keyboard.type(shanghai(1));
  await page.keyboard.press('Enter');
  await taskDrawer.getByTestId('task-save').click();
  await page.getByText(s.tasks.created).waitFor();
  await page.getByTestId('open-tasks').getByText(d.task).waitFor();
  const mailsBefore = mailbox.mails.length;

  // 5. On the calendar: the task on tomorrow's date (week and month), and today's visit on the day view.
  await page.getByRole('link', { name: s.nav.calendar, exact: true }).click();
  await page.getByRole('heading', { name: s.calendar.title }).waitFor();
  await page.goto(`${e2e.baseUrl}/calendar?view=week&date=${tomorrow}`);
  await page.getByTestId('calendar-item-task').filter({ hasText: d.task }).waitFor();
  await shot(page, `calendar-week-${suffix}`);
  await page.goto(`${e2e.baseUrl}/calendar?date=${tomorrow}`);
  await page.getByTestId('calendar-item-task').filter({ hasText: d.task }).waitFor();
  if (locale === 'zh-CN') await expectNoEnglish(page);
  await shot(page, `calendar-${suffix}`);
  await page.goto(`${e2e.baseUrl}/calendar?view=day&date=${shanghai(0).slice(0, 10)}`);
  await page.getByTestId('calendar-item-activity').filter({ hasText: d.visit }).waitFor();

  // 6. Merge the duplicate into this organization: its contact and its activity move here.
  await page.goto(`${e2e.baseUrl}/organizations/${orgId}`);
  await page.getByRole('link', { name: s.merge.actionOrganizations }).click();
  await page.getByRole('heading', { name: s.merge.titleOrganizations }).waitFor();
  await page.getByText(s.merge.stepChoose).waitFor();
  await page.getByLabel(s.merge.source).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: d.duplicate }).first().click();
  await page.getByText(s.merge.stepSummary).waitFor();
  await page.getByRole('button', { name: s.merge.merge, exact: true }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: s.merge.merge, exact: true }).click();
  await page.waitForURL(new RegExp(`/organizations/${orgId}$`));
  await page.getByRole('link', { name: d.duplicateContact }).first().waitFor();
  await page.locator('.ant-timeline').getByText(d.duplicateActivity).waitFor();
  await page.getByText(s.organizations.contactsCount.replace('{{count}}', '3')).waitFor();
  const gone = await fetch(`${e2e.baseUrl}/api/organizations/${dup.id}`, { headers: { authorization: `Bearer ${token}` } });
  expect(gone.status).toBe(404);
  if (locale === 'zh-CN') await expectNoEnglish(page);

  // 7. The reminder: an e-mail through the SMTP server, and a notification behind the bell.
  await expect
    .poll(
      () =>
        mailbox.mails
          .slice(mailsBefore)
          .map((m) => readMail(m).subject)
          .join('\n'),
      { timeout: 120_000, interval: 1000 },
    )
    .toContain(d.task);
  const mail = readMail(mailbox.mails.slice(mailsBefore).find((m) => readMail(m).subject.includes(d.task)) as (typeof mailbox.mails)[number]);
  expect(mail.to).toEqual(['admin@guanxi.local']);
  expect(mail.text).toContain(d.org);
  await page.reload();
  await page.getByTestId('notification-bell').click();
  await page.getByTestId('notification-list').getByText(d.task).first().click();
  await page.getByTestId('task-drawer').getByTestId('task-title').waitFor();
  expect(await page.getByTestId('task-drawer').getByTestId('task-title').inputValue()).toBe(d.task);
  await page.context().close();
}

describe('customer tracking journey', () => {
  test('in English', async () => {
    await journey('en');
  }, 240_000);
  test('in 简体中文', async () => {
    await journey('zh-CN');
  }, 240_000);
});
