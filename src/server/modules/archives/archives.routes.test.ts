import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/schemas/archives.js';
import { makeOrganization } from '../../test/customerFactories.js';
import { makeRole, makeTeam, makeUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';
import { multipart } from '../imports/importTestKit.js';

type PutClient = Client & { put(url: string, body: unknown): ReturnType<Client['get']> };
let t: TestApp;
let rep: PutClient;
let outsider: PutClient;
let readOnly: PutClient;
let orgId: string;
let repToken: string;

const upload = (token: string, organizationId: string, section: string, file: { name: string; data: Buffer }) => {
  const body = multipart({ section }, file);
  return t.app.inject({
    method: 'POST',
    url: `/api/archives/${organizationId}/attachments`,
    headers: { ...body.headers, authorization: `Bearer ${token}` },
    payload: body.payload,
  });
};

/** The shared test client has no PUT; the archive is replaced whole, so it needs one. */
const withPut = (token: string): PutClient => ({
  ...client(t.app, token),
  put: (url, body) => t.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${token}` }, payload: body as object }),
});

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const teamA = await makeTeam(db, 'A');
  const teamB = await makeTeam(db, 'B');
  const owner = await makeUser(t, { role: 'sales_rep', teamId: teamA.id });
  repToken = owner.token;
  rep = withPut(owner.token);
  outsider = withPut((await makeUser(t, { role: 'sales_manager', teamId: teamB.id })).token);
  readOnly = withPut((await makeUser(t, { role: 'read_only', teamId: teamA.id })).token);
  orgId = (await makeOrganization(t, { name: '档案客户', ownerId: owner.id })).id;
}, 60_000);
afterAll(async () => t?.close());

describe('enterprise archive', () => {
  test('starts with seven empty sections and fills the SWOT quadrants', async () => {
    const empty = (await rep.get(`/api/archives/${orgId}`)).json();
    expect(empty.sections.map((s: { key: string }) => s.key)).toEqual(['summary', 'industry', 'strategy', 'financial', 'organization', 'swot', 'appendix']);
    expect(empty.completeness).toEqual({ filled: 0, total: 21 });
    const res = await rep.put(`/api/archives/${orgId}`, {
      sections: [
        {
          key: 'swot',
          version: 0,
          content: { strengths: '<p>品牌强</p>', weaknesses: '<p>成本高</p>', opportunities: '<p>数字化</p>', threats: '<p>价格战</p>' },
        },
      ],
    });
    expect(res.statusCode).toBe(200);
    const swot = res.json().sections.find((s: { key: string }) => s.key === 'swot');
    expect(swot.content.strengths).toBe('<p>品牌强</p>');
    expect(swot.version).toBe(1);
    expect(res.json().completeness.filled).toBe(4);
    // A second writer with the old version is refused; the current version goes through and keeps other fields.
    expect((await rep.put(`/api/archives/${orgId}`, { sections: [{ key: 'swot', version: 0, content: { threats: 'x' } }] })).statusCode).toBe(409);
    const next = (await rep.put(`/api/archives/${orgId}`, { sections: [{ key: 'swot', version: 1, content: { threats: '<p>新进入者</p>' } }] })).json();
    const updated = next.sections.find((s: { key: string }) => s.key === 'swot');
    expect(updated.content).toMatchObject({ strengths: '<p>品牌强</p>', threats: '<p>新进入者</p>' });
  });

  test('strips scripts, event handlers and javascript: links on write', async () => {
    const html =
      '<p onclick="steal()">CEO 关注 <strong>增长</strong></p><img src=x onerror=alert(1)><script>alert(1)</script>' +
      '<a href="javascript:alert(1)">bad</a><a href="https://example.com">ok</a><iframe src="https://evil"></iframe><style>p{}</style>';
    const res = await rep.put(`/api/archives/${orgId}`, { sections: [{ key: 'strategy', version: 0, content: { ceoFocus: html } }] });
    expect(res.statusCode).toBe(200);
    const stored = res.json().sections.find((s: { key: string }) => s.key === 'strategy').content.ceoFocus as string;
    for (const bad of ['<img', 'onerror', '<script', 'alert', 'onclick', 'javascript:', '<iframe', '<style']) expect(stored).not.toContain(bad);
    expect(stored).toContain('<strong>增长</strong>');
    expect(stored).toContain('href="https://example.com"');
    expect(stored).toContain('rel="noopener noreferrer"');
  });

  test('refuses unknown sections and fields with 400', async () => {
    expect((await rep.put(`/api/archives/${orgId}`, { sections: [{ key: 'nope', version: 0, content: {} }] })).statusCode).toBe(400);
    const res = await rep.put(`/api/archives/${orgId}`, { sections: [{ key: 'summary', version: 0, content: { bogus: 'x' } }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields['sections.0.content.bogus']).toBeDefined();
  });
});

describe('supplier archive', () => {
  test('adds, updates and removes competing suppliers, sanitising their text', async () => {
    const first = await rep.put(`/api/archives/${orgId}/supplier`, {
      suppliers: [
        { competitor: '竞品甲', content: { position: '<p>我们领先</p>', relationSenior: '<p>弱</p>', strengths: '<script>x</script><p>价格</p>' } },
        { competitor: '竞品乙', content: { perception: '<p>服务好</p>' } },
      ],
    });
    expect(first.statusCode).toBe(200);
    const [a, b] = first.json().suppliers;
    expect(a.content.strengths).toBe('<p>价格</p>');
    const second = await rep.put(`/api/archives/${orgId}/supplier`, {
      suppliers: [{ id: b.id, version: b.version, competitor: '竞品乙', content: { relationMiddle: '<p>中层良好</p>' } }],
    });
    expect(second.statusCode).toBe(200);
    expect(second.json().suppliers).toHaveLength(1);
    expect(second.json().suppliers[0].content).toEqual({ perception: '<p>服务好</p>', relationMiddle: '<p>中层良好</p>' });
    expect(
      (await rep.put(`/api/archives/${orgId}/supplier`, { suppliers: [{ id: b.id, version: b.version, competitor: '竞品乙', content: {} }] })).statusCode,
    ).toBe(409);
    expect((await rep.put(`/api/archives/${orgId}/supplier`, { suppliers: [{ id: a.id, competitor: 'x', content: {} }] })).statusCode).toBe(400);
  });
});

describe('attachments', () => {
  test('uploads, lists, downloads as an attachment with a safe type, and soft-deletes', async () => {
    const res = await upload(repToken, orgId, 'financial', { name: '年报 2025.html', data: Buffer.from('<script>alert(1)</script>') });
    expect(res.statusCode).toBe(201);
    const file = res.json();
    const archive = (await rep.get(`/api/archives/${orgId}`)).json();
    expect(archive.sections.find((s: { key: string }) => s.key === 'financial').attachments.map((a: { id: string }) => a.id)).toContain(file.id);
    const dl = await rep.get(`/api/archives/${orgId}/attachments/${file.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toContain('attachment;');
    expect(dl.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('年报 2025.html')}`);
    expect(dl.headers['content-type']).toBe('application/octet-stream');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.body).toBe('<script>alert(1)</script>');
    expect((await readOnly.delete(`/api/archives/${orgId}/attachments/${file.id}`)).statusCode).toBe(403);
    expect((await rep.delete(`/api/archives/${orgId}/attachments/${file.id}`)).statusCode).toBe(204);
    expect((await rep.get(`/api/archives/${orgId}/attachments/${file.id}`)).statusCode).toBe(404);
    const row = await t.database.db.selectFrom('attachments').select(['deletedAt', 'deletedBy']).where('id', '=', file.id).executeTakeFirstOrThrow();
    expect(row.deletedAt).not.toBeNull();
  });

  test('refuses a file over the size limit and accepts one at it', async () => {
    const over = await upload(repToken, orgId, 'appendix', { name: 'big.bin', data: Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 1) });
    expect(over.statusCode).toBe(413);
    expect(over.json().error.code).toBe('file_too_large');
    const at = await upload(repToken, orgId, 'appendix', { name: 'exact.bin', data: Buffer.alloc(MAX_ATTACHMENT_BYTES, 1) });
    expect(at.statusCode).toBe(201);
    expect(at.json().size).toBe(MAX_ATTACHMENT_BYTES);
    expect((await upload(repToken, orgId, 'nope', { name: 'a.txt', data: Buffer.from('a') })).statusCode).toBe(400);
  }, 60_000);
});

describe('scope', () => {
  test('a user outside the account’s key-account scope gets 404 on every archive endpoint', async () => {
    const file = (await upload(repToken, orgId, 'summary', { name: 'a.pdf', data: Buffer.from('%PDF') })).json();
    expect((await outsider.get(`/api/archives/${orgId}`)).statusCode).toBe(404);
    expect((await outsider.put(`/api/archives/${orgId}`, { sections: [{ key: 'summary', version: 0, content: { overview: 'x' } }] })).statusCode).toBe(404);
    expect((await outsider.get(`/api/archives/${orgId}/supplier`)).statusCode).toBe(404);
    expect((await outsider.put(`/api/archives/${orgId}/supplier`, { suppliers: [] })).statusCode).toBe(404);
    expect((await outsider.get(`/api/archives/${orgId}/attachments/${file.id}`)).statusCode).toBe(404);
    expect((await outsider.delete(`/api/archives/${orgId}/attachments/${file.id}`)).statusCode).toBe(404);
    // Nothing was written behind the 404s.
    expect((await rep.get(`/api/archives/${orgId}/supplier`)).json().suppliers).toHaveLength(1);
  });

  test('a read-only role reads the archive but cannot write it (403); a role without key accounts gets 403', async () => {
    expect((await readOnly.get(`/api/archives/${orgId}`)).statusCode).toBe(200);
    expect((await readOnly.put(`/api/archives/${orgId}`, { sections: [{ key: 'summary', version: 0, content: { overview: 'x' } }] })).statusCode).toBe(403);
    const none = client(t.app, (await makeUser(t, { roleId: await makeRole(t.database.db, {}) })).token);
    expect((await none.get(`/api/archives/${orgId}`)).statusCode).toBe(403);
    expect((await none.get(`/api/archives/${orgId}/supplier`)).statusCode).toBe(403);
  });
});
