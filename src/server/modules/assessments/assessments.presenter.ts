import type { Assessment, Dimension } from '../../../shared/schemas/assessments.js';
import type { AssessmentDimensionRow, AssessmentScoreRow, RelationshipAssessmentRow } from './assessments.tables.js';

export function presentDimension(row: AssessmentDimensionRow): Dimension {
  return {
    id: row.id,
    key: row.key,
    nameEn: row.nameEn,
    nameZh: row.nameZh,
    descriptionEn: row.descriptionEn,
    descriptionZh: row.descriptionZh,
    sortOrder: row.sortOrder,
    active: row.active === 1,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export function auditableDimension(row: AssessmentDimensionRow) {
  const { createdAt: _c, updatedAt: _u, version: _v, ...rest } = row;
  return rest;
}

/** Mean score to two decimals (a display figure, not money). */
export function averageOf(scores: { score: number }[]): number {
  if (scores.length === 0) return 0;
  const sum = scores.reduce((s, x) => s + x.score, 0);
  return Math.round((sum * 100) / scores.length) / 100;
}

export interface AssessmentContext {
  dimensions: Map<string, AssessmentDimensionRow>;
  scores: Map<string, AssessmentScoreRow[]>;
  organizations: Map<string, string>;
  users: Map<string, string>;
  latestIds: Set<string>;
  actorId: string;
}

/** Scores in dimension order (sort order, then id), so radar axes line up between assessments. */
export function orderedScores(scores: AssessmentScoreRow[], dimensions: Map<string, AssessmentDimensionRow>) {
  return scores
    .map((s) => ({ s, d: dimensions.get(s.dimensionId) }))
    .sort((a, b) => (a.d?.sortOrder ?? 0) - (b.d?.sortOrder ?? 0) || a.s.dimensionId.localeCompare(b.s.dimensionId));
}

export function presentAssessment(row: RelationshipAssessmentRow, c: AssessmentContext): Assessment {
  const scores = orderedScores(c.scores.get(row.id) ?? [], c.dimensions);
  const isLatest = c.latestIds.has(row.id);
  return {
    id: row.id,
    organizationId: row.organizationId,
    organizationName: c.organizations.get(row.organizationId) ?? null,
    assessedOn: row.assessedOn,
    assessorId: row.assessorId,
    assessorName: c.users.get(row.assessorId) ?? null,
    scaleMax: row.scaleMax,
    notes: row.notes,
    scores: scores.map(({ s, d }) => ({
      dimensionId: s.dimensionId,
      dimensionKey: d?.key ?? '',
      nameEn: d?.nameEn ?? '',
      nameZh: d?.nameZh ?? '',
      score: s.score,
      comment: s.comment,
    })),
    average: averageOf(scores.map((x) => x.s)),
    isLatest,
    canEdit: isLatest && row.assessorId === c.actorId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

/** What the audit log keeps of an assessment: the scores by dimension key, readable without joins. */
export function auditableAssessment(row: RelationshipAssessmentRow, scores: AssessmentScoreRow[], dimensions: Map<string, AssessmentDimensionRow>) {
  return {
    organizationId: row.organizationId,
    assessedOn: row.assessedOn,
    assessorId: row.assessorId,
    scaleMax: row.scaleMax,
    notes: row.notes,
    scores: Object.fromEntries(
      orderedScores(scores, dimensions).map(({ s, d }) => [d?.key ?? s.dimensionId, s.comment ? `${s.score} (${s.comment})` : s.score]),
    ),
  };
}
