import { type Plan, type PlanSummary, SUPPORT_RANK, type Target } from '../../../shared/schemas/relationship-plans.js';
import type { AssessmentRef } from '../assessments/assessments.service.js';
import type { ChainPerson } from '../decision-chain/decision-chain.service.js';
import type { LinkView } from './plan-links.js';
import type { PlanLinkRow, PlanTargetRow, RelationshipPlanRow } from './relationship-plans.tables.js';

type Support = keyof typeof SUPPORT_RANK;
const CLOSED = new Set(['achieved', 'missed']);

/** Monitoring: where the person stands in the chain today against the target. */
export function presentTarget(row: PlanTargetRow, people: Map<string, ChainPerson>, users: Map<string, string>, today: string): Target {
  const person = people.get(row.chainPersonId);
  const current = (person?.support ?? null) as Support | null;
  return {
    id: row.id,
    chainPersonId: row.chainPersonId,
    personName: person?.contactName ?? null,
    personTitle: person?.title ?? null,
    currentSupport: current,
    fromSupport: row.fromSupport as Support,
    toSupport: row.toSupport as Support,
    dueOn: row.dueOn,
    measures: row.measures,
    ownerId: row.ownerId,
    ownerName: row.ownerId ? (users.get(row.ownerId) ?? null) : null,
    status: row.status as Target['status'],
    reached: current !== null && SUPPORT_RANK[current] >= SUPPORT_RANK[row.toSupport as Support],
    overdue: !!row.dueOn && row.dueOn < today && !CLOSED.has(row.status),
  };
}

export interface PlanParts {
  organizationName: string | null;
  ownerName: string | null;
  assessment: AssessmentRef | null;
  latestAssessment: AssessmentRef | null;
  links: Record<'opportunity' | 'activity' | 'task', LinkView[]>;
  targets: Target[];
}

const link = ({ id, title, status, date }: LinkView) => ({ id, title, status, date });

export function presentPlan(row: RelationshipPlanRow, p: PlanParts): Plan {
  const count = (s: Target['status']) => p.targets.filter((t) => t.status === s).length;
  return {
    id: row.id,
    organizationId: row.organizationId,
    organizationName: p.organizationName,
    year: row.year,
    marketGoals: row.marketGoals,
    notes: row.notes,
    ownerId: row.ownerId,
    ownerName: p.ownerName,
    assessment: p.assessment,
    latestAssessment: p.latestAssessment,
    opportunities: p.links.opportunity.map(link),
    activities: p.links.activity.map(link),
    tasks: p.links.task.map(link),
    targets: p.targets,
    progress: {
      total: p.targets.length,
      achieved: count('achieved'),
      inProgress: count('in_progress'),
      notStarted: count('not_started'),
      missed: count('missed'),
      reached: p.targets.filter((t) => t.reached).length,
    },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export function presentPlanSummary(
  row: RelationshipPlanRow & { organizationName: string | null },
  targets: PlanTargetRow[],
  users: Map<string, string>,
): PlanSummary {
  return {
    id: row.id,
    organizationId: row.organizationId,
    organizationName: row.organizationName,
    year: row.year,
    ownerId: row.ownerId,
    ownerName: users.get(row.ownerId) ?? null,
    targetCount: targets.length,
    achievedCount: targets.filter((t) => t.status === 'achieved').length,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

/** What the audit log keeps of a plan: its fields, targets in words and linked ids. */
export function auditablePlan(row: RelationshipPlanRow, targets: PlanTargetRow[], links: PlanLinkRow[]) {
  const ids = (kind: string) =>
    links
      .filter((l) => l.kind === kind)
      .map((l) => l.targetId)
      .sort();
  return {
    organizationId: row.organizationId,
    year: row.year,
    marketGoals: row.marketGoals,
    notes: row.notes,
    ownerId: row.ownerId,
    assessmentId: row.assessmentId,
    targets: targets.map((t) => `${t.chainPersonId}: ${t.fromSupport}→${t.toSupport} by ${t.dueOn ?? '-'} [${t.status}]${t.measures ? ` ${t.measures}` : ''}`),
    opportunityIds: ids('opportunity'),
    activityIds: ids('activity'),
    taskIds: ids('task'),
  };
}
