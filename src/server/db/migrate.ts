import { type Migration, type MigrationProvider, Migrator, PostgresAdapter, sql } from 'kysely';
import type { Db } from './connection.js';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_customers.js';
import * as m0003 from './migrations/0003_settings.js';
import * as m0004 from './migrations/0004_custom_fields.js';
import * as m0005 from './migrations/0005_views.js';
import * as m0006 from './migrations/0006_activities.js';
import * as m0007 from './migrations/0007_tasks.js';
import * as m0008 from './migrations/0008_pool.js';
import * as m0009 from './migrations/0009_regions.js';
import * as m0010 from './migrations/0010_search.js';
import * as m0011 from './migrations/0011_imports.js';
import * as m0012 from './migrations/0012_pool_since.js';
import * as m0013 from './migrations/0013_leads.js';
import * as m0014 from './migrations/0014_opportunities.js';
import * as m0015 from './migrations/0015_products_quotes.js';
import * as m0016 from './migrations/0016_approvals.js';
import * as m0017 from './migrations/0017_orders.js';
import * as m0018 from './migrations/0018_targets.js';
import * as m0019 from './migrations/0019_decision_chain.js';
import * as m0020 from './migrations/0020_assessments_plans.js';
import * as m0021 from './migrations/0021_cards_archives.js';
import * as m0022 from './migrations/0022_list_indexes.js';
import * as m0023 from './migrations/0023_report_indexes.js';

/** Migrations are listed here (not read from disk) so they work the same under tsx, tests and bundlers. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_customers': m0002,
  '0003_settings': m0003,
  '0004_custom_fields': m0004,
  '0005_views': m0005,
  '0006_activities': m0006,
  '0007_tasks': m0007,
  '0008_pool': m0008,
  '0009_regions': m0009,
  '0010_search': m0010,
  '0011_imports': m0011,
  '0012_pool_since': m0012,
  '0013_leads': m0013,
  '0014_opportunities': m0014,
  '0015_products_quotes': m0015,
  '0016_approvals': m0016,
  '0017_orders': m0017,
  '0018_targets': m0018,
  '0019_decision_chain': m0019,
  '0020_assessments_plans': m0020,
  '0021_cards_archives': m0021,
  '0022_list_indexes': m0022,
  '0023_report_indexes': m0023,
};

class StaticProvider implements MigrationProvider {
  async getMigrations() {
    return MIGRATIONS;
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  // On PostgreSQL the bookkeeping tables go into the connection's own schema (tests use one per file);
  // otherwise Kysely may find another schema's table of the same name.
  const schema =
    db.getExecutor().adapter instanceof PostgresAdapter ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
  const migrator = new Migrator({ db, provider: new StaticProvider(), migrationTableSchema: schema });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
