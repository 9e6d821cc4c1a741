import { type Kysely, sql } from 'kysely';
import { isPostgres } from './helpers.js';

/**
 * Covering indexes for the sales reports over a whole period (BENCHMARKS.md, reports). Each holds every
 * column its report reads — the filters, the amount, the owner and team of the scope check, deleted_at —
 * so a report over a million orders reads one index and never the table rows; migration 0018's indexes
 * find the same rows but then read each order's row for its amount and scope (about 3× slower at 100k).
 * deleted_at is a column, not a partial-index condition: SQLite only covers columns the index holds.
 */
const INDEXES = [
  // Revenue by month, rep or team: live orders of one currency signed in a range.
  ['order_report_signed_idx', 'orders', ['currency', 'status', 'signed_on', 'total_minor', 'owner_id', 'team_id', 'deleted_at']],
  // Revenue by province, region or industry: the same per organization, probed from the organizations side.
  ['order_report_org_idx', 'orders', ['organization_id', 'currency', 'status', 'signed_on', 'total_minor', 'owner_id', 'team_id', 'deleted_at']],
  // Funnel: per stage, the opportunities of one currency created in a range.
  ['opportunity_report_stage_idx', 'opportunities', ['stage_id', 'currency', 'created_at', 'amount_minor', 'owner_id', 'team_id', 'deleted_at']],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, table, cols] of INDEXES) {
    await db.schema
      .createIndex(name)
      .ifNotExists()
      .on(table)
      .columns([...cols])
      .execute();
  }
  // SQLite plans by sqlite_stat1, which has no row for a new index until the next ANALYZE: with the
  // organizations analysed and these indexes not, it drove revenue by province from the orders and
  // probed each order's organization (0.66 s instead of 0.05 s at 100k). PRAGMA optimize does not
  // analyse a table again for a new index, so a database that has data is analysed here, once.
  // PostgreSQL plans by column statistics, which a new index does not change.
  if (!isPostgres(db)) {
    for (const table of ['orders', 'opportunities']) {
      const { rows } = await sql<{ any: number }>`select exists (select 1 from ${sql.table(table)}) as any`.execute(db);
      if (rows[0]?.any) await sql`analyze ${sql.table(table)}`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).ifExists().execute();
}
