import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { KEY_DATE_JOB } from '../../src/server/modules/expansion-cards/key-date-reminders.js';
import { enqueue } from '../../src/server/platform/jobs/queue.js';
import type { ExpansionCard } from '../../src/shared/schemas/expansion-cards.js';
import en from '../../src/web/i18n/en.json';
import zh from '../../src/web/i18n/zh-CN.json';
import { type E2E, SCREENSHOTS, startE2E } from './harness.js';
import { expectNoEnglish, shot } from './pageChecks.js';
import { type Api, adminToken, apiWith, signedIn } from './session.js';

let e2e: E2E;
let api: Api;
let orgId: string;
let card: ExpansionCard;

/** Month and day `days` from today (UTC), on a birth year long past. */
const birthdayIn = (days: number) => `1972-${new Date(Date.now() + days * 86_400_000).toISOString().slice(5, 10)}`;

beforeAll(async () => {
  e2e = await startE2E();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  api = apiWith(e2e, await adminToken(e2e));
  const org = await api<{ id: string }>('POST', '/organizations', { name: '华东重工集团', tier: 'key', industry: '装备制造' });
  orgId = org.id;
  const contact = await api<{ id: string }>('POST', '/contacts', { name: '赵建国', organizations: [{ organizationId: orgId, title: '总裁' }] });
  const users = await api<{ items: { id: string; email: string }[] }>('GET', '/users?limit=50');
  const sponsor = users.items.find((u) => u.email !== 'admin@guanxi.local');
  card = await api<ExpansionCard>('POST', '/expansion-cards', {
    organizationId: orgId,
    title: '拓展华东重工总裁关系',
    targetContactId: contact.id,
    targetNotes: '最终决策者，关注数字化转型',
    sponsorId: sponsor?.id,
    sponsorFit: {
      rank: { met: true, score: 5, note: '集团副总裁对总裁' },
      business: { met: true, score: 4, note: '分管制造业务' },
      history: { met: true, score: 3, note: '2019年行业论坛相识' },
      ability: { met: true, score: 4, note: null },
      willingness: { met: true, score: 5, note: '愿意每季度拜访' },
    },
    visitsPlan: '邀请参观苏州总部与工业博览会',
    mutualVisitsPlan: '每季度高层互访一次',
    keyDates: [
      { kind: 'birthday', label: '赵总生日', date: birthdayIn(3), yearly: true },
      { kind: 'holiday', label: '春节', date: '2027-02-06', yearly: false },
    ],
    keyEvents: [{ text: '赵总升任集团总裁', dueOn: '2026-01-10' }],
    commitments: '年内签订战略合作协议',
    actions: [{ text: '安排高层会面', ownerId: sponsor?.id ?? null, dueOn: '2026-12-20' }],
    nextReviewOn: '2026-12-31',
  });
}, 180_000);
afterAll(async () => e2e?.close());

describe('expansion cards and archives in the browser', () => {
  test('a birthday key date raises a reminder through the job runner, and the card shows its six steps in Chinese', async () => {
    // The runner started by the harness takes the job at its next poll, as on a real server.
    await enqueue(e2e.database.db, KEY_DATE_JOB, null);
    let reminders: { title: string; link: string }[] = [];
    for (let i = 0; i < 30 && reminders.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const list = await api<{ items: { title: string; link: string }[] }>('GET', '/notifications?limit=100');
      reminders = list.items.filter((n) => n.link === `/expansion-cards/${card.id}` && n.title.includes('赵总生日'));
    }
    expect(reminders).toHaveLength(1);
    // Running it again reminds nobody twice.
    await enqueue(e2e.database.db, KEY_DATE_JOB, null);
    await new Promise((r) => setTimeout(r, 3000));
    const again = await api<{ items: { title: string; link: string }[] }>('GET', '/notifications?limit=100');
    expect(again.items.filter((n) => n.title.includes('赵总生日'))).toHaveLength(1);

    const page = await signedIn(e2e, api, 'zh-CN');
    await page.goto(`${e2e.baseUrl}/expansion-cards/${card.id}`);
    await page.getByText(zh.expansionCards.steps.sponsor).first().waitFor();
    expect(await page.getByLabel(zh.expansionCards.dateLabel).first().inputValue()).toBe('赵总生日');
    await expectNoEnglish(page);
    await shot(page, 'expansion-card-zh-CN');
    await page.goto(`${e2e.baseUrl}/expansion-cards`);
    await page.getByRole('link', { name: '拓展华东重工总裁关系' }).waitFor();
    await page.context().close();
  }, 120_000);

  test('the SWOT of the enterprise archive is filled in the rich-text editors and saved', async () => {
    const page = await signedIn(e2e, api, 'en');
    await page.goto(`${e2e.baseUrl}/key-accounts/${orgId}/archive`);
    const swot = page.locator('#section-swot');
    await swot.waitFor();
    const texts = {
      strengths: 'Market leader in heavy equipment; strong state backing',
      weaknesses: 'Slow procurement; legacy ERP',
      opportunities: 'Digital factory programme announced for 2026',
      threats: 'Competitor offers bundled financing',
    } as const;
    for (const [field, text] of Object.entries(texts)) {
      const editor = swot.getByRole('textbox', { name: en.archives.fields[field as keyof typeof texts] });
      await editor.click();
      await page.keyboard.type(text);
    }
    await swot.getByRole('button', { name: en.common.save }).click();
    await page.getByText(en.archives.saved).waitFor();
    const saved = await api<{ sections: { key: string; content: Record<string, string> }[] }>('GET', `/archives/${orgId}`);
    const content = saved.sections.find((s) => s.key === 'swot')?.content ?? {};
    for (const [field, text] of Object.entries(texts)) expect(content[field]).toContain(text);
    await swot.scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById('section-swot')?.scrollIntoView({ block: 'start' }));
    await shot(page, 'archive-swot-en');
    await page.context().close();
  }, 120_000);
});
