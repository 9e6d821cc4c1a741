import { type CalendarItem, type CalendarQuery, MAX_CALENDAR_DAYS } from '../../../shared/schemas/calendar.js';
import type { Db } from '../../db/connection.js';
import type { TaskRow } from '../../db/schema.js';
import { auditAs } from '../../platform/audit.js';
import { loadIdentity, parsePermissions } from '../../platform/auth/sessions.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { hashSecret, newSecret, now } from '../../platform/ids.js';
import { readMailSettings } from '../../platform/mail.js';
import { activitiesService } from '../activities/activities.service.js';
import { isTimeZone } from '../mail/mail.service.js';
import { tasksService } from '../tasks/tasks.service.js';
import { calendarRepository as repo } from './calendar.repository.js';
import { renderFeed } from './ics.js';

const DAY_MS = 86_400_000;
const FEED_PREFIX = 'gxc_';
/** What a subscribed calendar app shows: the recent past and the coming year. */
const FEED_PAST_DAYS = 60;
const FEED_FUTURE_DAYS = 366;
/** Feed rows and audit entries are keyed by the user: a feed is part of the account, not a record. */
const AUDIT_TYPE = 'calendar_feeds';

function taskItem(t: TaskRow): CalendarItem {
  return {
    type: 'task',
    id: t.id,
    title: t.title,
    startsAt: t.dueAt as string,
    allDay: t.allDay === 1,
    status: t.status as 'open',
    priority: t.priority as 'normal',
    organizationId: t.entityType === 'organizations' ? t.entityId : null,
    contactId: t.entityType === 'contacts' ? t.entityId : null,
  };
}

/** The range in UTC, or one 400 naming every bad bound: the end must follow the start within MAX_CALENDAR_DAYS. */
function checkRange(q: CalendarQuery): { from: string; to: string } {
  const from = new Date(q.from);
  const to = new Date(q.to);
  const span = to.getTime() - from.getTime();
  if (span <= 0) throw badRequest('validation_failed', 'Some fields are invalid', { to: 'Must be after from' });
  if (span > MAX_CALENDAR_DAYS * DAY_MS)
    throw badRequest('validation_failed', 'Some fields are invalid', { to: `At most ${MAX_CALENDAR_DAYS} days after from` });
  return { from: from.toISOString(), to: to.toISOString() };
}

/** Where links in the feed and the feed URL itself point: the configured address, else the one the request came in on. */
async function baseUrl(db: Db, requestOrigin: string): Promise<string> {
  const { appUrl } = await readMailSettings(db);
  return (appUrl || requestOrigin).replace(/\/+$/, '');
}

export const calendarService = {
  /**
   * Tasks (by due time) and meetings/visits of one person over a bounded range, each through its
   * own module's scope: someone else's calendar shows only what the actor may see of theirs.
   */
  async range(ctx: Ctx, q: CalendarQuery): Promise<{ items: CalendarItem[] }> {
    const { from, to } = checkRange(q);
    const userId = q.userId ?? ctx.actor.userId;
    const [tasks, activities] = await Promise.all([
      tasksService.calendarItems(ctx, from, to, userId),
      activitiesService.calendarItems(ctx, from, to, { ownerId: userId }),
    ]);
    const items: CalendarItem[] = [
      ...tasks.map(taskItem),
      ...activities.map(
        (a): CalendarItem => ({
          type: 'activity',
          id: a.id,
          kind: a.kind,
          title: a.subject,
          startsAt: a.startsAt,
          endsAt: a.endsAt,
          organizationId: a.organizationId,
          organizationName: a.organizationName,
        }),
      ),
    ];
    items.sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.id < b.id ? -1 : 1));
    return { items };
  },

  async feedStatus(ctx: Ctx) {
    const row = await repo.findByUser(ctx.db, ctx.actor.userId);
    return { active: !!row, createdAt: row?.createdAt ?? null, timeZone: row?.timeZone ?? null };
  },

  /**
   * Makes a new feed secret for the actor, replacing any earlier one (whose URL stops working). Only
   * its hash is stored, so the URL is shown this once.
   */
  async rotateFeedToken(ctx: Ctx, input: { timeZone?: string }, requestOrigin: string): Promise<{ url: string }> {
    const timeZone = input.timeZone || 'UTC';
    if (!isTimeZone(timeZone)) throw badRequest('validation_failed', 'Some fields are invalid', { timeZone: 'Unknown time zone' });
    const token = newSecret(FEED_PREFIX);
    await ctx.db.transaction().execute(async (trx) => {
      const had = await repo.findByUser(trx, ctx.actor.userId);
      await repo.replace(trx, { userId: ctx.actor.userId, tokenHash: hashSecret(token), timeZone, createdAt: now() });
      await auditAs(trx, ctx.actor, had ? 'update' : 'create', AUDIT_TYPE, ctx.actor.userId, { meta: { timeZone, rotated: !!had } });
    });
    return { url: `${await baseUrl(ctx.db, requestOrigin)}/api/calendar.ics?token=${token}` };
  },

  async revokeFeedToken(ctx: Ctx): Promise<void> {
    await ctx.db.transaction().execute(async (trx) => {
      if (!(await repo.remove(trx, ctx.actor.userId))) throw notFound('Calendar feed');
      await auditAs(trx, ctx.actor, 'delete', AUDIT_TYPE, ctx.actor.userId);
    });
  },

  /**
   * The feed of the token's owner with that user's permissions of this moment: a revoked role, a
   * deactivated account or a rotated token end the feed (404, which reveals nothing about tokens).
   */
  async feed(db: Db, config: Ctx['config'], token: string): Promise<string> {
    const feed = token.startsWith(FEED_PREFIX) ? await repo.findByHash(db, hashSecret(token)) : undefined;
    const user = feed && (await loadIdentity(db, feed.userId));
    if (!feed || !user) throw notFound('Calendar feed');
    const ctx: Ctx = {
      db,
      config,
      actor: { userId: user.id, teamId: user.teamId, teamPath: user.teamPath, permissions: parsePermissions(user.permissions), ip: null },
    };
    const at = Date.now();
    const from = new Date(at - FEED_PAST_DAYS * DAY_MS).toISOString();
    const to = new Date(at + FEED_FUTURE_DAYS * DAY_MS).toISOString();
    const [tasks, activities, mail] = await Promise.all([
      tasksService.calendarItems(ctx, from, to),
      activitiesService.calendarItems(ctx, from, to),
      readMailSettings(db),
    ]);
    return renderFeed({ name: 'Guanxi CRM', timeZone: feed.timeZone, appUrl: mail.appUrl || null, tasks, activities });
  },
};
