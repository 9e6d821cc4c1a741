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
  /** When the current owner's hold began (set whenever the owner is written); null in the pool (migration 0008). */
  ownedSince: OptionalTimestamp;
  /** The last won deal: the sales module's seam for the pool's "no deal in M days" rule; nothing writes it yet. */
  lastDealAt: OptionalTimestamp;
  /** When the owner was last warned of a return to the pool. */
  poolWarnedAt: OptionalTimestamp;
  /** When it entered the pool (written with the owner; null while owned; migration 0012). */
  pooledAt: OptionalTimestamp;
}

/** A nullable timestamp that inserts may leave out. */
type OptionalTimestamp = ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;

/** One key of the global search index per row (migration 0010; keys described in platform/search/tokens.ts). */
export interface SearchTokensTable {
  type: string;
  recordId: string;
  token: string;
}

/** The records a user opened lately (migration 0010), boosted in search and offered by the empty search box. */
export interface RecentViewsTable {
  userId: string;
  type: string;
  recordId: string;
  viewedAt: Timestamp;
}

/** Claims, releases, assignments, warnings and automatic returns of the customer pool (migration 0008). */
export interface PoolEventsTable {
  id: string;
  organizationId: string;
  /** claim | release | assign | warning | auto_return */
  kind: string;
  actorId: string | null;
  fromOwnerId: string | null;
  toOwnerId: string | null;
  teamId: string | null;
  reason: string | null;
  at: Timestamp;
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

/** A to-do with an assignee (its owner for scope), reminder and recurrence (migration 0007). */
export interface TasksTable extends Audited {
  id: string;
  title: string;
  notes: string | null;
  dueAt: Timestamp | null;
  /** due_at, or far in the future when there is none: the non-null sort key of lists. */
  dueSort: Timestamp;
  /** 0 or 1; an all-day task's due_at is the start of its day where it was set. */
  allDay: number;
  remindAt: Timestamp | null;
  /** Set when the reminder was claimed for sending; it fires once. */
  remindedAt: Timestamp | null;
  assigneeId: string;
  /** The assignee's team at assignment (like organizations' owner team). */
  teamId: string | null;
  /** low | normal | high | urgent */
  priority: string;
  /** open | in_progress | done | cancelled */
  status: string;
  completedAt: Timestamp | null;
  /** RRULE body, e.g. FREQ=WEEKLY;INTERVAL=2 */
  recurrence: string | null;
  /** The next occurrence created when this one was completed. */
  nextId: string | null;
  /** organizations | contacts */
  entityType: string | null;
  entityId: string | null;
  /** What raised the task when not a person, e.g. rule:no_contact */
  source: string | null;
}

export interface NotificationsTable {
  id: string;
  userId: string;
  kind: string;
  title: string;
  body: string | null;
  /** A path inside the web app, e.g. /tasks?open=… */
  link: string | null;
  readAt: Timestamp | null;
  createdAt: Timestamp;
}

/** Per-user ICS feed secret (hash only). */
export interface CalendarFeedsTable {
  userId: string;
  tokenHash: string;
  timeZone: string;
  createdAt: Timestamp;
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

/** An import of a CSV or XLSX file (migration 0011); counts and cursor move with each committed batch. */
export interface ImportsTable {
  id: string;
  entity: string;
  status: 'uploaded' | 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: string;
  sizeBytes: number;
  /** JSON: string[] */
  headers: string;
  /** JSON: Record<column index, field key> */
  mapping: string | null;
  duplicateMode: 'skip' | 'update' | 'create' | null;
  totalRows: number | null;
  cursor: Generated<number>;
  rowsCreated: Generated<number>;
  rowsUpdated: Generated<number>;
  rowsSkipped: Generated<number>;
  rowsFailed: Generated<number>;
  cancelRequested: Generated<number>;
  jobId: string | null;
  error: string | null;
  createdBy: string;
  teamId: string | null;
  createdAt: Timestamp;
  startedAt: Timestamp | null;
  finishedAt: Timestamp | null;
}

export interface ImportChunksTable {
  importId: string;
  seq: number;
  data: Buffer;
}

export interface ImportErrorsTable {
  importId: string;
  row: number;
  seq: number;
  column: string | null;
  reason: string;
}

import type { ApprovalPoliciesTable, ApprovalRequestsTable, ApprovalStepsTable, TeamManagersTable } from '../modules/approvals/approvals.tables.js';
import type { AccountArchivesTable, AttachmentsTable, SupplierArchivesTable } from '../modules/archives/archives.tables.js';
import type { AssessmentDimensionsTable, AssessmentScoresTable, RelationshipAssessmentsTable } from '../modules/assessments/assessments.tables.js';
import type {
  AccountDepartmentsTable,
  AccountRelationsTable,
  ChainEdgesTable,
  ChainPeopleTable,
  DecisionChainsTable,
} from '../modules/decision-chain/decision-chain.tables.js';
import type {
  ExpansionCardItemsTable,
  ExpansionCardKeyDatesTable,
  ExpansionCardReviewsTable,
  ExpansionCardsTable,
} from '../modules/expansion-cards/expansion-cards.tables.js';
import type { LeadAssignmentRulesTable, LeadsTable } from '../modules/leads/leads.tables.js';
import type {
  OpportunitiesTable,
  OpportunityCompetitorsTable,
  OpportunityContactsTable,
  OpportunityStageHistoryTable,
  PipelineStagesTable,
  PipelinesTable,
} from '../modules/opportunities/opportunities.tables.js';
import type {
  InstallmentsTable,
  OrderLinesTable,
  OrderNumberCountersTable,
  OrdersTable,
  PaymentAllocationsTable,
  PaymentsTable,
} from '../modules/orders/orders.tables.js';
import type {
  PriceListItemsTable,
  PriceListsTable,
  ProductsTable,
  QuoteLinesTable,
  QuoteNumberCountersTable,
  QuotesTable,
} from '../modules/quotes/quotes.tables.js';
import type { PlanLinksTable, PlanTargetsTable, RelationshipPlansTable } from '../modules/relationship-plans/relationship-plans.tables.js';
import type { TargetsTable } from '../modules/targets/targets.tables.js';
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
  tasks: TasksTable;
  notifications: NotificationsTable;
  calendarFeeds: CalendarFeedsTable;
  poolEvents: PoolEventsTable;
  searchTokens: SearchTokensTable;
  recentViews: RecentViewsTable;
  fieldGroups: FieldGroupsTable;
  customFields: CustomFieldsTable;
  savedViews: SavedViewsTable;
  imports: ImportsTable;
  importChunks: ImportChunksTable;
  importErrors: ImportErrorsTable;
  leads: LeadsTable;
  leadAssignmentRules: LeadAssignmentRulesTable;
  approvalPolicies: ApprovalPoliciesTable;
  teamManagers: TeamManagersTable;
  approvalRequests: ApprovalRequestsTable;
  approvalSteps: ApprovalStepsTable;
  pipelines: PipelinesTable;
  pipelineStages: PipelineStagesTable;
  opportunities: OpportunitiesTable;
  opportunityContacts: OpportunityContactsTable;
  opportunityStageHistory: OpportunityStageHistoryTable;
  opportunityCompetitors: OpportunityCompetitorsTable;
  products: ProductsTable;
  priceLists: PriceListsTable;
  priceListItems: PriceListItemsTable;
  quotes: QuotesTable;
  quoteLines: QuoteLinesTable;
  quoteNumberCounters: QuoteNumberCountersTable;
  orders: OrdersTable;
  orderNumberCounters: OrderNumberCountersTable;
  orderLines: OrderLinesTable;
  installments: InstallmentsTable;
  payments: PaymentsTable;
  paymentAllocations: PaymentAllocationsTable;
  targets: TargetsTable;
  decisionChains: DecisionChainsTable;
  accountDepartments: AccountDepartmentsTable;
  chainPeople: ChainPeopleTable;
  chainEdges: ChainEdgesTable;
  accountRelations: AccountRelationsTable;
  assessmentDimensions: AssessmentDimensionsTable;
  relationshipAssessments: RelationshipAssessmentsTable;
  assessmentScores: AssessmentScoresTable;
  relationshipPlans: RelationshipPlansTable;
  planTargets: PlanTargetsTable;
  planLinks: PlanLinksTable;
  expansionCards: ExpansionCardsTable;
  expansionCardKeyDates: ExpansionCardKeyDatesTable;
  expansionCardItems: ExpansionCardItemsTable;
  expansionCardReviews: ExpansionCardReviewsTable;
  accountArchives: AccountArchivesTable;
  supplierArchives: SupplierArchivesTable;
  attachments: AttachmentsTable;
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
export type TaskRow = Selectable<TasksTable>;
export type NewTask = Insertable<TasksTable>;
export type TaskUpdateRow = Updateable<TasksTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type PoolEventRow = Selectable<PoolEventsTable>;
export type ImportRow = Selectable<ImportsTable>;
