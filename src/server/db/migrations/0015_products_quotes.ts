import { type Kysely, sql } from 'kysely';
import { types, withAuditColumns } from './helpers.js';

/** Products, price lists, quotes with versions and lines (sales issue). */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);
  const index = async (name: string, table: string, cols: string[]) => db.schema.createIndex(name).on(table).columns(cols).execute();

  await withAuditColumns(
    db,
    db.schema
      .createTable('products')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('sku', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('category', 'text')
      .addColumn('description', 'text')
      // 0/1: better-sqlite3 cannot bind booleans.
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();
  // A SKU names one live product; a product in the recycle bin frees its SKU for a new one.
  await db.schema.createIndex('product_sku_live_idx').on('products').column('sku').unique().where(sql.ref('deleted_at'), 'is', null).execute();
  await index('product_name_idx', 'products', ['name', 'id']);
  await index('product_category_name_idx', 'products', ['category', 'name', 'id']);
  await index('product_active_name_idx', 'products', ['active', 'name', 'id']);
  await index('product_created_idx', 'products', ['created_at', 'id']);
  await index('product_updated_idx', 'products', ['updated_at', 'id']);

  await withAuditColumns(
    db,
    db.schema
      .createTable('price_lists')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      // Percent as a decimal string ("13", "6.5"): exact, never a float.
      .addColumn('tax_rate', 'text', (c) => c.notNull())
      .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();
  await index('price_list_name_idx', 'price_lists', ['name', 'id']);
  await index('price_list_currency_idx', 'price_lists', ['currency', 'name', 'id']);
  await index('price_list_active_idx', 'price_lists', ['active', 'name', 'id']);
  await index('price_list_created_idx', 'price_lists', ['created_at', 'id']);
  await index('price_list_updated_idx', 'price_lists', ['updated_at', 'id']);

  await db.schema
    .createTable('price_list_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('price_list_id', 'text', (c) => c.notNull().references('price_lists.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('unit_price_minor', 'bigint', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('price_list_item_unique_idx').on('price_list_items').columns(['price_list_id', 'product_id']).unique().execute();
  await index('price_list_item_product_idx', 'price_list_items', ['product_id']);

  await withAuditColumns(
    db,
    db.schema
      .createTable('quotes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('number', 'text', (c) => c.notNull())
      // The quote's version number (1, 2, …). `version` is the optimistic-lock column of every main table.
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('previous_id', 'text', (c) => c.references('quotes.id'))
      // Set when a revision replaces this quote, which is then read-only.
      .addColumn('superseded_by_id', 'text')
      .addColumn('opportunity_id', 'text')
      .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('contact_id', 'text', (c) => c.references('contacts.id'))
      .addColumn('price_list_id', 'text', (c) => c.references('price_lists.id'))
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('discount_percent', 'text', (c) => c.notNull())
      .addColumn('subtotal_minor', 'bigint', (c) => c.notNull())
      .addColumn('discount_minor', 'bigint', (c) => c.notNull())
      .addColumn('tax_minor', 'bigint', (c) => c.notNull())
      .addColumn('total_minor', 'bigint', (c) => c.notNull())
      // YYYY-MM-DD, inclusive; a sent quote past it reads as expired.
      .addColumn('valid_until', 'text')
      .addColumn('title', 'text')
      .addColumn('notes', 'text')
      .addColumn('sent_at', t.timestamp)
      .addColumn('decided_at', t.timestamp)
      .addColumn('approval_request_id', 'text')
      .addColumn('owner_id', 'text', (c) => c.references('users.id'))
      .addColumn('team_id', 'text', (c) => c.references('teams.id')),
  ).execute();
  await db.schema.createIndex('quote_number_revision_idx').on('quotes').columns(['number', 'revision']).unique().execute();
  for (const [name, cols] of [
    ['quote_owner_idx', ['owner_id', 'created_at', 'id']],
    ['quote_team_idx', ['team_id', 'created_at', 'id']],
    ['quote_status_idx', ['status', 'valid_until', 'created_at', 'id']],
    ['quote_org_idx', ['organization_id', 'created_at', 'id']],
    ['quote_contact_idx', ['contact_id', 'created_at', 'id']],
    ['quote_opportunity_idx', ['opportunity_id', 'created_at', 'id']],
    ['quote_latest_idx', ['superseded_by_id', 'created_at', 'id']],
    ['quote_created_idx', ['created_at', 'id']],
    ['quote_updated_idx', ['updated_at', 'id']],
    ['quote_total_idx', ['total_minor', 'id']],
    ['quote_valid_idx', ['valid_until', 'id']],
    ['quote_previous_idx', ['previous_id']],
  ] as const) {
    await index(name, 'quotes', [...cols]);
  }

  await db.schema
    .createTable('quote_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('quote_id', 'text', (c) => c.notNull().references('quotes.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.references('products.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('quantity', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('unit_price_minor', 'bigint', (c) => c.notNull())
    .addColumn('discount_percent', 'text', (c) => c.notNull())
    .addColumn('tax_rate', 'text', (c) => c.notNull())
    // qty × price before the line discount.
    .addColumn('gross_minor', 'bigint', (c) => c.notNull())
    // After the line discount, before the quote discount.
    .addColumn('net_minor', 'bigint', (c) => c.notNull())
    // This line's share of the quote discount.
    .addColumn('quote_discount_minor', 'bigint', (c) => c.notNull())
    .addColumn('tax_minor', 'bigint', (c) => c.notNull())
    .addColumn('total_minor', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('quote_line_no_idx').on('quote_lines').columns(['quote_id', 'line_no']).unique().execute();
  await index('quote_line_product_idx', 'quote_lines', ['product_id']);

  // One counter per year: numbers come from an UPDATE … RETURNING, which the database serializes.
  await db.schema
    .createTable('quote_number_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['quote_number_counters', 'quote_lines', 'quotes', 'price_list_items', 'price_lists', 'products']) {
    await db.schema.dropTable(table).execute();
  }
}
