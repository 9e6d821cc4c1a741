import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Organization } from '../../src/shared/schemas/customers.js';
import type { Chain } from '../../src/shared/schemas/decision-chain.js';
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

interface Person {
  name: string;
  title: string;
  department: number;
  role: string;
  level: 'senior' | 'middle' | 'junior';
  support?: 'supporter' | 'neutral';
  /** Added as a new contact from the chain editor rather than picked. */
  isNew?: boolean;
}

/** Six people of one customer, as a user of each language would name them. */
const DATA = {
  en: {
    org: 'Harbourline Logistics Group',
    departments: ['Executive office', 'Finance', 'IT', 'Procurement', 'Administration', 'Legal'],
    competitor: 'BlueOcean Systems',
    people: [
      { name: 'Henry Walsh', title: 'CEO', department: 0, role: 'decision_maker', level: 'senior' },
      { name: 'Grace Lin', title: 'CFO', department: 1, role: 'approver', level: 'senior' },
      { name: 'Oliver Grant', title: 'CTO', department: 2, role: 'technical_evaluator', level: 'middle' },
      { name: 'Mia Novak', title: 'Head of Procurement', department: 3, role: 'business_evaluator', level: 'middle' },
      { name: 'Leo Park', title: 'IT engineer', department: 2, role: 'coach', level: 'junior', support: 'supporter' },
      { name: 'Ruth Keller', title: 'Office manager', department: 4, role: 'gatekeeper', level: 'junior', isNew: true },
    ] as Person[],
  },
  'zh-CN': {
    org: '海港物流集团有限公司',
    departments: ['总经办', '财务部', '信息部', '采购部', '行政部', '法务部'],
    competitor: '蓝海科技',
    people: [
      { name: '王建国', title: '总经理', department: 0, role: 'decision_maker', level: 'senior' },
      { name: '李明', title: '财务总监', department: 1, role: 'approver', level: 'senior' },
      { name: '张伟', title: '技术总监', department: 2, role: 'technical_evaluator', level: 'middle' },
      { name: '刘洋', title: '采购经理', department: 3, role: 'business_evaluator', level: 'middle' },
      { name: '陈静', title: '系统工程师', department: 2, role: 'coach', level: 'junior', support: 'supporter' },
      { name: '赵磊', title: '行政主管', department: 4, role: 'gatekeeper', level: 'junior', isNew: true },
    ] as Person[],
  },
} as const;

const node = (page: Page, name: string) => page.locator(`[data-testid="chain-node"][data-name="${name}"]`);

/** Editing scrolled the page; pictures start at the account's header. */
async function toTop(page: Page) {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    for (const el of document.querySelectorAll<HTMLElement>('main, .ant-layout, .ant-layout-content')) el.scrollTop = 0;
  });
}

/**
 * Chooses `option` in a dropdown and waits until no dropdown is left on screen, so a fading one cannot take the next click.
 * (Only one dropdown is open at a time: waiting for "the dropdown holding `option`" never matched, as `option` is rooted at the page.)
 */
async function choose(page: Page, option: Locator) {
  const closed = () => expect.poll(() => page.locator('.ant-select-dropdown:visible').count(), { timeout: 3000 }).toBe(0);
  await option.click();
  // A click on a list still filling in can miss: the dropdown then stays open, and the option is clicked again.
  await closed().catch(async () => {
    await option.click();
    await closed();
  });
}

/** Picks `option` in the select labelled `label` and checks the field shows it; a click lost to the page is tried again. */
async function pick(page: Page, scope: Locator, label: string, option: string) {
  const field = scope.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) });
  for (let attempt = 0; ; attempt++) {
    await scope.getByLabel(label, { exact: true }).click();
    await choose(page, page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }));
    const shown = await field
      .getByTitle(option, { exact: true })
      .waitFor({ timeout: 2000 })
      .then(() => true)
      .catch(() => false);
    if (shown) return;
    if (attempt === 1) throw new Error(`${label}: ${option} not chosen`);
  }
}

