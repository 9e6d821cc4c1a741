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

/**
 * Custom-field values: jsonb on PostgreSQL, text on SQLite; written and read as a JSON string on both
 * (connection.ts keeps node-pg from parsing jsonb); read through `parseCustomColumn`.
 */
type CustomColumn = ColumnType<string | Record<string, unknown>, string, string>;

/** Columns organizations and contacts share. JSON arrays (tags, phones, emails) are text. */
interface PartyColumns extends Audited {
  id: string;
  name: string;
  /** Normalised name for duplicate checks (see modules/customers/name-key.ts). */
  nameKey: string;
  ownerId: string | null;
  /** The owner's team when the owner was assigned; for the shared pool (no owner), the pool's team. */
  teamId: string | null;
  tier: string | null;
  source: string | null;
  country: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  address: string | null;
  /** JSON: string[] */
  tags: string;
  /** JSON: {label?, number}[] as entered; E.164 forms are in contact_points. */
  phones: string;
  /** JSON: {label?, address}[] */
  emails: string;
  notes: string | null;
  custom: CustomColumn;
  lastActivityAt: Timestamp | null;
}

export interface OrganizationsTable extends PartyColumns {
  partyType: string;
  lifecycleStatus: string;
  industry: string | null;
  size: string | null;
  website: string | null;
  /** Unified social credit code, upper case, check character verified. */
  uscc: string | null;
}

export type ContactsTable = PartyColumns;

export interface ContactOrganizationsTable {
  contactId: string;
  organizationId: string;
  title: string | null;
  department: string | null;
  /** 0 for the main organization, then in the order the user listed them. */
  position: number;
  createdAt: Timestamp;
}

export interface ContactPointsTable {
  entityType: 'organizations' | 'contacts';
  entityId: string;
  kind: 'phone' | 'email';
  /** E.164 for phones, lower case for e-mails. */
  value: string;
}

export interface LifecycleTransitionsTable {
  id: string;
  organizationId: string;
  fromStatus: string | null;
  toStatus: string;
  reason: string | null;
  actorId: string | null;
  at: Timestamp;
}

export interface SettingsTable {
  key: string;
  /** JSON */
  value: string;
  updatedAt: Timestamp;
  updatedBy: string | null;
  version: ColumnType<number, number | undefined, number>;
}

export interface ActivitiesTable extends Audited {
  id: string;
  /** call | meeting | visit | email | note */
  kind: string;
  subject: string;
  /** Notes or outcome. */
  body: string | null;
  /** When it happened; for meetings and visits the start. */
  occurredAt: Timestamp;
  endsAt: Timestamp | null;
  location: string | null;
  organizationId: string | null;
  /** Who did it or is responsible. */
  ownerId: string;
  /** The owner's team when the owner was assigned (like organizations). */
  teamId: string | null;
}

export interface ActivityContactsTable {
  activityId: string;
  contactId: string;
}

/** A section of custom fields on a record type's form and detail page (migration 0004). */
export interface FieldGroupsTable extends Audited {
  id: string;
  entity: string;
  labelEn: string;
  labelZh: string;
  position: number;
}

/** An admin-defined field; its values are in the records' `custom` JSON under `key`. */
export interface CustomFieldsTable extends Audited {
  id: string;
  entity: string;
  key: string;
  labelEn: string;
  labelZh: string;
  type: string;
  /** JSON: {value, label: {en, 'zh-CN'}}[] (select / multiSelect) */
  options: string;
  /** 0 or 1 */
  required: number;
  groupId: string | null;
  position: number;
  /** 0 or 1 */
  showInList: number;
}

/** A saved list view (migration 0005): personal to its owner, or shared with everyone who reads the entity. */
export interface SavedViewsTable extends Audited {
  id: string;
  /** organizations | contacts */
  entity: string;
  name: string;
  /** 0 or 1 */
  shared: number;
  ownerId: string;
  /** JSON: ViewConfig (columns, filters, sort, q) */
  config: string;
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
  organizations: OrganizationsTable;
  contacts: ContactsTable;
  contactOrganizations: ContactOrganizationsTable;
  contactPoints: ContactPointsTable;
  lifecycleTransitions: LifecycleTransitionsTable;
  activities: ActivitiesTable;
  activityContacts: ActivityContactsTable;
  settings: SettingsTable;
  fieldGroups: FieldGroupsTable;
  customFields: CustomFieldsTable;
  savedViews: SavedViewsTable;
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
export type OrganizationRow = Selectable<OrganizationsTable>;
export type NewOrganization = Insertable<OrganizationsTable>;
export type OrganizationUpdateRow = Updateable<OrganizationsTable>;
export type ContactRow = Selectable<ContactsTable>;
export type NewContact = Insertable<ContactsTable>;
export type ContactUpdateRow = Updateable<ContactsTable>;
export type ContactOrganizationRow = Selectable<ContactOrganizationsTable>;
export type LifecycleTransitionRow = Selectable<LifecycleTransitionsTable>;
export type FieldGroupRow = Selectable<FieldGroupsTable>;
export type CustomFieldRow = Selectable<CustomFieldsTable>;
export type SavedViewRow = Selectable<SavedViewsTable>;
export type ActivityRow = Selectable<ActivitiesTable>;
export type NewActivity = Insertable<ActivitiesTable>;
export type ActivityUpdateRow = Updateable<ActivitiesTable>;
