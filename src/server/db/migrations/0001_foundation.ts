import { type Kysely, sql } from 'kysely';
import { types, withAuditColumns } from './helpers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = types(db);

  await withAuditColumns(
    db,
    db.schema
      .createTable('teams')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('parent_id', 'text', (c) => c.references('teams.id'))
      .addColumn('path', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('teams_path_idx').on('teams').column('path').execute();
  await db.schema.createIndex('teams_parent_idx').on('teams').column('parent_id').execute();
  await db.schema.createIndex('teams_name_idx').on('teams').columns(['name', 'id']).execute();

  await withAuditColumns(
    db,
    db.schema
      .createTable('roles')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('builtin_key', 'text', (c) => c.unique())
      .addColumn('permissions', t.json, (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('roles_name_idx').on('roles').columns(['name', 'id']).execute();

  await withAuditColumns(
    db,
    db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('team_id', 'text', (c) => c.references('teams.id'))
      .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id'))
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('deactivated_at', t.timestamp)
      .addColumn('last_login_at', t.timestamp),
  ).execute();
  // Unique among live users only: the address of a user in the recycle bin can be given to someone new.
  await db.schema.createIndex('users_email_live_idx').on('users').column('email').unique().where(sql.ref('deleted_at'), 'is', null).execute();
  await db.schema.createIndex('users_team_idx').on('users').columns(['team_id', 'id']).execute();
  await db.schema.createIndex('users_role_idx').on('users').column('role_id').execute();
  await db.schema.createIndex('users_name_idx').on('users').columns(['name', 'id']).execute();
  await db.schema.createIndex('users_created_idx').on('users').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('users_updated_idx').on('users').columns(['updated_at', 'id']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('revoked_at', t.timestamp)
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_used_at', t.timestamp)
    .addColumn('expires_at', t.timestamp)
    .addColumn('revoked_at', t.timestamp)
    .execute();
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').column('user_id').execute();

  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', t.timestamp, (c) => c.notNull())
    .addColumn('locked_until', t.timestamp)
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('changes', t.json)
    .addColumn('meta', t.json)
    .addColumn('ip', 'text')
    .execute();
  // UUIDv7 ids sort by time, so (…, id) orders the log newest-first without a separate at index.
  await db.schema.createIndex('audit_entity_idx').on('audit_log').columns(['entity_type', 'entity_id', 'id']).execute();
  await db.schema.createIndex('audit_actor_idx').on('audit_log').columns(['actor_id', 'id']).execute();
  await db.schema.createIndex('audit_action_idx').on('audit_log').columns(['action', 'id']).execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('payload', t.json, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('run_at', t.timestamp, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', t.timestamp)
    .addColumn('last_error', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('finished_at', t.timestamp)
    .execute();
  await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['status', 'run_at']).execute();

  await db.schema
    .createTable('job_schedules')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('cron', 'text', (c) => c.notNull())
    .addColumn('job_name', 'text', (c) => c.notNull())
    .addColumn('payload', t.json, (c) => c.notNull())
    .addColumn('next_run_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['job_schedules', 'jobs', 'audit_log', 'login_throttle', 'api_tokens', 'sessions', 'users', 'roles', 'teams']) {
    await db.schema.dropTable(table).execute();
  }
}
