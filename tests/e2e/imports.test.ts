import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import zh from '../../src/web/i18n/zh-CN.json';
import { type E2E, SCREENSHOTS, startE2E } from './harness.js';
import { expectNoEnglish, shot } from './pageChecks.js';
import { adminToken, apiWith, signedIn } from './session.js';

let e2e: E2E;
let token: string;
let dir: string;

async function api<T>(p: string): Promise<T> {
  const res = await fetch(`${e2e.baseUrl}/api${p}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  e2e = await startE2E();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-import-'));
  token = await adminToken(e2e);
});
afterAll(async () => {
  await e2e?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A file as Excel in China writes it: GBK, Chinese headers, 300 good rows and two bad ones. */
function gbkFile(): string {
  const lines = ['公司名称,联系电话,省份,客户等级,备注'];
  for (let i = 1; i <= 300; i++) lines.push(`导入测试${String(i).padStart(3, '0')}贸易有限公司,0571-8765 ${String(1000 + i)},浙江省,B,第${i}行`);
  lines.push('"=HYPERLINK(""http://evil.example"")",0571-8765 9999,浙江省,A,公式');
  lines.push('坏电话有限公司,12345,浙江省,B,电话号码不对');
  lines.push(',0571-8765 8888,浙江省,B,没有名称');
  const file = path.join(dir, '客户导入.csv');
  fs.writeFileSync(file, iconv.encode(`${lines.join('\r\n')}\r\n`, 'gb18030'));
  return file;
}

describe('import and export', () => {
  test('a GBK file with Chinese headers imports through the wizard with live progress; bad rows land in a downloadable report; the export escapes formulas', async () => {
    const page = await signedIn(e2e, apiWith(e2e, token), 'zh-CN');
    const t = zh.imports;
    await page.getByRole('link', { name: zh.nav.organizations, exact: true }).click();
    await page.getByRole('heading', { name: zh.organizations.title }).waitFor();
    await page
      .getByRole('link', { name: t.button })
      .or(page.getByRole('button', { name: t.button }))
      .first()
      .click();
    await page.locator('input[type=file]').setInputFiles(gbkFile());

    // Encoding and columns are recognised.
    await page.getByText(t.encoding.replace('{{encoding}}', t.encodings.gb18030)).waitFor();
    await page.getByText('导入测试001贸易有限公司', { exact: false }).first().waitFor();
    await expectNoEnglish(page);
    await shot(page, 'import-mapping-zh-CN');
    await page.getByRole('button', { name: t.checkRows }).click();
    await page.getByRole('button', { name: t.start }).click();

    // The progress page follows the job to its end.
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop() as string;
    await page.getByLabel(t.progress).waitFor();
    await expect.poll(async () => (await api<{ status: string }>(`/imports/${id}`)).status, { timeout: 90_000, interval: 1000 }).toBe('done');
    await page.getByRole('link', { name: t.downloadReport }).waitFor();
    await page.getByText(t.rowsOf.replace('{{done}}', '303').replace('{{total}}', '303')).waitFor();
    await shot(page, 'import-progress-zh-CN');
    const done = await api<{ status: string; rowsCreated: number; rowsFailed: number }>(`/imports/${id}`);
    expect(done).toMatchObject({ status: 'done', rowsCreated: 301, rowsFailed: 2 });

    // The report names the row, the column and the reason.
    const report = await fetch(`${e2e.baseUrl}/api/imports/${id}/report.csv`, { headers: { authorization: `Bearer ${token}` } });
    expect(report.status).toBe(200);
    const reportText = (await report.text()).replace(/^\uFEFF/, '');
    expect(reportText.split(/\r?\n/).filter(Boolean).length).toBe(3);
    expect(reportText).toContain('联系电话');
    expect(reportText).toContain('公司名称');

    // Chinese arrived intact.
    const found = await api<{ items: { name: string; notes: string | null }[] }>(`/organizations?q=${encodeURIComponent('导入测试150')}`);
    expect(found.items.map((o) => [o.name, o.notes])).toEqual([['导入测试150贸易有限公司', '第150行']]);

    // Export of the list: UTF-8 with BOM, Chinese intact, the formula cell escaped.
    const csv = await fetch(`${e2e.baseUrl}/api/organizations/export?format=csv&q=${encodeURIComponent('HYPERLINK')}&lang=zh-CN`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(csv.status).toBe(200);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('名称');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
    await page.context().close();
  }, 180_000);
});
