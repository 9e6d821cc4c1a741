import { ACTIVE_TASK_STATUSES } from '../../../shared/schemas/tasks.js';
import type { Db } from '../../db/connection.js';
import type { TaskRow, UserRow } from '../../db/schema.js';
import { now } from '../../platform/ids.js';
import { enqueue } from '../../platform/jobs/queue.js';
import { appLink, enqueueMail, readMailSettings, type StoredMail } from '../../platform/mail.js';
import { contactsService } from '../contacts/contacts.service.js';
import { notificationsService } from '../notifications/notifications.service.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { usersService } from '../users/users.service.js';
import { taskLink } from './tasks.presenter.js';
import { tasksRepository as repo } from './tasks.repository.js';

export const REMIND_JOB = 'tasks.remind';
export const REMINDER_SCAN_JOB = 'tasks.reminders.scan';
/** The scan looks this far back: a reminder missed longer ago (e.g. its task was done meanwhile) is stale. */
const SCAN_WINDOW_MS = 2 * 86_400_000;
const SCAN_BATCH = 500;

/**
 * Queues the task's reminder for its time, in the caller's transaction. Superseded jobs (the time
 * moved, the task was done) find nothing to claim and end quietly; the five-minute scan catches any
 * reminder whose job was lost.
 */
export async function scheduleReminder(db: Db, task: TaskRow): Promise<void> {
  if (!task.remindAt || task.remindedAt || task.deletedAt || !(ACTIVE_TASK_STATUSES as readonly string[]).includes(task.status)) return;
  await enqueue(db, REMIND_JOB, { taskId: task.id }, { runAt: task.remindAt });
}

const TEXT = {
  en: { subject: 'Reminder', due: 'Due', priority: 'Priority', related: 'Related to', notes: 'Notes', open: 'Open the task', noDue: 'No due date' },
  'zh-CN': { subject: '提醒', due: '截止时间', priority: '优先级', related: '关联客户', notes: '备注', open: '打开任务', noDue: '无截止时间' },
} as const;
const PRIORITY = {
  en: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
  'zh-CN': { low: '低', normal: '普通', high: '高', urgent: '紧急' },
} as const;

function formatDue(task: TaskRow, locale: keyof typeof TEXT, timeZone: string): string {
  if (!task.dueAt) return TEXT[locale].noDue;
  const zone = (() => {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
      return timeZone;
    } catch {
      return 'UTC';
    }
  })();
  const style: Intl.DateTimeFormatOptions = task.allDay ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' };
  return `${new Intl.DateTimeFormat(locale, { ...style, timeZone: zone }).format(new Date(task.dueAt))}${task.allDay ? '' : ` (${zone})`}`;
}

/** The reminder e-mail, in the assignee's language. */
function reminderMail(task: TaskRow, user: UserRow, mail: StoredMail, related: string | null) {
  const locale = user.locale === 'zh-CN' ? 'zh-CN' : 'en';
  const t = TEXT[locale];
  const priority = PRIORITY[locale][task.priority as keyof (typeof PRIORITY)['en']] ?? task.priority;
  const link = appLink(mail, taskLink(task.id));
  const lines = [
    `${t.subject}${locale === 'zh-CN' ? '：' : ': '}${task.title}`,
    '',
    `${t.due}${locale === 'zh-CN' ? '：' : ': '}${formatDue(task, locale, mail.timeZone)}`,
    `${t.priority}${locale === 'zh-CN' ? '：' : ': '}${priority}`,
    ...(related ? [`${t.related}${locale === 'zh-CN' ? '：' : ': '}${related}`] : []),
    ...(task.notes ? ['', `${t.notes}:`, task.notes] : []),
    ...(link ? ['', `${t.open}: ${link}`] : []),
  ];
  return { to: user.email, subject: `${t.subject}${locale === 'zh-CN' ? '：' : ': '}${task.title}`, text: lines.join('\n') };
}

/** The linked customer's name, so the mail says whom the task is about. */
async function relatedName(db: Db, task: TaskRow): Promise<string | null> {
  if (!task.entityId) return null;
  const service = task.entityType === 'contacts' ? contactsService : organizationsService;
  return (await service.namesOf({ db }, [task.entityId])).get(task.entityId) ?? null;
}

/**
 * Sends one task's reminder if it is due and not yet sent: claims it, notifies the assignee in the
 * app and queues the e-mail, all in one transaction, so it happens exactly once or (on a crash) not
 * yet. Returns whether this call sent it.
 */
export async function sendReminder(db: Db, taskId: string, at: string = now()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const task = await repo.claimReminder(trx, taskId, at);
    if (!task) return false;
    const user = await usersService.findLoginCandidateById(trx, task.assigneeId);
    if (!user || user.deactivatedAt) return true;
    await notificationsService.notify(trx, { userId: user.id, kind: 'task.reminder', title: task.title, link: taskLink(task.id) });
    const mail = await readMailSettings(trx);
    if (mail.enabled && mail.host) await enqueueMail(trx, reminderMail(task, user, mail, await relatedName(trx, task)));
    return true;
  });
}

/** Sends every due reminder not sent yet; returns how many. Backs up the per-task jobs. */
export async function scanReminders(db: Db, at: string = now()): Promise<number> {
  const since = new Date(Date.parse(at) - SCAN_WINDOW_MS).toISOString();
  let sent = 0;
  for (const id of await repo.dueReminderIds(db, since, at, SCAN_BATCH)) if (await sendReminder(db, id, at)) sent++;
  return sent;
}
