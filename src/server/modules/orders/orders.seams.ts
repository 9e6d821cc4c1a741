import type { Db } from '../../db/connection.js';
import type { Ctx } from '../../platform/context.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { getQuoteForOrder } from '../quotes/quotes.service.js';

/** What an order copies from an accepted quote: its customer, currency, totals and lines (discount and tax included in each line's total). */
export interface QuoteForOrder {
  id: string;
  organizationId: string;
  contactId: string | null;
  opportunityId: string | null;
  currency: string;
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  lines: { productId: string | null; description: string; quantity: string; unitPriceMinor: number; totalMinor: number }[];
}

/** 404 outside the actor's quote scope, 409 unless the quote is accepted (QUOTES' rules). */
export async function readQuoteForOrder(ctx: Ctx, quoteId: string): Promise<QuoteForOrder> {
  const q = await getQuoteForOrder(ctx.db, ctx, quoteId);
  return {
    id: q.id,
    organizationId: q.organizationId,
    contactId: q.contactId,
    opportunityId: q.opportunityId,
    currency: q.currency,
    subtotalMinor: q.subtotalMinor,
    discountMinor: q.discountMinor,
    taxMinor: q.taxMinor,
    totalMinor: q.totalMinor,
    lines: q.lines.map((l) => ({
      productId: l.productId,
      description: l.description,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      totalMinor: l.totalMinor,
    })),
  };
}

/** An active order is a deal: the customer's pool clock ("no deal for M days") restarts. */
export const markOrganizationDeal = (trx: Db, organizationId: string, at: string) => organizationsService.touchDeal(trx, organizationId, at);
