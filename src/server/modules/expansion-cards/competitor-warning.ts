import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { listChainPeople } from '../decision-chain/decision-chain.service.js';
import type { CompetitorWarning } from './expansion-cards.presenter.js';

/** Support strength from which an opponent counts as a competitor's strong supporter (1–5 scale). */
const STRONG = 4;

/**
 * Contacts of an organization that its decision chain marks as strong supporters of a competitor
 * (reference, step 1: the key person must not be one). A card viewer outside the account's scope
 * (a sponsor from another team) cannot read the chain, so they get no warning rather than an error.
 */
export async function competitorWarnings(ctx: Ctx, organizationId: string): Promise<Map<string, NonNullable<CompetitorWarning>>> {
  let people: Awaited<ReturnType<typeof listChainPeople>>;
  try {
    people = await listChainPeople(ctx.db, ctx, organizationId);
  } catch (err) {
    if (err instanceof AppError && (err.status === 404 || err.status === 403)) return new Map();
    throw err;
  }
  return new Map(
    people
      .filter((p) => p.support === 'opponent' && !!p.favouredCompetitor && (p.strength ?? 0) >= STRONG)
      .map((p) => [p.contactId, { favouredCompetitor: p.favouredCompetitor, strength: p.strength }]),
  );
}
