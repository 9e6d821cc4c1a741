import type { Db } from '../../db/connection.js';

/** calendar_feeds: one row per user holding the SHA-256 of their feed secret, never the secret. */
export const calendarRepository = {
  findByHash(db: Db, tokenHash: string) {
    return db.selectFrom('calendarFeeds').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
  },

  findByUser(db: Db, userId: string) {
    return db.selectFrom('calendarFeeds').selectAll().where('userId', '=', userId).executeTakeFirst();
  },

  /** Replaces the user's feed secret: the old URL stops working in the same transaction. */
  async replace(db: Db, row: { userId: string; tokenHash: string; timeZone: string; createdAt: string }): Promise<void> {
    await db.deleteFrom('calendarFeeds').where('userId', '=', row.userId).execute();
    await db.insertInto('calendarFeeds').values(row).execute();
  },

  async remove(db: Db, userId: string): Promise<boolean> {
    const r = await db.deleteFrom('calendarFeeds').where('userId', '=', userId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  },
};
