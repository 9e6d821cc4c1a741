import type { Kysely } from 'kysely';

/**
 * The default list filters of customers, province + tier, combined in one index that ends in the default
 * sort. With single-column indexes the database walked all rows of one tier and filtered the province row
 * by row, so a page deep in the cursor chain cost in proportion to its depth (BENCHMARKS.md, finding 1).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['contacts', 'organizations'] as const) {
    const prefix = table === 'contacts' ? 'contact' : 'org';
    await db.schema.createIndex(`${prefix}_province_tier_updated_idx`).ifNotExists().on(table).columns(['province', 'tier', 'updated_at', 'id']).execute();
  }
}