/** Drags from the bottom handle of one person to the top handle of another, as a user draws a line. */
async function drawLine(page: Page, from: string, to: string) {
  const before = await page.locator('.react-flow__edge').count();
  const a = await node(page, from).getByTestId('handle-out').boundingBox();
  const b = await node(page, to).getByTestId('handle-in').boundingBox();
  if (!a || !b) throw new Error('handle not on screen');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 });
  await page.mouse.up();
  await expect.poll(() => page.locator('.react-flow__edge').count(), { timeout: 10_000 }).toBe(before + 1);
}

async function journey(locale: Locale) {
  const s: Strings = locale === 'en' ? en : (zh as unknown as Strings);
  const dc = s.decisionChain;
  const d = DATA[locale];

  // Set-up a script would do: the key account, its departments and the people we already know there.
  const org = await api<Organization>('POST', '/organizations', { name: d.org, tier: 'key' });
  const departments = d.departments.map((name) => ({ id: crypto.randomUUID(), name }));
  await api('PUT', `/accounts/${org.id}/decision-chain`, { version: 0, departments, nodes: [], edges: [] });
  const contactIds = new Map<string, string>();
  for (const p of d.people.filter((x) => !x.isNew)) {
    const c = await api<{ id: string }>('POST', '/contacts', { name: p.name, organizations: [{ organizationId: org.id, title: p.title }] });
    contactIds.set(p.name, c.id);
  }
  // Two of them were met last week; the others not for a long time (coverage gaps).
  await api('POST', '/activities', {
    kind: 'visit',
    subject: locale === 'en' ? 'Quarterly review' : '季度回顾',
    organizationId: org.id,
    contactIds: [contactIds.get(d.people[1].name), contactIds.get(d.people[4].name)],
  });

  const page = await signedIn(e2e, api, locale);
  await page.goto(`${e2e.baseUrl}/key-accounts`);
  await page.getByRole('link', { name: d.org }).click();
  await page.waitForURL(/\/key-accounts\/[0-9a-f-]{36}\/chain$/);
  await page.getByText(dc.emptyTitle).waitFor();

  // 1. Six people: five picked from the organization's contacts, one created on the spot.
  const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('add-person-form') });
  for (const [i, p] of d.people.entries()) {
    await page.getByTestId('add-person').click();
    await modal.waitFor();
    if (p.isNew) {
      await modal.getByText(dc.newContact).click();
      await modal.getByLabel(dc.fields.name, { exact: true }).fill(p.name);
      await modal.getByLabel(dc.fields.title, { exact: true }).fill(p.title);
    } else {
      await modal.getByLabel(dc.fields.contact, { exact: true }).click();
      await page.keyboard.type(p.name);
      await choose(page, page.locator('.ant-select-dropdown:visible').getByTitle(p.name, { exact: true }));
    }
    await pick(page, modal, dc.fields.department, d.departments[p.department]);
    await pick(page, modal, dc.fields.buyingRole, dc.roles[p.role as keyof typeof dc.roles]);
    await pick(page, modal, dc.fields.level, dc.levels[p.level]);
    if (p.support) await pick(page, modal, dc.fields.support, dc.support[p.support]);
    if (i === 0) {
      // Our owner for the decision maker: the first user offered.
      await modal.getByLabel(dc.fields.ourOwner, { exact: true }).click();
      // The newest dropdown is the owner's; an earlier one may still be fading out.
      await choose(page, page.locator('.ant-select-dropdown:visible').last().locator('.ant-select-item-option').first());
    }
    if (p.role === 'coach') await modal.getByLabel(dc.fields.risingStar, { exact: true }).click();
    await modal.getByTestId('add-person-ok').click();
    await modal.waitFor({ state: 'hidden' });
    await node(page, p.name).waitFor();
  }
  await expect.poll(() => page.getByTestId('chain-node').count()).toBe(6);

  // 2. Drag the decision maker above the others; the new position is saved.
  const boss = d.people[0].name;
  const box = await node(page, boss).boundingBox();
  if (!box) throw new Error('no node box');
  await page.mouse.move(box.x + 60, box.y + 30);
  await page.mouse.down();
  await page.mouse.move(box.x + 200, box.y - 60, { steps: 8 });
  await page.mouse.move(box.x + 340, box.y - 140, { steps: 8 });
  await page.mouse.up();
  await expect
    .poll(async () => (await api<Chain>('GET', `/accounts/${org.id}/decision-chain`)).nodes.find((n) => n.contactName === boss)?.y ?? 0, { timeout: 10_000 })
    .toBeLessThan(0);
  await page.reload();
  await node(page, boss).waitFor();

  // 3. Reporting lines from the decision maker to the approver and the technical evaluator, and a hidden decision link from the coach.
  await drawLine(page, boss, d.people[1].name);
  await drawLine(page, boss, d.people[2].name);
  await drawLine(page, d.people[1].name, d.people[3].name);
  await page.getByTestId('line-mode').getByText(dc.edge.hidden).click();
  await drawLine(page, d.people[4].name, boss);

  // 4. The technical evaluator turns out to oppose us and favour a competitor: edit in the drawer.
  await node(page, d.people[2].name).click();
  const drawer = page.locator('.ant-drawer');
  await drawer.getByTestId('person-form').waitFor();
  await pick(page, drawer, dc.fields.support, dc.support.opponent);
  await drawer.getByLabel(dc.fields.favouredCompetitor, { exact: true }).fill(d.competitor);
  await drawer.getByTestId('person-save').click();
  await node(page, d.people[2].name).getByText(dc.support.opponent).waitFor();
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });

  const saved = await api<Chain>('GET', `/accounts/${org.id}/decision-chain`);
  expect(saved.nodes).toHaveLength(6);
  for (const p of d.people) {
    expect(saved.nodes.find((n) => n.contactName === p.name)?.departmentId, p.name).toBe(departments[p.department].id);
  }
  expect(saved.edges.filter((e) => e.kind === 'reporting')).toHaveLength(3);
  expect(saved.edges.filter((e) => e.hidden)).toHaveLength(1);
  expect(saved.nodes.find((n) => n.buyingRole === 'coach')).toMatchObject({ support: 'supporter', risingStar: true });
  expect(saved.nodes.find((n) => n.support === 'opponent')).toMatchObject({ contactName: d.people[2].name, favouredCompetitor: d.competitor });

  await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } }); // clear the selection before the picture
  if (locale === 'zh-CN') await expectNoEnglish(page);
  await toTop(page);
  await shot(page, `decision-chain-${locale}`);

  // 5. The same people as a table.
  await page.getByRole('tab', { name: dc.table }).click();
  await expect.poll(() => page.getByTestId('chain-table').locator('tbody tr').count()).toBe(6);

  // 6. Coverage: the empty department and the people nobody has met lately are gaps.
  await page.getByRole('tab', { name: s.keyAccounts.tabs.coverage }).click();
  await page.waitForURL(/\/coverage$/);
  await page.getByTestId('coverage-matrix').waitFor();
  await page.getByTestId('coverage-matrix').getByText(d.departments[5]).waitFor();
  const coverage = await api<{ gaps: Record<string, number> }>('GET', `/accounts/${org.id}/coverage`);
  expect(coverage.gaps).toMatchObject({ emptyDepartments: 1, uncoveredDeciders: 1, stalePeople: 4 });
  if (locale === 'zh-CN') await expectNoEnglish(page);
  await toTop(page);
  await shot(page, `coverage-${locale}`);

  // 7. The dashboard lists the account with its counts.
  await page.goto(`${e2e.baseUrl}/key-accounts`);
  const row = page.locator('tr', { hasText: d.org });
  await row.waitFor();
  await row.getByText(s.keyAccounts.opponentsCount.replace('{{count}}', '1')).waitFor();
  await page.context().close();
}

describe('decision chain journey', () => {
  test('in English', async () => {
    await journey('en');
  }, 240_000);
  test('in 简体中文', async () => {
    await journey('zh-CN');
  }, 240_000);
});
