import type { Kysely } from 'kysely';
import { types, withAuditColumns } from './helpers.js';

/** Leads (线索), lead assignment rules (sales issue). */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);

  await withAuditColumns(
    db,
    db.schema
      .createTable('leads')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('company', 'text')
      .addColumn('title', 'text')
      .addColumn('phone', 'text')
      .addColumn('email', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('qualification_notes', 'text')
      // GB/T 2260 codes, as on organizations: assignment rules and reports name provinces by code.
      .addColumn('province_code', 'text')
      .addColumn('city_code', 'text')
      .addColumn('industry', 'text')
      .addColumn('owner_id', 'text', (c) => c.references('users.id'))
      .addColumn('team_id', 'text', (c) => c.references('teams.id'))
      .addColumn('converted_at', t.timestamp)
      .addColumn('converted_organization_id', 'text', (c) => c.references('organizations.id'))
      .addColumn('converted_contact_id', 'text', (c) => c.references('contacts.id'))
      // No foreign key: opportunities (migration 0014) is created after this table.
      .addColumn('converted_opportunity_id', 'text'),
  ).execute();
  // Every list filter leads an index that ends in a sort key and the id (keyset pages walk it).
  for (const [name, cols] of [
    ['lead_created_idx', ['created_at', 'id']],
    ['lead_updated_idx', ['updated_at', 'id']],
    ['lead_name_idx', ['name', 'id']],
    ['lead_owner_idx', ['owner_id', 'created_at', 'id']],
    ['lead_team_idx', ['team_id', 'created_at', 'id']],
    ['lead_status_idx', ['status', 'created_at', 'id']],
    ['lead_source_idx', ['source', 'created_at', 'id']],
    ['lead_province_idx', ['province_code', 'created_at', 'id']],
    ['lead_converted_org_idx', ['converted_organization_id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('leads')
      .columns([...cols])
      .execute();
  }

  // Tried in position order when a lead arrives without an owner; the first that matches assigns it.
  await db.schema
    .createTable('lead_assignment_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    // null: any province.
    .addColumn('province_code', 'text')
    .addColumn('team_id', 'text', (c) => c.references('teams.id'))
    // A fixed owner; when null the team's active members take turns.
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    // 0/1: better-sqlite3 cannot bind booleans.
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    // Leads handed out so far: incremented by a single UPDATE … RETURNING, so app servers racing for
    // the next turn each get their own number.
    .addColumn('turns', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('lead_rule_position_idx').on('lead_assignment_rules').columns(['position', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['lead_assignment_rules', 'leads']) await db.schema.dropTable(table).execute();
}
