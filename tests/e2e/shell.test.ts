import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import en from '../../src/web/i18n/en.json';
import zh from '../../src/web/i18n/zh-CN.json';
import { DEMO_PASSWORD, type E2E, SCREENSHOTS, startE2E } from './harness.js';
import { expectNoEnglish, shot } from './pageChecks.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => e2e?.close());

async function logIn(page: Page, email: string, password = DEMO_PASSWORD, labels = en.login) {
  await page.goto(`${e2e.baseUrl}/login`);
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password).fill(password);
  await page.getByLabel(labels.password).press('Enter');
}

describe('web shell', () => {
  test('a wrong password shows an error and the demo admin signs in', async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.baseUrl}/`);
    await page.waitForURL(/\/login/);
    await shot(page, 'login-en');
    await logIn(page, 'admin@guanxi.local', 'wrong password');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/wrong|incorrect/i);
    await logIn(page, 'admin@guanxi.local');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.getByRole('menuitem', { name: en.nav.users }).click();
    await page.waitForURL(/\/admin\/users|\/users/);
    await page.getByText('李娜').first().waitFor();
    await shot(page, 'users-en');
    await page.getByRole('menuitem', { name: en.nav.roles }).click();
    await page.waitForURL(/roles/);
    await page.getByRole('heading', { name: en.nav.roles }).waitFor();
    await page.getByText('Sales rep', { exact: true }).first().waitFor();
    await shot(page, 'roles-en');
    await page.context().close();
  });

  test('switching to 简体中文 translates the whole UI and is remembered for the user', async () => {
    const page = await e2e.newPage();
    await logIn(page, 'wang.wei@guanxi.local');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    // Demo user 王伟 prefers Chinese: the UI follows the account, not the browser.
    await page.getByRole('menuitem', { name: zh.nav.users }).waitFor();
    await page.context().close();

    const admin = await e2e.newPage();
    await logIn(admin, 'admin@guanxi.local');
    await admin.waitForURL((u) => !u.pathname.startsWith('/login'));
    await admin.getByRole('button', { name: en.nav.userMenu }).click();
    await admin.getByText(en.nav.language).hover();
    await admin.getByText('简体中文').click();
    await admin.getByRole('menuitem', { name: zh.nav.users }).waitFor();
    for (const [item, screenshot] of [
      [zh.nav.users, 'users-zh-CN'],
      [zh.nav.teams, 'teams-zh-CN'],
      [zh.nav.roles, 'roles-zh-CN'],
      [zh.nav.audit, 'audit-zh-CN'],
      [zh.nav.recycleBin, 'recycle-bin-zh-CN'],
    ] as const) {
      await admin.getByRole('menuitem', { name: item }).click();
      await admin.getByRole('heading', { name: item }).waitFor();
      await admin.waitForLoadState('networkidle');
      await expectNoEnglish(admin);
      if (screenshot) await shot(admin, screenshot);
    }
    // A new browser session in an English browser still opens in Chinese for this user.
    await admin.context().close();
    const again = await e2e.newPage('en-US');
    await logIn(again, 'admin@guanxi.local');
    await again.getByRole('menuitem', { name: zh.nav.users }).waitFor();
    await expectNoEnglish(again);
    await again.getByRole('button', { name: zh.nav.userMenu }).click();
    await again.getByText(zh.nav.logout).click();
    await again.waitForURL(/\/login/);
    await again.getByRole('button', { name: zh.login.submit }).waitFor();
    await shot(again, 'login-zh-CN');
    await again.context().close();
  });

  test('a sales rep sees only the modules their role may read', async () => {
    const page = await e2e.newPage();
    await logIn(page, 'li.na@guanxi.local');
    await page.getByRole('menuitem', { name: zh.nav.users }).waitFor();
    expect(await page.getByRole('menuitem', { name: zh.nav.audit }).count()).toBe(0);
    // Reps may delete their own customers, so they may also restore them from the recycle bin.
    await page.getByRole('link', { name: zh.nav.organizations, exact: true }).waitFor();
    expect(await page.getByRole('menuitem', { name: zh.nav.recycleBin }).count()).toBe(1);
    await page.goto(`${e2e.baseUrl}/no/such/page`);
    await page.getByText(zh.notFound.title).waitFor();
    await page.context().close();
  });
});
