import type { Dashboard } from '../../../shared/schemas/decision-chain.js';
import type { Ctx } from '../../platform/context.js';
import { assertCan } from '../../platform/permissions.js';
import { latestAssessmentSummaries } from '../assessments/assessments.service.js';
import { cardsDueForReview, upcomingKeyDates } from '../expansion-cards/expansion-cards.service.js';
import { coverageGapCounts } from './coverage.js';
import { decisionChainRepository as repo } from './decision-chain.repository.js';

const KEY_DATE_DAYS = 30;
const CARDS_LIMIT = 20;

/** Accounts with their chain counts, coverage gaps and latest assessment; every figure batched by organization ids. */
export const dashboardService = {
  async get(ctx: Ctx, q: { tier?: string; limit: number }): Promise<Dashboard> {
    assertCan(ctx.actor, 'key_accounts', 'read');
    const found = await repo.dashboardOrganizations(ctx.db, ctx.actor, q);
    const accounts = found.slice(0, q.limit);
    const ids = accounts.map((a) => a.id);
    const [people, gaps, assessments, cards, dates] = await Promise.all([
      repo.people(ctx.db, ids),
      coverageGapCounts(ctx.db, ids, Date.now()),
      // The accounts are already scoped above; the assessments seam trusts its caller for that.
      latestAssessmentSummaries(ctx.db, ids),
      // Cards apply their own confidentiality.
      cardsDueForReview(ctx.db, ctx, CARDS_LIMIT),
      upcomingKeyDates(ctx.db, ctx, KEY_DATE_DAYS),
    ]);
    return {
      accounts: accounts.map((a) => {
        const mine = people.filter((p) => p.organizationId === a.id);
        const assessment = assessments.get(a.id);
        return {
          organizationId: a.id,
          name: a.name,
          tier: a.tier,
          ownerName: a.ownerName ?? null,
          people: mine.length,
          supporters: mine.filter((p) => p.support === 'supporter').length,
          opponents: mine.filter((p) => p.support === 'opponent').length,
          gaps: gaps.get(a.id) ?? 0,
          assessment: assessment
            ? { assessedOn: assessment.assessedOn, average: assessment.average, scaleMax: assessment.scaleMax, previousAverage: assessment.previousAverage }
            : null,
        };
      }),
      cardsDue: cards.map((c) => ({
        id: c.id,
        title: c.title,
        organizationId: c.organizationId,
        organizationName: c.organizationName,
        targetName: c.targetName,
        nextReviewOn: c.nextReviewOn,
      })),
      keyDates: dates.map((d) => ({
        cardId: d.cardId,
        cardTitle: d.cardTitle,
        organizationId: d.organizationId,
        targetName: d.targetName,
        label: d.label,
        on: d.on,
      })),
      truncated: found.length > q.limit,
    };
  },
};
