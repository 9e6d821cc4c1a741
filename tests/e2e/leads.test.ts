import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Lead } from '../../src/shared/schemas/leads.js';
import en from '../../src/web/i18n/en.json';
import zh from '../../src/web/i18n/zh-CN.json';
import { DEMO_PASSWORD, type E2E, SCREENSHOTS, startE2E } from './harness.js';
import { expectNoEnglish, shot } from './pageChecks.js';
import { type Api, adminToken, apiWith, signedIn } from './session.js';

let e2e: E2E;
let api: Api;

beforeAll(async () => {
  e2e = await startE2E();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  api = apiWith(e2e, await adminToken(e2e));
}, 180_000);
afterAll(async () => e2e?.close());

/** A demo user's API, signed in with the demo password. */
async function apiAs(email: string): Promise<Api> {
  const res = await fetch(`${e2e.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return apiWith(e2e, ((await res.json()) as { token: string }).token);
}

const userId = async (email: string) => (await api<{ items: { id: string; email: string }[] }>('GET', `/users?q=${encodeURIComponent(email)}`)).items[0].id;

describe('leads', () => {
  test('the kanban shows leads by status and a drag moves one (en)', async () => {
    const leads: [string, string, string, string][] = [
      ['Olivia Brown', 'Brightline Logistics', 'trade_show', 'new'],
      ['Noah Wilson', 'Harbor Foods', 'website', 'new'],
      ['Mia Clark', 'Summit Tools', 'referral', 'contacted'],
      ['Ethan Lee', 'Pacific Textiles', 'advertising', 'qualified'],
      ['Ava King', 'Northstar Media', 'telemarketing', 'unqualified'],
    ];
    for (const [name, company, source, status] of leads) await api('POST', '/leads', { name, company, source, status, provinceCode: '310000' });
    const page = await signedIn(e2e, api, 'en');
    await page.getByRole('link', { name: en.leads.nav, exact: true }).click();
    await page.getByRole('heading', { name: en.leads.title }).waitFor();
    const column = (status: string) => page.getByRole('region', { name: (en.leads.status as Record<string, string>)[status], exact: true });
    await column('new').getByText('Olivia Brown').waitFor();
    await column('qualified').getByText('Ethan Lee').waitFor();
    await column('new').locator('[data-lead-id]', { hasText: 'Noah Wilson' }).dragTo(column('contacted'));
    await column('contacted').getByText('Noah Wilson').waitFor();
    const moved = (await api<{ items: Lead[] }>('GET', '/leads?q=Noah')).items[0];
    expect(moved.status).toBe('contacted');
    await shot(page, 'leads-kanban-en');
    await page.context().close();
  }, 240_000);

  test('a lead is converted in the browser into organization, contact and opportunity (zh-CN)', async () => {
    const lead = await api<Lead>('POST', '/leads', {
      name: '林晓',
      company: '苏州工业园区智造科技有限公司',
      title: '采购总监',
      phone: '13912345678',
      email: 'lin.xiao@zhizao.cn',
      source: 'trade_show',
      provinceCode: '320000',
    });
    const s = zh;
    const page = await signedIn(e2e, api, 'zh-CN');
    await page.goto(`${e2e.baseUrl}/leads/${lead.id}`);
    await page.getByRole('heading', { name: '林晓' }).waitFor();
    await expectNoEnglish(page);
    await page.getByRole('button', { name: s.leads.convert.button }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(s.leads.convert.newOrganization.replace('{{name}}', lead.company as string)).waitFor();
    await dialog.getByLabel(s.leads.convert.amount).fill('88000.50');
    await expectNoEnglish(page);
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.waitForURL(/\/organizations\/[0-9a-f-]{36}$/).catch(async (err) => {
      await page.screenshot({ path: '/tmp/leads/debug.png' });
      console.log('DEBUG', await page.locator('.ant-message, .ant-form-item-explain-error').allInnerTexts());
      throw err;
    });
    await page.getByRole('heading', { name: lead.company as string }).waitFor();
    const done = await api<Lead>('GET', `/leads/${lead.id}`);
    expect(done).toMatchObject({ status: 'converted', convertedContactName: '林晓' });
    const opportunity = await api<{ amount: string; leadId: string }>('GET', `/opportunities/${done.convertedOpportunityId}`);
    expect(opportunity).toMatchObject({ amount: '88000.50', leadId: lead.id });
    await page.goto(`${e2e.baseUrl}/leads/${lead.id}`);
    await page.getByRole('link', { name: lead.company as string }).waitFor();
    expect(await page.getByRole('button', { name: s.leads.convert.button }).count()).toBe(0);
    await page.context().close();
  }, 240_000);
});

describe('approvals', () => {
  test('a contract above the threshold waits in the inbox and is approved with a comment (zh-CN)', async () => {
    const roles = await api<{ items: { id: string; builtinKey: string | null }[] }>('GET', '/roles?limit=200');
    const role = (key: string) => roles.items.find((r) => r.builtinKey === key)?.id as string;
    const teams = await api<{ items: { id: string; name: string }[] }>('GET', '/teams?limit=200');
    const east = teams.items.find((x) => x.name.startsWith('华东大区'))?.id as string;
    await api('PUT', '/settings/approvals', {
      policies: [{ roleId: role('sales_rep'), maxDiscountPercent: '10', contractThreshold: '100000.00', currency: 'CNY', finalRoleId: role('admin') }],
      managers: [{ teamId: east, userId: await userId('wang.wei@guanxi.local') }],
    });
    const rep = await apiAs('li.na@guanxi.local');
    const manager = await apiAs('wang.wei@guanxi.local');
    const org = await rep<{ id: string }>('POST', '/organizations', { name: '宁波港远航物流有限公司' });
    const order = await rep<{ id: string; version: number }>('POST', '/orders', {
      kind: 'contract',
      organizationId: org.id,
      lines: [{ description: '智能仓储系统', quantity: '1', unitPrice: '680000.00' }],
    });
    const pending = await rep<{ status: string }>('POST', `/orders/${order.id}/transition`, { to: 'active', version: order.version });
    expect(pending.status).toBe('pending_approval');
    const mine = await manager<{ items: { id: string }[] }>('GET', '/approvals?box=inbox');
    await manager('POST', `/approvals/${mine.items[0].id}/approve`, { comment: '金额合理，同意' });

    const s = zh;
    const page = await signedIn(e2e, api, 'zh-CN');
    await page.getByRole('link', { name: s.approvals.nav }).click();
    await page.getByRole('heading', { name: s.approvals.title }).waitFor();
    const row = page.locator('.ant-table-row', { hasText: '李娜' });
    await row.waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    await page.getByText('“金额合理，同意”').waitFor();
    await expectNoEnglish(page);
    await shot(page, 'approvals-inbox-zh-CN');
    await row.getByRole('button', { name: s.approvals.approve }).click();
    await page.getByRole('dialog').getByLabel(s.approvals.comment).fill('财务审核通过');
    await page.getByRole('dialog').getByRole('button', { name: s.approvals.approve }).click();
    await page.getByText(s.approvals.empty.inbox).waitFor();
    const activated = await api<{ status: string }>('GET', `/orders/${order.id}`);
    expect(activated.status).toBe('active');
    await page.context().close();
  }, 240_000);
});
