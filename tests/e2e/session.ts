import type { Page } from 'playwright-core';
import en from '../../src/web/i18n/en.json';
import zh from '../../src/web/i18n/zh-CN.json';
import { DEMO_PASSWORD, type E2E } from './harness.js';

export type Locale = 'en' | 'zh-CN';
export type Api = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** The demo administrator's bearer token, for set-up through the API the way a script would do it. */
export async function adminToken(e2e: E2E): Promise<string> {
  const login = await fetch(`${e2e.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@guanxi.local', password: DEMO_PASSWORD }),
  });
  return ((await login.json()) as { token: string }).token;
}

/** Calls the API with `token`; anything but a 2xx throws with the answer, so set-up mistakes show at once. */
export function apiWith(e2e: E2E, token: string): Api {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${e2e.baseUrl}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = res.status === 204 ? null : await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(data)}`);
    return data as T;
  };
}

/**
 * The administrator signed in through the login form, with the interface in `locale`. Lists have
 * many columns; the default window shows them without scrolling sideways.
 */
export async function signedIn(
  e2e: E2E,
  api: Api,
  locale: Locale,
  options: { viewport?: { width: number; height: number }; timezoneId?: string } = {},
): Promise<Page> {
  await api('PATCH', '/auth/me', { locale });
  const context = await e2e.browser.newContext({
    locale: locale === 'en' ? 'en-US' : 'zh-CN',
    viewport: options.viewport ?? { width: 1440, height: 900 },
    timezoneId: options.timezoneId,
  });
  const page = await context.newPage();
  const labels = (locale === 'en' ? en : zh).login;
  await page.goto(`${e2e.baseUrl}/login`);
  await page.getByLabel(labels.email).fill('admin@guanxi.local');
  await page.getByLabel(labels.password).fill(DEMO_PASSWORD);
  await page.getByLabel(labels.password).press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}
