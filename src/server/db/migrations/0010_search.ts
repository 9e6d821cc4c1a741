import { type Kysely, sql } from 'kysely';
import { reindexParties } from '../../modules/customers/party-search.js';
import type { Db } from '../connection.js';
import { isPostgres, types } from './helpers.js';

/**
 * The global search index (platform/search): one row per key of a record, and the records each user
 * opened lately. Existing organizations and contacts are indexed here, in batches.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);
  // Byte order on PostgreSQL too: a prefix is searched as the range [prefix, next code point).
  const token = isPostgres(db) ? sql`text collate "C"` : sql`text`;
  await db.schema
    .createTable('search_tokens')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('token', token, (c) => c.notNull())
    // Rewriting one record's keys, and checking a further query part against one record.
    .addPrimaryKeyConstraint('search_tokens_pk', ['type', 'record_id', 'token'])
    .execute();
  // The query walks one key range of one type.
  await db.schema.createIndex('search_tokens_token_idx').on('search_tokens').columns(['type', 'token', 'record_id']).execute();

  await db.schema
    .createTable('recent_views')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('viewed_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('recent_views_pk', ['user_id', 'type', 'record_id'])
    .execute();
  await db.schema.createIndex('recent_views_user_idx').on('recent_views').columns(['user_id', 'viewed_at']).execute();

  await reindexParties(db as unknown as Db);
  // Without statistics PostgreSQL guesses a key range is tiny and reads all of it before the LIMIT.
  if (isPostgres(db)) await sql`analyze search_tokens`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('recent_views').execute();
  await db.schema.dropTable('search_tokens').execute();
}
