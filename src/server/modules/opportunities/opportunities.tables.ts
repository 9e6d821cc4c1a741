import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = string;

interface Audited {
  createdAt: Timestamp;
  updatedAt: Timestamp;
  createdBy: string | null;
  version: ColumnType<number, number | undefined, number>;
  deletedAt: Timestamp | null;
  deletedBy: string | null;
}

/** bigint minor units: better-sqlite3 returns numbers, pg returns strings (money.ts toMinorNumber). */
type Minor = ColumnType<number | string, number, number>;

export interface PipelinesTable extends Audited {
  id: string;
  name: string;
  /** Chinese name shown by the zh-CN interface when set. */
  nameZh: string | null;
  /** 0/1 */
  isDefault: number;
  sortOrder: number;
}

export interface PipelineStagesTable extends Audited {
  id: string;
  pipelineId: string;
  name: string;
  nameZh: string | null;
  sortOrder: number;
  /** 0–100 */
  probability: number;
  /** open | won | lost */
  kind: string;
}

export interface OpportunitiesTable extends Audited {
  id: string;
  name: string;
  organizationId: string;
  pipelineId: string;
  stageId: string;
  /** open | won | lost, following the kind of the stage */
  status: string;
  amountMinor: Minor;
  currency: string;
  probability: number;
  /** YYYY-MM-DD */
  expectedCloseDate: string | null;
  closedAt: Timestamp | null;
  closeReason: string | null;
  closeNote: string | null;
  nextStep: string | null;
  description: string | null;
  leadId: string | null;
  source: string | null;
  stageEnteredAt: Timestamp;
  ownerId: string | null;
  teamId: string | null;
}

export interface OpportunityContactsTable {
  opportunityId: string;
  contactId: string;
  buyingRole: string;
  createdAt: Timestamp;
}

export interface OpportunityStageHistoryTable {
  id: string;
  opportunityId: string;
  stageId: string;
  enteredAt: Timestamp;
  leftAt: Timestamp | null;
  movedBy: string | null;
}

export interface OpportunityCompetitorsTable {
  id: string;
  opportunityId: string;
  name: string;
  strengths: string | null;
  weaknesses: string | null;
  createdAt: Timestamp;
}

export type PipelineRow = Selectable<PipelinesTable>;
export type PipelineStageRow = Selectable<PipelineStagesTable>;
export type NewPipelineStage = Insertable<PipelineStagesTable>;
export type OpportunityRow = Selectable<OpportunitiesTable>;
export type NewOpportunity = Insertable<OpportunitiesTable>;
export type OpportunityUpdateRow = Updateable<OpportunitiesTable>;
export type OpportunityContactRow = Selectable<OpportunityContactsTable>;
export type OpportunityStageHistoryRow = Selectable<OpportunityStageHistoryTable>;
export type OpportunityCompetitorRow = Selectable<OpportunityCompetitorsTable>;
