import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import en from '../../src/web/i18n/en.json';
import zh from '../../src/web/i18n/zh-CN.json';
import { DEMO_PASSWORD, type E2E, SCREENSHOTS, startE2E } from './harness.js';
import { shot } from './pageChecks.js';

let e2e: E2E;
let huaweiId: string;

async function logIn(page: Page, email: string, labels = en.login) {
  await page.goto(`${e2e.baseUrl}/login`);
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password).fill(DEMO_PASSWORD);
  await page.getByLabel(labels.password).press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Opens the header search with the keyboard shortcut and types `q`. */
async function searchFor(page: Page, q: string, labels = en.search) {
  // The shortcut works once the signed-in layout is there.
  await page.getByTestId('global-search').waitFor();
  await page.keyboard.press('Control+k');
  const box = page.getByRole('combobox', { name: labels.dialogLabel });
  await box.fill(q);
  return box;
}

beforeAll(async () => {
  e2e = await startE2E();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const post = async (path: string, token: string, body: unknown) => {
    const res = await fetch(`${e2e.baseUrl}/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return res.json() as Promise<Record<string, unknown>>;
  };
  const token = (await post('/auth/login', '', { email: 'admin@guanxi.local', password: DEMO_PASSWORD })).token as string;
  const users = (await (await fetch(`${e2e.baseUrl}/api/users?limit=200`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
    items: { id: string; email: string }[];
  };
  const lina = users.items.find((u) => u.email === 'li.na@guanxi.local')?.id;
  huaweiId = (await post('/organizations', token, { name: '华为技术有限公司', ownerId: lina, industry: '通信设备' })).id as string;
  await post('/organizations', token, { name: '深圳市中兴通讯股份有限公司', ownerId: lina });
});
afterAll(async () => e2e?.close());

describe('global search in the header', () => {
  test('华为, huawei and hw find the same organization; arrows and Enter open it, Esc closes', async () => {
    const page = await e2e.newPage();
    await logIn(page, 'admin@guanxi.local');
    for (const q of ['华为', 'huawei', 'hw']) {
      await searchFor(page, q);
      await expect.poll(() => page.getByRole('option').first().textContent()).toContain('华为技术有限公司');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('combobox', { name: en.search.dialogLabel }).count()).toBe(0);
    }
    await searchFor(page, 'zxtx');
    await expect.poll(() => page.getByRole('option').first().textContent()).toContain('深圳市中兴通讯股份有限公司');
    await searchFor(page, 'hw');
    await page.getByRole('option', { name: /华为技术有限公司/ }).waitFor();
    await shot(page, 'search-en');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/organizations/${huaweiId}$`));
    // The opened record is offered first when the box is empty.
    await page.getByRole('button', { name: en.search.open }).click();
    await page
      .getByRole('listbox', { name: en.search.recent })
      .getByRole('option', { name: /华为技术有限公司/ })
      .waitFor();
    await page.context().close();
  });

  test('the owner finds it in Chinese; a rep of another team finds nothing and is told so', async () => {
    const owner = await e2e.newPage('zh-CN');
    await logIn(owner, 'li.na@guanxi.local', zh.login);
    await searchFor(owner, '华为', zh.search);
    await owner.getByRole('option', { name: /华为技术有限公司/ }).waitFor();
    await shot(owner, 'search-zh');
    await owner.context().close();

    const outsider = await e2e.newPage('zh-CN');
    await logIn(outsider, 'zhang.min@guanxi.local', zh.login);
    await searchFor(outsider, 'huawei', zh.search);
    await outsider.getByText(zh.search.noResults.replace('{{q}}', 'huawei')).waitFor();
    expect(await outsider.getByRole('option').count()).toBe(0);
    await outsider.context().close();
  });
});
