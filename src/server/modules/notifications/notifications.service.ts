import type { NotificationListQuery } from '../../../shared/schemas/notifications.js';
import type { Db } from '../../db/connection.js';
import type { NotificationRow } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { decodeCursor, encodeCursor } from '../../platform/pagination.js';
import { notificationsRepository as repo } from './notifications.repository.js';

export interface NotifyInput {
  userId: string;
  /** e.g. 'task.reminder'; the web shows known kinds with a label of their own. */
  kind: string;
  /** In the recipient's language: the web shows it as written. */
  title: string;
  body?: string | null;
  /** A path inside the web app (starting with /), e.g. /organizations/…; anything else is dropped. */
  link?: string | null;
}

const UNREAD_CAP = 100;
const UNREAD = 0;
const READ = 1;

function present(row: NotificationRow) {
  return { id: row.id, kind: row.kind, title: row.title, body: row.body, link: row.link, readAt: row.readAt, createdAt: row.createdAt };
}

/** Only app-internal paths: a notification must not become a way to send someone off-site ("//host" and "/\host" are other sites to a browser). */
const safeLink = (link: string | null | undefined) => (link?.startsWith('/') && !/^\/[/\\]/.test(link) ? link : null);

/**
 * Notifications are personal: nobody reads or marks another user's, whatever their role, so no
 * module permission applies; every query is keyed by the signed-in user.
 */
export const notificationsService = {
  /** Writes one notification; pass the caller's transaction so it exists only if the change commits. */
  async notify(db: Db, input: NotifyInput): Promise<void> {
    await repo.insert(db, {
      id: newId(),
      userId: input.userId,
      kind: input.kind.slice(0, 60),
      title: input.title.slice(0, 300),
      body: input.body?.slice(0, 2000) ?? null,
      link: safeLink(input.link),
      readAt: null,
      createdAt: now(),
    });
  },

  /**
   * Unread first, then read, newest first within each: two keyset walks over (user_id, read_at, id)
   * and (user_id, id); the cursor says which walk the page stopped in.
   */
  async list(ctx: Ctx, q: NotificationListQuery) {
    const userId = ctx.actor.userId;
    const [phase, afterId] = q.cursor ? decodeCursor(q.cursor, 2) : [UNREAD, ''];
    if ((phase !== UNREAD && phase !== READ) || typeof afterId !== 'string') {
      throw badRequest('validation_failed', 'Invalid cursor', { cursor: 'Use the nextCursor of the previous page' });
    }
    const want = q.limit + 1;
    let rows: (NotificationRow & { phase: number })[] = [];
    if (phase === UNREAD) {
      rows = (await repo.page(ctx.db, userId, true, afterId || undefined, want)).map((r) => ({ ...r, phase: UNREAD }));
    }
    if (rows.length < want) {
      const before = phase === READ ? afterId || undefined : undefined;
      const read = await repo.page(ctx.db, userId, false, before, want - rows.length);
      rows = rows.concat(read.map((r) => ({ ...r, phase: READ })));
    }
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return { items: page.map(present), nextCursor: rows.length > q.limit ? encodeCursor([last.phase, last.id]) : null };
  },

  async unreadCount(ctx: Ctx) {
    return { count: await repo.countUnread(ctx.db, ctx.actor.userId, UNREAD_CAP) };
  },

  async markRead(ctx: Ctx, id: string) {
    if (!(await repo.markRead(ctx.db, ctx.actor.userId, id, now()))) throw notFound('Notification');
  },

  async markAllRead(ctx: Ctx) {
    return { updated: await repo.markAllRead(ctx.db, ctx.actor.userId, now()) };
  },
};
