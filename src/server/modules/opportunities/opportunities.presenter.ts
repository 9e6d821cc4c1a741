import Decimal from 'decimal.js';
import { fromMinor, toMinorNumber } from '../../../shared/money.js';
import type { Opportunity, OpportunityDetail, Pipeline, Stage } from '../../../shared/schemas/opportunities.js';
import type { OpportunityCompetitorRow, OpportunityContactRow, OpportunityRow, PipelineRow, PipelineStageRow } from './opportunities.tables.js';

/** Where the web app opens an opportunity. */
export const opportunityLink = (id: string) => `/opportunities/${id}`;

/** Σ amount_minor × probability (minor units × percent) → a decimal amount, rounded half-up once. */
export function weightedFromMinorPercent(minorTimesPercent: number | string): string {
  const minor = new Decimal(String(minorTimesPercent)).div(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  return fromMinor(minor.toFixed(0));
}

export function presentStage(row: PipelineStageRow): Stage {
  return { id: row.id, name: row.name, nameZh: row.nameZh, sortOrder: row.sortOrder, probability: row.probability, kind: row.kind as Stage['kind'] };
}

export function presentPipeline(row: PipelineRow, stages: PipelineStageRow[]): Pipeline {
  return {
    id: row.id,
    name: row.name,
    nameZh: row.nameZh,
    isDefault: row.isDefault === 1,
    sortOrder: row.sortOrder,
    stages: stages.filter((s) => s.pipelineId === row.id).map(presentStage),
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

/** Names a page of opportunities needs, looked up once per page. */
export interface OpportunityNames {
  organizations: Map<string, string>;
  users: Map<string, string>;
  stages: Map<string, PipelineStageRow>;
}

export function presentOpportunity(row: OpportunityRow, names: OpportunityNames): Opportunity {
  const minor = toMinorNumber(row.amountMinor);
  const stage = names.stages.get(row.stageId);
  return {
    id: row.id,
    name: row.name,
    organizationId: row.organizationId,
    organizationName: names.organizations.get(row.organizationId) ?? null,
    pipelineId: row.pipelineId,
    stageId: row.stageId,
    stageName: stage?.name ?? '',
    stageNameZh: stage?.nameZh ?? null,
    status: row.status as Opportunity['status'],
    amount: fromMinor(minor),
    currency: row.currency as Opportunity['currency'],
    probability: row.probability,
    weightedAmount: weightedFromMinorPercent(new Decimal(minor).times(row.probability).toFixed(0)),
    expectedCloseDate: row.expectedCloseDate,
    closedAt: row.closedAt,
    closeReason: row.closeReason as Opportunity['closeReason'],
    closeNote: row.closeNote,
    nextStep: row.nextStep,
    description: row.description,
    source: row.source,
    leadId: row.leadId,
    stageEnteredAt: row.stageEnteredAt,
    ownerId: row.ownerId,
    ownerName: row.ownerId ? (names.users.get(row.ownerId) ?? null) : null,
    teamId: row.teamId,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export function presentDetail(
  row: OpportunityRow,
  names: OpportunityNames,
  contacts: OpportunityContactRow[],
  contactNames: Map<string, string>,
  competitors: OpportunityCompetitorRow[],
): OpportunityDetail {
  return {
    ...presentOpportunity(row, names),
    contacts: contacts.map((c) => ({
      contactId: c.contactId,
      contactName: contactNames.get(c.contactId) ?? null,
      buyingRole: c.buyingRole as OpportunityDetail['contacts'][number]['buyingRole'],
    })),
    competitors: competitors.map((c) => ({ id: c.id, name: c.name, strengths: c.strengths, weaknesses: c.weaknesses })),
  };
}

/** What the audit log records of a deal: what a user sees and edits, not bookkeeping. */
export function auditableOpportunity(row: OpportunityRow): Record<string, unknown> {
  const { createdAt, updatedAt, version, deletedAt, deletedBy, createdBy, stageEnteredAt, amountMinor, ...rest } = row;
  return { ...rest, amount: fromMinor(toMinorNumber(amountMinor)) };
}
