import { type Kysely, sql } from 'kysely';
import { isPostgres, types, withAuditColumns } from './helpers.js';

/** Key accounts: confidential expansion cards, enterprise and supplier archives, attachments (key-account issue). */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);

  await withAuditColumns(
    db,
    db.schema
      .createTable('expansion_cards')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      // The card belongs to a person (the 任务承接人), not a team: who manages them is read from their current team.
      .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('target_contact_id', 'text', (c) => c.references('contacts.id'))
      .addColumn('target_notes', 'text')
      .addColumn('sponsor_id', 'text', (c) => c.references('users.id'))
      // JSON: {rank|business|history|ability|willingness: {met, score, note}}
      .addColumn('sponsor_fit', t.json, (c) => c.notNull())
      .addColumn('visits_plan', 'text')
      .addColumn('mutual_visits_plan', 'text')
      .addColumn('commitments', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('next_review_on', 'text')
      .addColumn('remind_days_before', 'integer', (c) => c.notNull().defaultTo(7)),
  ).execute();
  for (const [name, cols] of [
    ['expansion_card_owner_idx', ['owner_id', 'updated_at', 'id']],
    ['expansion_card_sponsor_idx', ['sponsor_id', 'updated_at', 'id']],
    ['expansion_card_org_idx', ['organization_id', 'updated_at', 'id']],
    ['expansion_card_review_idx', ['next_review_on', 'id']],
    ['expansion_card_updated_idx', ['updated_at', 'id']],
    ['expansion_card_created_idx', ['created_at', 'id']],
    ['expansion_card_title_idx', ['title', 'id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('expansion_cards')
      .columns([...cols])
      .execute();
  }

  await db.schema
    .createTable('expansion_card_key_dates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('card_id', 'text', (c) => c.notNull().references('expansion_cards.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    // A calendar date (YYYY-MM-DD); yearly dates recur on the same month and day.
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('yearly', 'integer', (c) => c.notNull().defaultTo(0))
    // The occurrence (YYYY-MM-DD) last reminded: the claim that keeps several app servers from reminding twice.
    .addColumn('reminded_for', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('expansion_card_key_date_card_idx').on('expansion_card_key_dates').columns(['card_id', 'sort_order']).execute();

  await db.schema
    .createTable('expansion_card_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('card_id', 'text', (c) => c.notNull().references('expansion_cards.id'))
    // key_event (promotion, transfer …) or action (the action plan)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('due_on', 'text')
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('expansion_card_item_card_idx').on('expansion_card_items').columns(['card_id', 'kind', 'sort_order']).execute();

  await db.schema
    .createTable('expansion_card_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('card_id', 'text', (c) => c.notNull().references('expansion_cards.id'))
    .addColumn('reviewed_on', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('next_review_on', 'text')
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('expansion_card_review_card_idx').on('expansion_card_reviews').columns(['card_id', 'reviewed_on', 'id']).execute();

  // One row per section of an organization's enterprise archive; `content` is JSON of sanitised HTML fields.
  await withAuditColumns(
    db,
    db.schema
      .createTable('account_archives')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('section', 'text', (c) => c.notNull())
      .addColumn('content', t.json, (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('account_archive_org_section_idx').on('account_archives').columns(['organization_id', 'section']).unique().execute();

  // One row per competing supplier in an organization's supplier archive.
  await withAuditColumns(
    db,
    db.schema
      .createTable('supplier_archives')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('competitor', 'text', (c) => c.notNull())
      .addColumn('content', t.json, (c) => c.notNull())
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema.createIndex('supplier_archive_org_idx').on('supplier_archives').columns(['organization_id', 'sort_order', 'id']).execute();

  // File bytes live in the database so any app server can serve them (no shared disk).
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('bytes', isPostgres(db) ? sql`bytea` : sql`blob`, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('deleted_at', t.timestamp)
    .addColumn('deleted_by', 'text')
    .execute();
  await db.schema.createIndex('attachment_owner_idx').on('attachments').columns(['organization_id', 'owner_type', 'section', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'attachments',
    'supplier_archives',
    'account_archives',
    'expansion_card_reviews',
    'expansion_card_items',
    'expansion_card_key_dates',
    'expansion_cards',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
