import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Task } from '../../../shared/schemas/tasks.js';
import { startJobs } from '../../jobs.js';
import { JobRunner } from '../../platform/jobs/worker.js';
import { registerMailJob } from '../../platform/mail.js';
import { makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';
import { readMail, startMailbox } from '../mail/testMailbox.js';
import { scanReminders, sendReminder } from './reminders.js';
import { registerTaskJobs } from './tasks.jobs.js';

let t: TestApp;
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let adminUser: TestUser;
let rep: Client;
let repUser: TestUser;
let runner: JobRunner;

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const secondsFromNow = (s: number) => new Date(Date.now() + s * 1000).toISOString();
/** Runs every job that is due now, as the server's runner would, one after another. */
async function drainJobs(): Promise<number> {
  let ran = 0;
  while (await runner.runOnce()) ran++;
  return ran;
}
async function created(res: { statusCode: number; body: string; json(): unknown }): Promise<Task> {
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Task;
}
const reminders = async (c: Client) =>
  ((await c.get('/api/notifications?limit=100')).json().items as { kind: string; title: string; link: string }[]).filter((n) => n.kind === 'task.reminder');
const putMail = (payload: object) =>
  t.app.inject({ method: 'PUT', url: '/api/settings/mail', headers: { authorization: `Bearer ${adminUser.token}` }, payload });
const mailSettings = (port: number, extra: Record<string, unknown> = {}) => ({
  enabled: true,
  host: '127.0.0.1',
  port,
  secure: false,
  user: '',
  from: 'Guanxi CRM <crm@example.com>',
  appUrl: 'https://crm.example.com/',
  timeZone: 'Asia/Shanghai',
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  mailbox = await startMailbox();
  adminUser = await makeUser(t, { role: 'admin' });
  repUser = await makeUser(t, { role: 'sales_rep', name: '李娜', email: 'li.na@example.com' });
  rep = client(t.app, repUser.token);
  runner = new JobRunner(t.database);
  registerMailJob(runner, t.database.db, silent);
  await registerTaskJobs(runner, t.database.db, silent);
  const saved = await putMail(mailSettings(mailbox.port));
  expect(saved.statusCode, saved.body).toBe(200);
}, 60_000);
afterAll(async () => {
  await mailbox?.close();
  await t?.close();
});
beforeEach(async () => {
  await drainJobs();
  mailbox.mails.length = 0;
});

describe('reminders', () => {
  test('a due reminder notifies the assignee in the app and by e-mail through SMTP, once, with the time in the configured zone', async () => {
    const task = await created(
      await rep.post('/api/tasks', {
        title: 'Call the buyer',
        notes: 'Bring the price list',
        dueAt: '2031-03-02T01:30:00Z',
        remindAt: secondsFromNow(-1),
        priority: 'high',
      }),
    );
    expect(await drainJobs()).toBe(2); // the reminder, then the e-mail it queued
    expect(mailbox.mails).toHaveLength(1);
    const mail = readMail(mailbox.mails[0]);
    expect(mail.to).toEqual(['li.na@example.com']);
    expect(mail.subject).toBe('Reminder: Call the buyer');
    expect(mail.text).toContain('Due: Mar 2, 2031, 9:30');
    expect(mail.text).toContain('(Asia/Shanghai)');
    expect(mail.text).toContain('Priority: High');
    expect(mail.text).toContain('Bring the price list');
    expect(mail.text).toContain(`Open the task: https://crm.example.com/tasks?open=${task.id}`);
    expect(await reminders(rep)).toEqual([expect.objectContaining({ title: 'Call the buyer', link: `/tasks?open=${task.id}` })]);
    expect((await rep.get(`/api/tasks/${task.id}`)).json().remindedAt).toBeTruthy();

    // Neither the job (run again) nor the backup scan sends it a second time.
    expect(await sendReminder(t.database.db, task.id)).toBe(false);
    expect(await scanReminders(t.database.db)).toBe(0);
    await drainJobs();
    expect(mailbox.mails).toHaveLength(1);
    expect(await reminders(rep)).toHaveLength(1);
  });

  test('the e-mail is in the assignee’s language', async () => {
    const zh = await makeUser(t, { role: 'sales_rep', email: 'wang@example.com' });
    await t.database.db.updateTable('users').set({ locale: 'zh-CN' }).where('id', '=', zh.id).execute();
    await created(await client(t.app, zh.token).post('/api/tasks', { title: '回访客户', dueAt: '2031-03-02T01:30:00Z', remindAt: secondsFromNow(-1) }));
    await drainJobs();
    const mail = readMail(mailbox.mails[0]);
    expect(mail.subject).toBe('提醒：回访客户');
    expect(mail.text).toContain('截止时间：2031年3月2日 09:30');
    expect(mail.text).toContain('优先级：普通');
  });

  test('a reminder in the future waits; moving it to now sends it; a done or deleted task sends none', async () => {
    const later = await created(await rep.post('/api/tasks', { title: 'Later', remindAt: secondsFromNow(3600) }));
    expect(await drainJobs()).toBe(0);
    expect(await sendReminder(t.database.db, later.id)).toBe(false);
    const moved = await rep.patch(`/api/tasks/${later.id}`, { version: 1, remindAt: secondsFromNow(-1) });
    expect(moved.statusCode).toBe(200);
    await drainJobs();
    expect(mailbox.mails.map((m) => readMail(m).subject)).toEqual(['Reminder: Later']);

    const done = await created(await rep.post('/api/tasks', { title: 'Done already', remindAt: secondsFromNow(2), status: 'done' }));
    const binned = await created(await rep.post('/api/tasks', { title: 'Binned', remindAt: secondsFromNow(2) }));
    expect((await rep.delete(`/api/tasks/${binned.id}`)).statusCode).toBe(204);
    await new Promise((r) => setTimeout(r, 2100));
    await drainJobs();
    expect(await scanReminders(t.database.db)).toBe(0);
    expect(mailbox.mails).toHaveLength(1);
    expect((await reminders(rep)).map((n) => n.title)).not.toContain(done.title);

    // Restored after its time, the binned task's reminder goes out at once.
    expect((await rep.post(`/api/recycle-bin/tasks/${binned.id}/restore`)).statusCode).toBe(204);
    await drainJobs();
    expect(mailbox.mails.map((m) => readMail(m).subject)).toEqual(['Reminder: Later', 'Reminder: Binned']);
  });

  test('with mail switched off the reminder is only in the app', async () => {
    expect((await putMail(mailSettings(mailbox.port, { enabled: false }))).statusCode).toBe(200);
    try {
      await created(await rep.post('/api/tasks', { title: 'App only', remindAt: secondsFromNow(-1) }));
      expect(await drainJobs()).toBe(1);
      expect(mailbox.mails).toEqual([]);
      expect((await reminders(rep)).map((n) => n.title)).toContain('App only');
    } finally {
      await putMail(mailSettings(mailbox.port));
    }
  });

  test('when the server runs, a reminder due in a second arrives by e-mail within a few seconds', async () => {
    const server = await startJobs(t.database, t.app.log);
    try {
      const task = await created(await rep.post('/api/tasks', { title: 'Soon', remindAt: secondsFromNow(1) }));
      const started = Date.now();
      while (mailbox.mails.length === 0 && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 100));
      expect(mailbox.mails.map((m) => readMail(m).subject)).toEqual(['Reminder: Soon']);
      // Due in 1 s, polled every 2 s: it arrives within about 3 s of creation.
      expect(Date.now() - started).toBeLessThan(5_000);
      expect((await rep.get(`/api/tasks/${task.id}`)).json().remindedAt).toBeTruthy();
    } finally {
      await server.stop();
    }
  }, 20_000);
});
