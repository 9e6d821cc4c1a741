import { z } from 'zod';
import { TIERS } from '../../../shared/schemas/customers.js';
import { ACTIVE_TASK_STATUSES, NO_CONTACT_SOURCE } from '../../../shared/schemas/tasks.js';
import type { NoContactRule } from '../../../shared/schemas/tracking-settings.js';
import type { Db } from '../../db/connection.js';
import type { NewTask, UserRow } from '../../db/schema.js';
import { audit } from '../../platform/audit.js';
import { newId, now } from '../../platform/ids.js';
import { freshRecord } from '../../platform/record.js';
import { settingsStore } from '../../platform/settings.js';
import { notificationsService } from '../notifications/notifications.service.js';
import { staleOwnedOrganizations } from '../organizations/organizations.service.js';
import { usersService } from '../users/users.service.js';
import { auditableTask } from './tasks.presenter.js';
import { tasksRepository as repo } from './tasks.repository.js';

export const NO_CONTACT_KEY = 'tracking.noContact';
export const NO_CONTACT_JOB = 'tracking.noContact';
const Days = z.number().int().min(1).max(3650).nullable();
/** Stored form with the defaults: the more valuable the customer, the sooner silence is noticed. */
export const StoredNoContactSchema = z.object({ key: Days.default(14), A: Days.default(30), B: Days.default(60), C: Days.default(90) });

const BATCH = 200;
const isActive = (status: string) => (ACTIVE_TASK_STATUSES as readonly string[]).includes(status);
const DAY_MS = 86_400_000;

const TITLE = {
  en: (days: number, name: string) => `No contact for ${days} days: ${name}`,
  'zh-CN': (days: number, name: string) => `超期未联系（${days} 天）：${name}`,
};
const SUMMARY = {
  en: (n: number) => (n === 1 ? '1 customer needs a follow-up' : `${n} customers need a follow-up`),
  'zh-CN': (n: number) => `${n} 个客户超期未联系，请跟进`,
};
const lang = (user: UserRow) => (user.locale === 'zh-CN' ? 'zh-CN' : 'en');

export const readNoContactRule = (db: Db): Promise<NoContactRule> => settingsStore.get(db, NO_CONTACT_KEY, StoredNoContactSchema);

/**
 * Raises one open follow-up task for the owner of every organization whose tier has a limit and that
 * has had no activity (or, never contacted, has existed) for longer, unless such a task is still
 * open or was raised within that limit (closed without a contact, it comes back after another N days). Walks the organizations in id batches; each batch costs three queries and one transaction.
 * Owners who are deactivated get nothing: their customers await a handover, not a reminder.
 */
export async function runNoContactRule(db: Db, at: string = now()): Promise<{ created: number }> {
  const rule = await readNoContactRule(db);
  const cutoffs: Record<string, string> = {};
  for (const tier of TIERS) {
    const days = rule[tier];
    if (days !== null) cutoffs[tier] = new Date(Date.parse(at) - days * DAY_MS).toISOString();
  }
  if (Object.keys(cutoffs).length === 0) return { created: 0 };

  const owners = new Map<string, UserRow | null>();
  const raised = new Map<string, number>();
  let afterId = '';
  for (;;) {
    const orgs = await staleOwnedOrganizations(db, { cutoffs, afterId, limit: BATCH });
    if (orgs.length === 0) break;
    afterId = orgs[orgs.length - 1].id;
    const earliestCutoff = Object.values(cutoffs).sort()[0];
    const standing = await repo.ruleTasksOf(
      db,
      orgs.map((o) => o.id),
      earliestCutoff,
    );
    const covered = (o: { id: string; tier: string | null }) =>
      standing.some((t) => t.entityId === o.id && (isActive(t.status) || t.createdAt >= cutoffs[o.tier as string]));
    const fresh = orgs.filter((o) => !covered(o));
    // Looked up once per owner for the whole run (a company has far fewer reps than customers).
    for (const o of fresh) {
      const id = o.ownerId as string;
      if (!owners.has(id)) owners.set(id, (await usersService.findLoginCandidateById(db, id)) ?? null);
    }
    const rows: NewTask[] = [];
    for (const o of fresh) {
      const owner = owners.get(o.ownerId as string);
      if (!owner || owner.deactivatedAt) continue;
      const days = rule[o.tier as keyof NoContactRule] as number;
      rows.push({
        id: newId(),
        title: TITLE[lang(owner)](days, o.name).slice(0, 200),
        notes: null,
        dueAt: at,
        dueSort: at,
        allDay: 0,
        remindAt: null,
        remindedAt: null,
        assigneeId: owner.id,
        teamId: o.teamId,
        priority: o.tier === 'key' ? 'high' : 'normal',
        status: 'open',
        completedAt: null,
        recurrence: null,
        nextId: null,
        entityType: 'organizations',
        entityId: o.id,
        source: NO_CONTACT_SOURCE,
        ...freshRecord(null, at),
      });
      raised.set(owner.id, (raised.get(owner.id) ?? 0) + 1);
    }
    if (rows.length > 0) {
      await db.transaction().execute(async (trx) => {
        const inserted = await trx.insertInto('tasks').values(rows).returningAll().execute();
        for (const task of inserted) {
          await audit(trx, {
            actorId: null,
            ip: null,
            action: 'create',
            entityType: 'tasks',
            entityId: task.id,
            before: null,
            after: auditableTask(task),
            meta: { rule: NO_CONTACT_SOURCE },
          });
        }
      });
    }
    if (orgs.length < BATCH) break;
  }

  for (const [userId, count] of raised) {
    const owner = owners.get(userId) as UserRow;
    await notificationsService.notify(db, { userId, kind: 'tracking.no_contact', title: SUMMARY[lang(owner)](count), link: '/tasks' });
  }
  return { created: [...raised.values()].reduce((a, b) => a + b, 0) };
}
