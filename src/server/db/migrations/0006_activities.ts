import type { Kysely } from 'kysely';
import { types, withAuditColumns } from './helpers.js';

/** Activities (calls, meetings, visits, e-mails, notes) and the contacts they involve (customers issue, tracking). */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);
  await withAuditColumns(
    db,
    db.schema
      .createTable('activities')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text')
      // For meetings and visits the start; for the rest when it happened.
      .addColumn('occurred_at', t.timestamp, (c) => c.notNull())
      .addColumn('ends_at', t.timestamp)
      .addColumn('location', 'text')
      .addColumn('organization_id', 'text', (c) => c.references('organizations.id'))
      // Deals come later as a nullable link of their own (see docs/DECISIONS.md).
      .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('team_id', 'text', (c) => c.references('teams.id')),
  ).execute();
  for (const [name, cols] of [
    // Every filter leads an index that ends in the default sort (occurred_at, id).
    ['activity_org_idx', ['organization_id', 'occurred_at', 'id']],
    ['activity_owner_idx', ['owner_id', 'occurred_at', 'id']],
    ['activity_team_idx', ['team_id', 'occurred_at', 'id']],
    ['activity_kind_idx', ['kind', 'occurred_at', 'id']],
    ['activity_occurred_idx', ['occurred_at', 'id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('activities')
      .columns([...cols])
      .execute();
  }

  await db.schema
    .createTable('activity_contacts')
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addPrimaryKeyConstraint('activity_contacts_pk', ['activity_id', 'contact_id'])
    .execute();
  await db.schema.createIndex('activity_contacts_contact_idx').on('activity_contacts').columns(['contact_id', 'activity_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('activity_contacts').execute();
  await db.schema.dropTable('activities').execute();
}
