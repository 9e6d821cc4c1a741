import type { Kysely } from 'kysely';
import { types, withAuditColumns } from './helpers.js';

/** Key accounts: departments, people in the decision chain, reporting/influence edges, organization-level relations (key-account issue). */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);

  // One row per organization whose chain was ever saved: the graph is edited as a whole, so its
  // optimistic version lives here rather than on each node.
  await db.schema
    .createTable('decision_chains')
    .addColumn('organization_id', 'text', (c) => c.primaryKey().references('organizations.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await withAuditColumns(
    db,
    db.schema
      .createTable('account_departments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('parent_id', 'text')
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema.createIndex('account_department_org_idx').on('account_departments').columns(['organization_id', 'sort_order', 'id']).execute();

  await withAuditColumns(
    db,
    db.schema
      .createTable('chain_people')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
      .addColumn('department_id', 'text')
      .addColumn('title', 'text')
      .addColumn('buying_role', 'text')
      .addColumn('support', 'text', (c) => c.notNull())
      .addColumn('favoured_competitor', 'text')
      .addColumn('strength', 'integer')
      .addColumn('level', 'text')
      // 0/1: better-sqlite3 cannot bind booleans.
      .addColumn('rising_star', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('our_owner_id', 'text', (c) => c.references('users.id'))
      .addColumn('pos_x', 'real', (c) => c.notNull().defaultTo(0))
      .addColumn('pos_y', 'real', (c) => c.notNull().defaultTo(0))
      .addColumn('notes', 'text'),
  ).execute();
  await db.schema.createIndex('chain_people_org_idx').on('chain_people').columns(['organization_id', 'deleted_at', 'id']).execute();
  // CARDS/ASSESS look a person up by contact ("is this contact in a chain, and how do they stand?").
  await db.schema.createIndex('chain_people_contact_idx').on('chain_people').columns(['contact_id', 'organization_id']).execute();

  await withAuditColumns(
    db,
    db.schema
      .createTable('chain_edges')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('from_person_id', 'text', (c) => c.notNull().references('chain_people.id'))
      .addColumn('to_person_id', 'text', (c) => c.notNull().references('chain_people.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('note', 'text'),
  ).execute();
  await db.schema.createIndex('chain_edges_org_idx').on('chain_edges').columns(['organization_id', 'deleted_at', 'id']).execute();

  await withAuditColumns(
    db,
    db.schema
      .createTable('account_relations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      // YYYY-MM-DD
      .addColumn('happened_on', 'text')
      .addColumn('our_people', 'text')
      .addColumn('their_people', 'text')
      .addColumn('notes', 'text'),
  ).execute();
  // The account page lists them newest first.
  await db.schema.createIndex('account_relations_org_idx').on('account_relations').columns(['organization_id', 'happened_on', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['account_relations', 'chain_edges', 'chain_people', 'account_departments', 'decision_chains']) {
    await db.schema.dropTable(table).execute();
  }
}
