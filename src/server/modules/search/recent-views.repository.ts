import type { Db } from '../../db/connection.js';

/** A user's recently opened records are kept to this many; older ones fall off as new ones come. */
export const RECENT_KEPT = 50;

export const recentViewsRepository = {
  async record(db: Db, userId: string, type: string, recordId: string, at: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('recentViews')
        .values({ userId, type, recordId, viewedAt: at })
        .onConflict((oc) => oc.columns(['userId', 'type', 'recordId']).doUpdateSet({ viewedAt: at }))
        .execute();
      const oldest = await trx
        .selectFrom('recentViews')
        .select('viewedAt')
        .where('userId', '=', userId)
        .orderBy('viewedAt', 'desc')
        .offset(RECENT_KEPT - 1)
        .limit(1)
        .executeTakeFirst();
      if (oldest) await trx.deleteFrom('recentViews').where('userId', '=', userId).where('viewedAt', '<', oldest.viewedAt).execute();
    });
  },

  /** Newest first (at most RECENT_KEPT rows, through recent_views_user_idx). */
  ofUser(db: Db, userId: string) {
    return db.selectFrom('recentViews').select(['type', 'recordId', 'viewedAt']).where('userId', '=', userId).orderBy('viewedAt', 'desc').execute();
  },
};
