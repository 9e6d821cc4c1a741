import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types, camelCase through Kysely's CamelCasePlugin (columns are snake_case in SQL).
 * Timestamps are ISO-8601 UTC strings in both dialects (see connection.ts), JSON columns are text.
 */
type Timestamp = string;

interface Audited {
  createdAt: Timestamp;
  updatedAt: Timestamp;
  createdBy: string | null;
  version: ColumnType<number, number | undefined, number>;
  deletedAt: Timestamp | null;
  deletedBy: string | null;
}

export interface TeamsTable extends Audited {
  id: string;
  name: string;
  parentId: string | null;
  /** Materialised path "/rootId/…/id/": a subtree is `path LIKE prefix || '%'`. */
  path: string;
}

export interface RolesTable extends Audited {
  id: string;
  name: string;
  description: string | null;
  /** Set for the built-in roles, which cannot be deleted. */
  builtinKey: string | null;
  /** JSON: Record<module, {actions: Action[], scope: Scope}> */
  permissions: string;
}

export interface UsersTable extends Audited {
  id: string;
  email: string;
  name: string;
  locale: string;
  teamId: string | null;
  roleId: string;
  passwordHash: string;
  deactivatedAt: Timestamp | null;
  lastLoginAt: Timestamp | null;
}

export interface SessionsTable {
  id: string;
  userId: string;
  tokenHash: string;
  csrfToken: string;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
  revokedAt: Timestamp | null;
  ip: string | null;
  userAgent: string | null;
}

export interface ApiTokensTable {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  /** First characters of the token, so a user can tell their tokens apart. */
  tokenPrefix: string;
  createdAt: Timestamp;
  lastUsedAt: Timestamp | null;
  expiresAt: Timestamp | null;
  revokedAt: Timestamp | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  windowStart: Timestamp;
  lockedUntil: Timestamp | null;
}

export interface AuditLogTable {
  id: string;
  at: Timestamp;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** JSON: Record<field, {before, after}> or null */
  changes: string | null;
  /** JSON: free-form context (e.g. the e-mail of a failed login, export row count) */
  meta: string | null;
  ip: string | null;
}

export interface JobsTable {
  id: string;
  name: string;
  payload: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  runAt: Timestamp;
  attempts: Generated<number>;
  maxAttempts: number;
  lockedBy: string | null;
  lockedUntil: Timestamp | null;
  lastError: string | null;
  createdAt: Timestamp;
  finishedAt: Timestamp | null;
}

export interface JobSchedulesTable {
  name: string;
  cron: string;
  jobName: string;
  payload: string;
  nextRunAt: Timestamp;
  updatedAt: Timestamp;
}

export interface Database {
  teams: TeamsTable;
  roles: RolesTable;
  users: UsersTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  loginThrottle: LoginThrottleTable;
  auditLog: AuditLogTable;
  jobs: JobsTable;
  jobSchedules: JobSchedulesTable;
}

export type TeamRow = Selectable<TeamsTable>;
export type RoleRow = Selectable<RolesTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type JobRow = Selectable<JobsTable>;
