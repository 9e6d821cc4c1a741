import { type Kysely, sql } from 'kysely';
import { isPostgres, types, withAuditColumns } from './helpers.js';

/** Organizations, contacts, their links and lifecycle history (customers issue, first slice). */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);
  // Custom-field values live in one JSON document per record; jsonb on PostgreSQL so expression
  // indexes per field can serve filters and sorts (see docs/DECISIONS.md).
  const customType = isPostgres(db) ? 'jsonb' : 'text';

  await withAuditColumns(
    db,
    db.schema
      .createTable('organizations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull())
      .addColumn('party_type', 'text', (c) => c.notNull())
      .addColumn('lifecycle_status', 'text', (c) => c.notNull())
      .addColumn('tier', 'text')
      .addColumn('owner_id', 'text', (c) => c.references('users.id'))
      .addColumn('team_id', 'text', (c) => c.references('teams.id'))
      .addColumn('industry', 'text')
      .addColumn('size', 'text')
      .addColumn('source', 'text')
      .addColumn('country', 'text')
      .addColumn('province', 'text')
      .addColumn('city', 'text')
      .addColumn('district', 'text')
      .addColumn('address', 'text')
      .addColumn('website', 'text')
      .addColumn('uscc', 'text')
      .addColumn('tags', t.json, (c) => c.notNull())
      .addColumn('phones', t.json, (c) => c.notNull())
      .addColumn('emails', t.json, (c) => c.notNull())
      .addColumn('notes', 'text')
      .addColumn('custom', customType as 'text', (c) => c.notNull())
      .addColumn('last_activity_at', t.timestamp),
  ).execute();
  for (const [name, cols] of [
    // Every list filter leads an index that ends in the default sort (updated_at, id); each sort has its own.
    ['org_owner_updated_idx', ['owner_id', 'updated_at', 'id']],
    ['org_team_updated_idx', ['team_id', 'updated_at', 'id']],
    ['org_updated_idx', ['updated_at', 'id']],
    ['org_created_idx', ['created_at', 'id']],
    ['org_name_idx', ['name', 'id']],
    ['org_name_key_idx', ['name_key']],
    ['org_province_idx', ['province', 'updated_at', 'id']],
    ['org_tier_idx', ['tier', 'updated_at', 'id']],
    ['org_party_type_idx', ['party_type', 'updated_at', 'id']],
    ['org_lifecycle_idx', ['lifecycle_status', 'updated_at', 'id']],
    ['org_uscc_idx', ['uscc']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('organizations')
      .columns([...cols])
      .execute();
  }
  await tagsIndex(db, 'organizations');

  await withAuditColumns(
    db,
    db.schema
      .createTable('contacts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.references('users.id'))
      .addColumn('team_id', 'text', (c) => c.references('teams.id'))
      .addColumn('tier', 'text')
      .addColumn('source', 'text')
      .addColumn('country', 'text')
      .addColumn('province', 'text')
      .addColumn('city', 'text')
      .addColumn('district', 'text')
      .addColumn('address', 'text')
      .addColumn('tags', t.json, (c) => c.notNull())
      .addColumn('phones', t.json, (c) => c.notNull())
      .addColumn('emails', t.json, (c) => c.notNull())
      .addColumn('notes', 'text')
      .addColumn('custom', customType as 'text', (c) => c.notNull())
      .addColumn('last_activity_at', t.timestamp),
  ).execute();
  for (const [name, cols] of [
    ['contact_owner_updated_idx', ['owner_id', 'updated_at', 'id']],
    ['contact_team_updated_idx', ['team_id', 'updated_at', 'id']],
    ['contact_updated_idx', ['updated_at', 'id']],
    ['contact_created_idx', ['created_at', 'id']],
    ['contact_name_idx', ['name', 'id']],
    ['contact_name_key_idx', ['name_key']],
    ['contact_province_idx', ['province', 'updated_at', 'id']],
    ['contact_tier_idx', ['tier', 'updated_at', 'id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('contacts')
      .columns([...cols])
      .execute();
  }
  await tagsIndex(db, 'contacts');

  // A contact may belong to several organizations, each with its own title and department.
  await db.schema
    .createTable('contact_organizations')
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('title', 'text')
    .addColumn('department', 'text')
    // Order as the user listed them: the first is the person's main organization.
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_organizations_pk', ['contact_id', 'organization_id'])
    .execute();
  await db.schema.createIndex('contact_org_org_idx').on('contact_organizations').columns(['organization_id', 'contact_id']).execute();

  // Phone numbers and e-mail addresses normalised for duplicate checks and search.
  await db.schema
    .createTable('contact_points')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_points_pk', ['entity_type', 'entity_id', 'kind', 'value'])
    .execute();
  await db.schema.createIndex('contact_points_value_idx').on('contact_points').columns(['kind', 'value']).execute();

  await db.schema
    .createTable('lifecycle_transitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lifecycle_org_idx').on('lifecycle_transitions').columns(['organization_id', 'id']).execute();
}

/**
 * The tag filter asks whether the JSON array holds an element (see tags.ts). PostgreSQL serves
 * `tags::jsonb @> …` from a GIN index on that expression; SQLite has no such index and walks the sort
 * index instead, acceptable until tags get a table of their own (list views, bulk tagging).
 */
async function tagsIndex(db: Kysely<unknown>, table: 'organizations' | 'contacts'): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create index ${sql.raw(`${table}_tags_idx`)} on ${sql.table(table)} using gin ((tags::jsonb))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['lifecycle_transitions', 'contact_points', 'contact_organizations', 'contacts', 'organizations']) {
    await db.schema.dropTable(table).execute();
  }
}
