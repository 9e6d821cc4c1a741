import type { Kysely } from 'kysely';
import { withAuditColumns } from './helpers.js';

/** Sales targets per user/team and period (sales issue). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withAuditColumns(
    db,
    db.schema
      .createTable('targets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('subject_type', 'text', (c) => c.notNull())
      // For a user target: the user, and team_id their team when it was set (as organizations keep the owner's team),
      // so the permission scope rules apply unchanged. For a team target: user_id is null.
      .addColumn('user_id', 'text', (c) => c.references('users.id'))
      .addColumn('team_id', 'text', (c) => c.references('teams.id'))
      .addColumn('period', 'text', (c) => c.notNull())
      // YYYY-MM-DD, the first day of the month, quarter or year.
      .addColumn('period_start', 'text', (c) => c.notNull())
      .addColumn('amount_minor', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull()),
  ).execute();
  for (const [name, cols] of [
    ['target_user_period_idx', ['user_id', 'period_start', 'id']],
    ['target_team_period_idx', ['team_id', 'period_start', 'id']],
    ['target_period_idx', ['period_start', 'id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('targets')
      .columns([...cols])
      .execute();
  }

  // The sales reports' ranges (docs/DECISIONS.md): each report reads one range of one of these.
  for (const [name, table, cols] of [
    // Revenue: live orders signed in a range, per currency.
    ['order_status_signed_idx', 'orders', ['status', 'signed_on', 'currency']],
    // Forecast: open pipeline by expected close.
    ['opportunity_status_expected_idx', 'opportunities', ['status', 'expected_close_date']],
    // Funnel: the opportunities of a pipeline created in a range.
    ['opportunity_pipeline_created_idx', 'opportunities', ['pipeline_id', 'created_at']],
    // New customers per day by province.
    ['organization_created_province_idx', 'organizations', ['created_at', 'province']],
    // Revenue by product.
    ['order_line_product_idx', 'order_lines', ['product_id', 'order_id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on(table)
      .columns([...cols])
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    'order_status_signed_idx',
    'opportunity_status_expected_idx',
    'opportunity_pipeline_created_idx',
    'organization_created_province_idx',
    'order_line_product_idx',
  ]) {
    await db.schema.dropIndex(name).execute();
  }
  await db.schema.dropTable('targets').execute();
}
