import { type Kysely, sql } from 'kysely';
import { types } from './helpers.js';

/**
 * The customer pool (公海): when the current owner's hold began (the clock of the return rule),
 * the last deal (a seam the sales module will feed), the last return warning, and every claim,
 * release, assignment, warning and automatic return as an event.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);
  for (const column of ['owned_since', 'last_deal_at', 'pool_warned_at']) {
    await db.schema.alterTable('organizations').addColumn(column, t.timestamp).execute();
  }
  // Holds that began before the pool existed start now: switching the rule on must not take away at once
  // customers whose owners had no way of knowing about it.
  await sql`update organizations set owned_since = ${new Date().toISOString()} where owner_id is not null`.execute(db);

  // The daily rule reads owned customers of one tier whose hold began before a cutoff; pool records have no owned_since.
  await db.schema.createIndex('org_pool_clock_idx').on('organizations').columns(['tier', 'owned_since', 'id']).execute();
  // The pool lists: only unowned live records, by team or tier, newest release first.
  await db.schema
    .createIndex('org_pool_team_idx')
    .on('organizations')
    .columns(['team_id', 'updated_at', 'id'])
    .where(sql.ref('owner_id'), 'is', null)
    .execute();
  await db.schema.createIndex('org_pool_updated_idx').on('organizations').columns(['updated_at', 'id']).where(sql.ref('owner_id'), 'is', null).execute();

  await db.schema
    .createTable('pool_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    // claim | release | assign | warning | auto_return
    .addColumn('kind', 'text', (c) => c.notNull())
    // Null when the system acted (the daily rule).
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('from_owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('to_owner_id', 'text', (c) => c.references('users.id'))
    // The pool the record went to, or the team it was claimed from.
    .addColumn('team_id', 'text', (c) => c.references('teams.id'))
    .addColumn('reason', 'text')
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pool_events_org_idx').on('pool_events').columns(['organization_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('pool_events').execute();
  for (const index of ['org_pool_updated_idx', 'org_pool_team_idx', 'org_pool_clock_idx']) await db.schema.dropIndex(index).execute();
  for (const column of ['pool_warned_at', 'last_deal_at', 'owned_since']) {
    await db.schema.alterTable('organizations').dropColumn(column).execute();
  }
}
