import type { Kysely } from 'kysely';
import { types, withAuditColumns } from './helpers.js';

/** Orders/contracts, order lines, payment plans (installments), payments (sales issue). */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);

  await withAuditColumns(
    db,
    db.schema
      .createTable('orders')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('quote_id', 'text')
      .addColumn('opportunity_id', 'text')
      .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('contact_id', 'text')
      .addColumn('currency', 'text', (c) => c.notNull())
      // Copied from the quote (discount and tax included); an order made from lines has no discount or tax.
      .addColumn('subtotal_minor', 'bigint', (c) => c.notNull())
      .addColumn('discount_minor', 'bigint', (c) => c.notNull())
      .addColumn('tax_minor', 'bigint', (c) => c.notNull())
      .addColumn('total_minor', 'bigint', (c) => c.notNull())
      .addColumn('paid_minor', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('signed_on', 'text')
      .addColumn('activated_at', t.timestamp)
      .addColumn('notes', 'text')
      .addColumn('owner_id', 'text', (c) => c.references('users.id'))
      .addColumn('team_id', 'text', (c) => c.references('teams.id')),
  ).execute();
  for (const [name, cols] of [
    // Every list filter leads an index that ends in the default sort (created_at, id).
    ['order_owner_created_idx', ['owner_id', 'created_at', 'id']],
    ['order_team_created_idx', ['team_id', 'created_at', 'id']],
    ['order_org_created_idx', ['organization_id', 'created_at', 'id']],
    ['order_contact_created_idx', ['contact_id', 'created_at', 'id']],
    ['order_opportunity_created_idx', ['opportunity_id', 'created_at', 'id']],
    ['order_status_created_idx', ['status', 'created_at', 'id']],
    ['order_kind_created_idx', ['kind', 'created_at', 'id']],
    ['order_quote_idx', ['quote_id']],
    ['order_created_idx', ['created_at', 'id']],
    ['order_updated_idx', ['updated_at', 'id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('orders')
      .columns([...cols])
      .execute();
  }

  // One row per year: the number allocator increments it in the order's transaction (an atomic upsert).
  await db.schema
    .createTable('order_number_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('order_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('quantity', 'text', (c) => c.notNull())
    .addColumn('unit_price_minor', 'bigint', (c) => c.notNull())
    .addColumn('total_minor', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('order_line_order_idx').on('order_lines').columns(['order_id', 'line_no']).unique().execute();

  await db.schema
    .createTable('installments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('paid_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('paid_on', 'text')
    .addColumn('reminded_at', t.timestamp)
    .execute();
  await db.schema.createIndex('installment_order_idx').on('installments').columns(['order_id', 'seq']).unique().execute();
  // Receivables and the collection scan read open installments by due date.
  await db.schema.createIndex('installment_status_due_idx').on('installments').columns(['status', 'due_on', 'id']).execute();

  await withAuditColumns(
    db,
    db.schema
      .createTable('payments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
      .addColumn('installment_id', 'text')
      .addColumn('organization_id', 'text', (c) => c.notNull())
      .addColumn('amount_minor', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('received_on', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('reference', 'text')
      .addColumn('notes', 'text')
      .addColumn('owner_id', 'text', (c) => c.references('users.id'))
      .addColumn('team_id', 'text', (c) => c.references('teams.id')),
  ).execute();
  for (const [name, cols] of [
    ['payment_org_received_idx', ['organization_id', 'received_on', 'id']],
    ['payment_order_received_idx', ['order_id', 'received_on', 'id']],
    ['payment_owner_received_idx', ['owner_id', 'received_on', 'id']],
    ['payment_team_received_idx', ['team_id', 'received_on', 'id']],
    ['payment_received_idx', ['received_on', 'id']],
    ['payment_created_idx', ['created_at', 'id']],
    ['payment_updated_idx', ['updated_at', 'id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('payments')
      .columns([...cols])
      .execute();
  }

  // A payment may settle several installments (the rest of one, then the next): how much went where, so deleting it gives exactly that back.
  await db.schema
    .createTable('payment_allocations')
    .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id'))
    .addColumn('installment_id', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_allocation_pk', ['payment_id', 'installment_id'])
    .execute();
  await db.schema.createIndex('payment_allocation_installment_idx').on('payment_allocations').column('installment_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['payment_allocations', 'payments', 'installments', 'order_lines', 'order_number_counters', 'orders']) {
    await db.schema.dropTable(table).execute();
  }
}
