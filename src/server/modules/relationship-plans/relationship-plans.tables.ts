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

/** An account's relationship plan for one year (客户关系规划四步法). */
export interface RelationshipPlansTable extends Audited {
  id: string;
  organizationId: string;
  year: number;
  /** Step 1: market goals, free text beside the linked opportunities. */
  marketGoals: string | null;
  /** Step 2: the assessment the plan starts from. */
  assessmentId: string | null;
  ownerId: string;
  notes: string | null;
}

/** Step 3: move one person of the decision chain from one support level to another by a date. */
export interface PlanTargetsTable {
  id: string;
  planId: string;
  chainPersonId: string;
  /** supporter | neutral | opponent */
  fromSupport: string;
  toSupport: string;
  /** YYYY-MM-DD */
  dueOn: string | null;
  measures: string | null;
  ownerId: string | null;
  /** not_started | in_progress | achieved | missed */
  status: string;
  sortOrder: number;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** Steps 1 and 4: opportunities, activities and tasks the plan relies on. */
export interface PlanLinksTable {
  planId: string;
  /** opportunity | activity | task */
  kind: string;
  targetId: string;
  createdAt: Timestamp;
}

export type RelationshipPlanRow = Selectable<RelationshipPlansTable>;
export type NewRelationshipPlan = Insertable<RelationshipPlansTable>;
export type RelationshipPlanUpdateRow = Updateable<RelationshipPlansTable>;
export type PlanTargetRow = Selectable<PlanTargetsTable>;
export type NewPlanTarget = Insertable<PlanTargetsTable>;
export type PlanLinkRow = Selectable<PlanLinksTable>;
