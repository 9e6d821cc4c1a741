import type { Db } from '../../db/connection.js';
import type { ContactPoint } from './party.js';

type EntityType = 'organizations' | 'contacts';

/**
 * contact_points holds every phone (E.164) and e-mail (lower case) of organizations and contacts in
 * one indexed place, so a duplicate check or an inbound call finds the record by number whatever
 * way it was typed. Rows stay while a record is in the recycle bin, so a restore needs no rebuild.
 */
export const contactPointsRepository = {
  /** `fresh`: the record was created in this transaction, so it has no rows to delete. */
  async replace(trx: Db, entityType: EntityType, entityId: string, points: ContactPoint[], fresh = false): Promise<void> {
    if (!fresh) await trx.deleteFrom('contactPoints').where('entityType', '=', entityType).where('entityId', '=', entityId).execute();
    if (points.length === 0) return;
    await trx
      .insertInto('contactPoints')
      .values(points.map((p) => ({ entityType, entityId, ...p })))
      .execute();
  },

  /** Records of one type holding any of `values` (already normalised), records in the recycle bin included. */
  async holders(db: Db, entityType: EntityType, kind: ContactPoint['kind'], values: string[], limit: number) {
    if (values.length === 0) return [];
    return db
      .selectFrom('contactPoints')
      .select(['entityId', 'value'])
      .where('kind', '=', kind)
      .where('value', 'in', values)
      .where('entityType', '=', entityType)
      .limit(limit)
      .execute();
  },
};
