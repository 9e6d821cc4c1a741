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

/** One axis of the relationship assessment (migration 0020 seeds the six of the reference). */
export interface AssessmentDimensionsTable extends Audited {
  id: string;
  /** Stable machine name, e.g. decision_chain_coverage. */
  key: string;
  nameEn: string;
  nameZh: string;
  descriptionEn: string | null;
  descriptionZh: string | null;
  sortOrder: number;
  /** 0 or 1: inactive dimensions stay on old assessments but are not scored any more. */
  active: number;
}

/** One scoring of an account's relationship on a day. */
export interface RelationshipAssessmentsTable extends Audited {
  id: string;
  organizationId: string;
  /** YYYY-MM-DD */
  assessedOn: string;
  assessorId: string;
  /** The scale's top when it was scored (scores run 1…scaleMax). */
  scaleMax: number;
  notes: string | null;
}

export interface AssessmentScoresTable {
  assessmentId: string;
  dimensionId: string;
  score: number;
  comment: string | null;
}

export type AssessmentDimensionRow = Selectable<AssessmentDimensionsTable>;
export type NewAssessmentDimension = Insertable<AssessmentDimensionsTable>;
export type AssessmentDimensionUpdateRow = Updateable<AssessmentDimensionsTable>;
export type RelationshipAssessmentRow = Selectable<RelationshipAssessmentsTable>;
export type NewRelationshipAssessment = Insertable<RelationshipAssessmentsTable>;
export type RelationshipAssessmentUpdateRow = Updateable<RelationshipAssessmentsTable>;
export type AssessmentScoreRow = Selectable<AssessmentScoresTable>;
