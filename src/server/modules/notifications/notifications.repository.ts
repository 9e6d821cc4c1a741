import type { Db } from '../../db/connection.js';
import type { NotificationRow } from '../../db/schema.js';

/** Reading is always for one user: every query is keyed by user_id, which leads both indexes. */
export const notificationsRepository = {
  async insert(db: Db, row: NotificationRow): Promise<void> {
    await db.insertInto('notifications').values(row).execute();
  },

  /** Newest first within one read state; `beforeId` continues a page. */
  page(db: Db, userId: string, unread: boolean, beforeId: string | undefined, limit: number): Promise<NotificationRow[]> {
    return db
      .selectFrom('notifications')
      .selectAll()
      .where('userId', '=', userId)
      .where('readAt', unread ? 'is' : 'is not', null)
      .$if(!!beforeId, (qb) => qb.where('id', '<', beforeId as string))
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  },

  /** Counting stops at `cap`, so a user with years of unread notices costs no more than one with a hundred. */
  async countUnread(db: Db, userId: string, cap: number): Promise<number> {
    const r = await db
      .selectFrom((eb) => eb.selectFrom('notifications').select('id').where('userId', '=', userId).where('readAt', 'is', null).limit(cap).as('unread'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  async markRead(db: Db, userId: string, id: string, at: string): Promise<boolean> {
    const found = await db.selectFrom('notifications').select('readAt').where('id', '=', id).where('userId', '=', userId).executeTakeFirst();
    if (!found) return false;
    if (!found.readAt) await db.updateTable('notifications').set({ readAt: at }).where('id', '=', id).where('userId', '=', userId).execute();
    return true;
  },

  async markAllRead(db: Db, userId: string, at: string): Promise<number> {
    const r = await db.updateTable('notifications').set({ readAt: at }).where('userId', '=', userId).where('readAt', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
};
