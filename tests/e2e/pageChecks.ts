import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import en from '../../src/web/i18n/en.json';
import zh from '../../src/web/i18n/zh-CN.json';
import { SCREENSHOTS } from './harness.js';

export async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400); // let antd's menu and table transitions settle
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** English UI strings that differ from their Chinese twin; none may be left on a page shown in Chinese. */
function englishOnly(): string[] {
  const out: string[] = [];
  const walk = (a: Record<string, unknown>, b: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(a)) {
      if (typeof v === 'string' && typeof b[k] === 'string' && v !== b[k] && /^[A-Za-z][A-Za-z ]{3,}$/.test(v)) out.push(v);
      else if (v && typeof v === 'object') walk(v as Record<string, unknown>, b[k] as Record<string, unknown>);
    }
  };
  walk(en, zh);
  return out;
}

export async function expectNoEnglish(page: Page): Promise<void> {
  // Table rows, profile values and history values hold data (team names such as "上海一组 Shanghai Team 1"
  // are bilingual on purpose), not UI text.
  const text = await page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    for (const el of body.querySelectorAll('.ant-table-tbody, .ant-descriptions-item-content, .ant-timeline li')) el.remove();
    document.documentElement.appendChild(body);
    // biome-ignore lint/performance/useDomNodeTextContent: innerText is what a reader sees (hidden nodes excluded)
    const out = body.innerText;
    body.remove();
    return out;
  });
  const leftovers = englishOnly().filter((s) => new RegExp(`\\b${s}\\b`).test(text));
  expect(leftovers, `English left on ${page.url()}`).toEqual([]);
}
