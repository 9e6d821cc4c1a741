import type { Kysely } from 'kysely';
import { types, withAuditColumns } from './helpers.js';

/** Approval policies, requests and steps (sales issue). */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);

  // One policy per role: what a rep of that role may do without approval, and who approves last.
  await db.schema
    .createTable('approval_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('role_id', 'text', (c) => c.notNull().unique().references('roles.id'))
    // Decimal text percent, e.g. "10.5"; null: quote discounts never need approval.
    .addColumn('max_discount_percent', 'text')
    // Contracts above this amount (minor units, in `currency`) need approval; null: never.
    .addColumn('contract_threshold_minor', 'bigint')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('final_role_id', 'text', (c) => c.notNull().references('roles.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // Teams carry no manager of their own; the approval chain needs one per team.
  await db.schema
    .createTable('team_managers')
    .addColumn('team_id', 'text', (c) => c.primaryKey().references('teams.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await withAuditColumns(
    db,
    db.schema
      .createTable('approval_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('subject_type', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      // discount | amount
      .addColumn('reason', 'text', (c) => c.notNull())
      // pending | approved | rejected
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('submitted_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('team_id', 'text', (c) => c.references('teams.id'))
      .addColumn('amount_minor', 'bigint')
      .addColumn('currency', 'text')
      .addColumn('discount_percent', 'text')
      .addColumn('decided_at', t.timestamp),
  ).execute();
  for (const [name, cols] of [
    ['approval_request_subject_idx', ['subject_type', 'subject_id', 'created_at']],
    ['approval_request_submitter_idx', ['submitted_by', 'created_at', 'id']],
    ['approval_request_status_idx', ['status', 'created_at', 'id']],
    ['approval_request_created_idx', ['created_at', 'id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('approval_requests')
      .columns([...cols])
      .execute();
  }

  await db.schema
    .createTable('approval_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('approval_requests.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    // manager | role
    .addColumn('kind', 'text', (c) => c.notNull())
    // The manager who must act (manager steps); for role steps any user of role_id may.
    .addColumn('approver_id', 'text', (c) => c.references('users.id'))
    .addColumn('role_id', 'text', (c) => c.references('roles.id'))
    // waiting (a later step) | pending (to act on now) | approved | rejected | skipped (after a rejection)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('acted_by', 'text', (c) => c.references('users.id'))
    .addColumn('acted_at', t.timestamp)
    .addColumn('comment', 'text')
    .execute();
  await db.schema.createIndex('approval_step_request_idx').on('approval_steps').columns(['request_id', 'seq']).unique().execute();
  // The inbox: pending steps of one approver, or of one role.
  await db.schema.createIndex('approval_step_approver_idx').on('approval_steps').columns(['approver_id', 'status']).execute();
  await db.schema.createIndex('approval_step_role_idx').on('approval_steps').columns(['role_id', 'status']).execute();
  await db.schema.createIndex('approval_step_actor_idx').on('approval_steps').columns(['acted_by', 'acted_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['approval_steps', 'approval_requests', 'team_managers', 'approval_policies']) await db.schema.dropTable(table).execute();
}
