import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = string;

/** A lead (线索): a person and company not yet qualified into a customer (migration 0013). */
export interface LeadsTable {
  id: string;
  name: string;
  company: string | null;
  title: string | null;
  phone: string | null;
  email: string | null;
  /** trade_show | website | referral | telemarketing | advertising | other */
  source: string;
  /** new | contacted | qualified | unqualified | converted */
  status: string;
  qualificationNotes: string | null;
  provinceCode: string | null;
  cityCode: string | null;
  industry: string | null;
  ownerId: string | null;
  /** The owner's team at assignment (like organizations). */
  teamId: string | null;
  convertedAt: Timestamp | null;
  convertedOrganizationId: string | null;
  convertedContactId: string | null;
  convertedOpportunityId: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  createdBy: string | null;
  version: ColumnType<number, number | undefined, number>;
  deletedAt: Timestamp | null;
  deletedBy: string | null;
}

export interface LeadAssignmentRulesTable {
  id: string;
  name: string;
  position: number;
  provinceCode: string | null;
  teamId: string | null;
  userId: string | null;
  /** 0 or 1 */
  active: number;
  /** Leads handed out by this rule so far; the round robin's state. */
  turns: ColumnType<number, number | undefined, number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  createdBy: string | null;
  version: ColumnType<number, number | undefined, number>;
}

export type LeadRow = Selectable<LeadsTable>;
export type NewLead = Insertable<LeadsTable>;
export type LeadUpdateRow = Updateable<LeadsTable>;
export type LeadRuleRow = Selectable<LeadAssignmentRulesTable>;
