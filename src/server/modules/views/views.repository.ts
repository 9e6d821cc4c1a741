import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { SavedViewRow, SavedViewsTable } from '../../db/schema.js';

/** A list shows at most this many views; creating more answers 400 (see views.service.ts). */
export const VIEWS_PER_LIST = 100;

/**
 * Saved views the actor may see: their own personal views and every shared one. Personal views of
 * others never leave this query, so a list, a read by id and a write all agree (404 otherwise).
 */
function visible(db: Db, entity: string | undefined, userId: string) {
  return db
    .selectFrom('savedViews')
    .where('savedViews.deletedAt', 'is', null)
    .$if(entity !== undefined, (qb) => qb.where('savedViews.entity', '=', entity as string))
    .where((eb) => eb.or([eb('savedViews.ownerId', '=', userId), eb('savedViews.shared', '=', 1)]));
}

export const viewsRepository = {
  list(db: Db, entity: string, userId: string): Promise<SavedViewRow[]> {
    return visible(db, entity, userId)
      .selectAll('savedViews')
      .orderBy('savedViews.name')
      .orderBy('savedViews.id')
      .limit(VIEWS_PER_LIST * 2)
      .execute();
  },

  findVisible(db: Db, id: string, userId: string): Promise<SavedViewRow | undefined> {
    return visible(db, undefined, userId).selectAll('savedViews').where('savedViews.id', '=', id).executeTakeFirst();
  },

  /** How many live views of one kind a list has: the actor's personal ones, or the shared ones. */
  async count(db: Db, entity: string, kind: { shared: true } | { ownerId: string }): Promise<number> {
    const row = await db
      .selectFrom('savedViews')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('deletedAt', 'is', null)
      .where('entity', '=', entity)
      .$if('shared' in kind, (qb) => qb.where('shared', '=', 1))
      .$if('ownerId' in kind, (qb) => qb.where('shared', '=', 0).where('ownerId', '=', (kind as { ownerId: string }).ownerId))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  insert(db: Db, row: Insertable<SavedViewsTable>): Promise<SavedViewRow> {
    return db.insertInto('savedViews').values(row).returningAll().executeTakeFirstOrThrow();
  },

  /** Writes if the version still matches; undefined when someone else changed it first. */
  update(db: Db, id: string, version: number, changes: Updateable<SavedViewsTable>): Promise<SavedViewRow | undefined> {
    return db
      .updateTable('savedViews')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('deletedAt', 'is', null)
      .returningAll()
      .executeTakeFirst();
  },
};
