import { type Kysely, sql } from 'kysely';
import { types } from './helpers.js';

/**
 * When a record entered the pool (公海), for the pool list's "in the pool since" and its default sort.
 * updated_at said so only until someone edited the pool record; this is written with the owner
 * (null while owned). Existing pool records take their last move into the pool from pool_events,
 * else their last change (the best the data knows).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);
  await db.schema.alterTable('organizations').addColumn('pooled_at', t.timestamp).execute();
  await sql`
    update organizations set pooled_at = coalesce(
      (select max(e.at) from pool_events e
        where e.organization_id = organizations.id and e.to_owner_id is null and e.kind in ('release', 'auto_return', 'assign')),
      updated_at)
    where owner_id is null`.execute(db);
  // The pool lists read only unowned records, by team or not, most recently pooled first.
  await db.schema.createIndex('org_pool_since_idx').on('organizations').columns(['pooled_at', 'id']).where(sql.ref('owner_id'), 'is', null).execute();
  await db.schema
    .createIndex('org_pool_team_since_idx')
    .on('organizations')
    .columns(['team_id', 'pooled_at', 'id'])
    .where(sql.ref('owner_id'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('org_pool_team_since_idx').execute();
  await db.schema.dropIndex('org_pool_since_idx').execute();
  await db.schema.alterTable('organizations').dropColumn('pooled_at').execute();
}
