import { formatMinor, toMinorNumber } from '../../../shared/money.js';
import type { Db } from '../../db/connection.js';
import type { Actor, Ctx } from '../../platform/context.js';
import { forbidden } from '../../platform/errors.js';
import { appLink, enqueueMail, readMailSettings } from '../../platform/mail.js';
import { can, scopeOf } from '../../platform/permissions.js';
import { notificationsService } from '../notifications/notifications.service.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { usersService } from '../users/users.service.js';
import { readOrderSettings } from './order-settings.service.js';
import { orderLink } from './orders.presenter.js';
import { receivablesRepository as repo } from './receivables.repository.js';
import { todayUtc } from './receivables.service.js';

export const COLLECTION_JOB = 'orders.collection.remind';
const BATCH = 500;

const TEXT = {
  en: {
    title: (n: string, seq: number) => `Payment overdue: ${n}, installment ${seq}`,
    body: (org: string, amount: string, due: string) => `${org}: ${amount} was due on ${due} and is still open.`,
    open: 'Open the order',
  },
  'zh-CN': {
    title: (n: string, seq: number) => `回款逾期：${n} 第 ${seq} 期`,
    body: (org: string, amount: string, due: string) => `${org}：${amount} 应于 ${due} 回款，目前仍未收回。`,
    open: '打开订单',
  },
} as const;

/** Whether a reminder is due again: never sent, or sent before this instant (null: remind only once). */
function remindedBefore(repeatDays: number | null, at: string): string | null {
  return repeatDays === null ? null : new Date(Date.parse(at) - repeatDays * 86_400_000).toISOString();
}

/**
 * Claims one installment's reminder and tells the order owner, in the app and (when mail is set up)
 * by e-mail, in one transaction: each reminder goes out once, or (on a crash) not yet.
 */
async function remindOne(db: Db, id: string, q: { today: string; remindedBefore: string | null; at: string }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const claimed = await repo.claimReminder(trx, id, q);
    if (!claimed) return false;
    const { installment, order } = claimed;
    if (order.status !== 'active' || order.deletedAt || !order.ownerId) return false;
    const owner = await usersService.findLoginCandidateById(trx, order.ownerId);
    if (!owner || owner.deactivatedAt) return true;
    const locale = owner.locale === 'zh-CN' ? 'zh-CN' : 'en';
    const t = TEXT[locale];
    const org = (await organizationsService.namesOf({ db: trx }, [order.organizationId])).get(order.organizationId) ?? '';
    const outstanding = toMinorNumber(installment.amountMinor) - toMinorNumber(installment.paidMinor);
    const title = t.title(order.number, installment.seq);
    const body = t.body(org, `${order.currency} ${formatMinor(outstanding)}`, installment.dueOn);
    await notificationsService.notify(trx, { userId: owner.id, kind: 'orders.collection', title, body, link: orderLink(order.id) });
    const mail = await readMailSettings(trx);
    if (mail.enabled && mail.host) {
      const link = appLink(mail, orderLink(order.id));
      await enqueueMail(trx, { to: owner.email, subject: title, text: [body, ...(link ? ['', `${t.open}: ${link}`] : [])].join('\n') });
    }
    return true;
  });
}

/**
 * Reminds the owners of overdue installments not reminded yet (or not within the repeat period);
 * returns how many were reminded. `actor` limits a manual run to that person's order scope.
 */
export async function runCollectionReminders(db: Db, opts: { at?: Date; actor?: Actor } = {}): Promise<number> {
  const at = (opts.at ?? new Date()).toISOString();
  const today = todayUtc(opts.at);
  const { reminderRepeatDays } = await readOrderSettings(db);
  const q = { today, remindedBefore: remindedBefore(reminderRepeatDays, at), at };
  let sent = 0;
  let afterId = '';
  for (;;) {
    const batch = await repo.dueForReminder(db, { ...q, afterId, limit: BATCH, actor: opts.actor });
    for (const row of batch) if (await remindOne(db, row.id, q)) sent++;
    if (batch.length < BATCH) break;
    afterId = batch[batch.length - 1].id;
  }
  return sent;
}

/** "Remind now" (admins and managers): the same run, limited to the orders in the actor's scope. */
export async function remindNow(ctx: Ctx): Promise<{ reminded: number }> {
  if (!can(ctx.actor, 'orders', 'update') || scopeOf(ctx.actor, 'orders') === 'own') {
    throw forbidden('Only managers and administrators send collection reminders by hand');
  }
  return { reminded: await runCollectionReminders(ctx.db, { actor: ctx.actor }) };
}
