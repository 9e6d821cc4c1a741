import type { ColumnType, Insertable, Selectable } from 'kysely';

type Timestamp = string;
/** bigint: a number from better-sqlite3, a string from pg (read through toMinorNumber). */
type Minor = ColumnType<number | string, number, number>;

export interface ApprovalPoliciesTable {
  id: string;
  roleId: string;
  maxDiscountPercent: string | null;
  contractThresholdMinor: ColumnType<number | string | null, number | null, number | null>;
  currency: string;
  finalRoleId: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  createdBy: string | null;
  version: ColumnType<number, number | undefined, number>;
}

/** The manager of a team: the first approvers of its members' requests (migration 0016). */
export interface TeamManagersTable {
  teamId: string;
  userId: string;
  updatedAt: Timestamp;
  updatedBy: string | null;
}

export interface ApprovalRequestsTable {
  id: string;
  subjectType: string;
  subjectId: string;
  reason: string;
  status: string;
  submittedBy: string;
  teamId: string | null;
  amountMinor: ColumnType<number | string | null, number | null, number | null>;
  currency: string | null;
  discountPercent: string | null;
  decidedAt: Timestamp | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  createdBy: string | null;
  version: ColumnType<number, number | undefined, number>;
  deletedAt: Timestamp | null;
  deletedBy: string | null;
}

export interface ApprovalStepsTable {
  id: string;
  requestId: string;
  seq: number;
  kind: string;
  approverId: string | null;
  roleId: string | null;
  status: string;
  actedBy: string | null;
  actedAt: Timestamp | null;
  comment: string | null;
}

export type ApprovalPolicyRow = Selectable<ApprovalPoliciesTable>;
export type NewApprovalPolicy = Insertable<ApprovalPoliciesTable>;
export type ApprovalRequestRow = Selectable<ApprovalRequestsTable>;
export type NewApprovalRequest = Insertable<ApprovalRequestsTable>;
export type ApprovalStepRow = Selectable<ApprovalStepsTable>;
export type NewApprovalStep = Insertable<ApprovalStepsTable>;
export type { Minor };
