import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';
import { readMail, startMailbox } from './testMailbox.js';

let t: TestApp;
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let adminUser: TestUser;
let admin: Client;
let manager: TestUser;

const put = (u: TestUser, payload: object) =>
  t.app.inject({ method: 'PUT', url: '/api/settings/mail', headers: { authorization: `Bearer ${u.token}` }, payload });
const settings = (extra: Record<string, unknown> = {}) => ({
  enabled: true,
  host: '127.0.0.1',
  port: mailbox.port,
  secure: false,
  user: 'crm',
  from: 'Guanxi CRM <crm@example.com>',
  appUrl: 'https://crm.example.com',
  timeZone: 'Asia/Shanghai',
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  mailbox = await startMailbox();
  adminUser = await makeUser(t, { role: 'admin', email: 'boss@example.com' });
  admin = client(t.app, adminUser.token);
  manager = await makeUser(t, { role: 'sales_manager' });
}, 60_000);
afterAll(async () => {
  await mailbox?.close();
  await t?.close();
});

describe('mail settings', () => {
  test('start switched off; saving stores the password but never returns it; the audit log masks it', async () => {
    expect((await admin.get('/api/settings/mail')).json()).toMatchObject({ enabled: false, host: '', port: 587, passwordSet: false, timeZone: 'UTC' });
    const saved = await put(adminUser, settings({ password: 's3cret-pw' }));
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ ...settings(), passwordSet: true });
    const read = await admin.get('/api/settings/mail');
    expect(read.body).not.toContain('s3cret-pw');
    expect(read.json()).not.toHaveProperty('password');
    const audit = await t.database.db.selectFrom('auditLog').selectAll().where('entityType', '=', 'settings').where('entityId', '=', 'mail').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].changes).not.toContain('s3cret-pw');
    expect(JSON.parse(audit[0].changes as string).password).toEqual({ before: '***', after: '***' });

    // Omitted: kept. Null: removed.
    expect((await put(adminUser, settings({ port: mailbox.port }))).json().passwordSet).toBe(true);
    const stored = await t.database.db.selectFrom('settings').select('value').where('key', '=', 'mail').executeTakeFirstOrThrow();
    expect(JSON.parse(stored.value).password).toBe('s3cret-pw');
    expect((await put(adminUser, settings({ password: null, user: '' }))).json().passwordSet).toBe(false);
  });

  test('answers 400 naming each bad field', async () => {
    const res = await put(adminUser, settings({ host: '', from: 'not an address', appUrl: 'crm.example.com', timeZone: 'Mars/Olympus' }));
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['appUrl', 'from', 'host', 'timeZone']);
    const zod = await put(adminUser, { ...settings(), port: 70_000 });
    expect(zod.statusCode).toBe(400);
    expect(Object.keys(zod.json().error.fields)).toEqual(['port']);
  });

  test('only settings admins may read, change or test them', async () => {
    const c = client(t.app, manager.token);
    expect((await c.get('/api/settings/mail')).statusCode).toBe(403);
    expect((await put(manager, settings())).statusCode).toBe(403);
    expect((await c.post('/api/settings/mail/test')).statusCode).toBe(403);
  });

  test('the test message goes to the admin through the real SMTP server; a dead server is a 400 saying why', async () => {
    expect((await put(adminUser, settings({ user: '' }))).statusCode).toBe(200);
    mailbox.mails.length = 0;
    const res = await admin.post('/api/settings/mail/test');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ to: 'boss@example.com' });
    expect(mailbox.mails).toHaveLength(1);
    const mail = readMail(mailbox.mails[0]);
    expect(mail.to).toEqual(['boss@example.com']);
    expect(mail.subject).toBe('Guanxi CRM: test message / 测试邮件');
    expect(mail.text).toContain('邮件设置可用');

    const closed = await startMailbox();
    await closed.close();
    expect((await put(adminUser, settings({ user: '', port: closed.port }))).statusCode).toBe(200);
    const failed = await admin.post('/api/settings/mail/test');
    expect(failed.statusCode).toBe(400);
    expect(failed.json().error.code).toBe('mail_failed');
  });

  test('testing before a server is saved answers 400 naming the missing fields', async () => {
    const fresh = await createTestApp();
    try {
      const boss = client(fresh.app, (await makeUser(fresh, { role: 'admin' })).token);
      const res = await boss.post('/api/settings/mail/test');
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'mail_not_configured', fields: { host: 'Required', from: 'Required' } });
    } finally {
      await fresh.close();
    }
  });
});
