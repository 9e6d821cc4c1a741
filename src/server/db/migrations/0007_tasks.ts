import { type Kysely, sql } from 'kysely';
import { types, withAuditColumns } from './helpers.js';

/** Tasks with reminders and recurrence, in-app notifications and per-user calendar feed tokens (customers issue, tracking). */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);

  await withAuditColumns(
    db,
    db.schema
      .createTable('tasks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('notes', 'text')
      .addColumn('due_at', t.timestamp)
      // due_at, or a far-future instant when there is none: lists sort and page by due date through
      // an index, and keyset cursors need a non-null value (tasks without a date come last).
      .addColumn('due_sort', t.timestamp, (c) => c.notNull())
      // 0/1: better-sqlite3 cannot bind booleans (see docs/DECISIONS.md).
      .addColumn('all_day', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('remind_at', t.timestamp)
      .addColumn('reminded_at', t.timestamp)
      .addColumn('assignee_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('team_id', 'text', (c) => c.references('teams.id'))
      .addColumn('priority', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('completed_at', t.timestamp)
      .addColumn('recurrence', 'text')
      // The occurrence created when this recurring task was completed; set once, so completing it again does not repeat it.
      .addColumn('next_id', 'text')
      .addColumn('entity_type', 'text')
      .addColumn('entity_id', 'text')
      .addColumn('source', 'text'),
  ).execute();
  for (const [name, cols] of [
    // Every list filter leads an index that ends in the default sort (due_sort, id).
    ['task_assignee_due_idx', ['assignee_id', 'status', 'due_sort', 'id']],
    // "My tasks" without a status filter: years of done tasks are read in due order, not sorted in memory.
    ['task_assignee_sort_idx', ['assignee_id', 'due_sort', 'id']],
    ['task_assignee_created_idx', ['assignee_id', 'created_at', 'id']],
    ['task_assignee_updated_idx', ['assignee_id', 'status', 'updated_at', 'id']],
    ['task_team_due_idx', ['team_id', 'status', 'due_sort', 'id']],
    ['task_status_due_idx', ['status', 'due_sort', 'id']],
    ['task_priority_due_idx', ['priority', 'due_sort', 'id']],
    ['task_entity_idx', ['entity_type', 'entity_id', 'status', 'due_sort', 'id']],
    ['task_due_idx', ['due_sort', 'id']],
    ['task_created_idx', ['created_at', 'id']],
    ['task_updated_idx', ['updated_at', 'id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('tasks')
      .columns([...cols])
      .execute();
  }
  // The reminder scan reads only reminders still to send; both databases support partial indexes.
  await db.schema.createIndex('task_remind_idx').on('tasks').column('remind_at').where(sql.ref('reminded_at'), 'is', null).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('link', 'text')
    .addColumn('read_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  // Unread first (read_at is null, newest id first), then everything newest first.
  await db.schema.createIndex('notification_user_read_idx').on('notifications').columns(['user_id', 'read_at', 'id']).execute();
  await db.schema.createIndex('notification_user_idx').on('notifications').columns(['user_id', 'id']).execute();

  // One ICS feed secret per user; only its hash is stored, as for sessions and API tokens.
  await db.schema
    .createTable('calendar_feeds')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    // IANA zone of the browser that made the token: all-day tasks are dates in that zone.
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['calendar_feeds', 'notifications', 'tasks']) {
    await db.schema.dropTable(table).execute();
  }
}
