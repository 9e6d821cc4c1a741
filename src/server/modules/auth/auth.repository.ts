import type { Db } from '../../db/connection.js';
import type { ApiTokenRow } from '../../db/schema.js';

/** Queries on a user's own sessions and API tokens. */
export const authRepository = {
  listSessions(db: Db, userId: string) {
    return db
      .selectFrom('sessions')
      .select(['id', 'createdAt', 'lastSeenAt', 'expiresAt', 'ip', 'userAgent'])
      .where('userId', '=', userId)
      .where('revokedAt', 'is', null)
      .where('expiresAt', '>', new Date().toISOString())
      .orderBy('lastSeenAt', 'desc')
      .limit(200)
      .execute();
  },

  findOwnSession(db: Db, userId: string, id: string) {
    return db.selectFrom('sessions').select('id').where('id', '=', id).where('userId', '=', userId).where('revokedAt', 'is', null).executeTakeFirst();
  },

  listTokens(db: Db, userId: string): Promise<ApiTokenRow[]> {
    return db.selectFrom('apiTokens').selectAll().where('userId', '=', userId).where('revokedAt', 'is', null).orderBy('id', 'desc').limit(200).execute();
  },

  insertToken(db: Db, row: ApiTokenRow) {
    return db.insertInto('apiTokens').values(row).execute();
  },

  async revokeOwnToken(db: Db, userId: string, id: string, at: string): Promise<boolean> {
    const r = await db
      .updateTable('apiTokens')
      .set({ revokedAt: at })
      .where('id', '=', id)
      .where('userId', '=', userId)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
};
