import type { Db } from '../db/connection.js';

/**
 * Runs `fn` in a transaction, or inside the caller's when `db` already is one: a service write can
 * then be one step of a larger use case (a lead's conversion creates an organization, a contact and
 * an opportunity, all or nothing). Kysely cannot nest transactions.
 */
export function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
