import { fromMinor, toMinorNumber } from '../../../shared/money.js';
import { computeQuoteTotals } from '../../../shared/quote-totals.js';
import type { Quote, QuoteLine, QuoteStatus } from '../../../shared/schemas/quotes.js';
import type { QuoteLineRow, QuoteRow } from './quotes.tables.js';

export interface QuoteNames {
  organizations: Map<string, string>;
  contacts: Map<string, string>;
  opportunities: Map<string, string>;
  users: Map<string, string>;
  priceLists: Map<string, string>;
  skus: Map<string, string>;
}

/** The status the API reports: a sent quote past its last valid day (in `today`) is expired. */
export function effectiveStatus(row: Pick<QuoteRow, 'status' | 'validUntil'>, today: string): QuoteStatus {
  if (row.status === 'sent' && row.validUntil && row.validUntil < today) return 'expired';
  return row.status as QuoteStatus;
}

export function presentLine(l: QuoteLineRow, skus: Map<string, string>): QuoteLine {
  return {
    id: l.id,
    lineNo: l.lineNo,
    productId: l.productId,
    sku: l.productId ? (skus.get(l.productId) ?? null) : null,
    description: l.description,
    quantity: l.quantity,
    unit: l.unit,
    unitPrice: fromMinor(l.unitPriceMinor),
    discountPercent: l.discountPercent,
    taxRate: l.taxRate,
    gross: fromMinor(l.grossMinor),
    net: fromMinor(l.netMinor),
    quoteDiscount: fromMinor(l.quoteDiscountMinor),
    tax: fromMinor(l.taxMinor),
    total: fromMinor(l.totalMinor),
  };
}

/** Effective discount from the stored line figures (no re-rounding of the stored totals). */
function effectiveDiscount(row: QuoteRow, lines: QuoteLineRow[] | undefined): string {
  if (!lines) return '0.00';
  const totals = computeQuoteTotals(
    lines.map((l) => ({ quantity: l.quantity, unitPriceMinor: toMinorNumber(l.unitPriceMinor), discountPercent: l.discountPercent, taxRate: l.taxRate })),
    row.discountPercent,
  );
  return totals.effectiveDiscountPercent;
}

export function presentQuote(row: QuoteRow, names: QuoteNames, today: string, lines?: QuoteLineRow[]): Quote {
  const status = effectiveStatus(row, today);
  return {
    id: row.id,
    number: row.number,
    revision: row.revision,
    previousId: row.previousId,
    supersededById: row.supersededById,
    status,
    organizationId: row.organizationId,
    organizationName: names.organizations.get(row.organizationId) ?? null,
    contactId: row.contactId,
    contactName: row.contactId ? (names.contacts.get(row.contactId) ?? null) : null,
    opportunityId: row.opportunityId,
    opportunityName: row.opportunityId ? (names.opportunities.get(row.opportunityId) ?? null) : null,
    priceListId: row.priceListId,
    priceListName: row.priceListId ? (names.priceLists.get(row.priceListId) ?? null) : null,
    currency: row.currency as Quote['currency'],
    discountPercent: row.discountPercent,
    subtotal: fromMinor(row.subtotalMinor),
    discount: fromMinor(row.discountMinor),
    tax: fromMinor(row.taxMinor),
    total: fromMinor(row.totalMinor),
    effectiveDiscountPercent: effectiveDiscount(row, lines),
    validUntil: row.validUntil,
    title: row.title,
    notes: row.notes,
    sentAt: row.sentAt,
    decidedAt: row.decidedAt,
    approvalRequestId: row.approvalRequestId,
    editable: status === 'draft' && !row.supersededById,
    ownerId: row.ownerId,
    ownerName: row.ownerId ? (names.users.get(row.ownerId) ?? null) : null,
    teamId: row.teamId,
    ...(lines && { lines: lines.map((l) => presentLine(l, names.skus)) }),
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

/** What the audit log records of a quote (lines as a compact list). */
export function auditableQuote(row: QuoteRow, lines?: QuoteLineRow[]): Record<string, unknown> {
  return {
    number: row.number,
    revision: row.revision,
    status: row.status,
    organizationId: row.organizationId,
    contactId: row.contactId,
    opportunityId: row.opportunityId,
    priceListId: row.priceListId,
    currency: row.currency,
    discountPercent: row.discountPercent,
    subtotal: fromMinor(row.subtotalMinor),
    discount: fromMinor(row.discountMinor),
    tax: fromMinor(row.taxMinor),
    total: fromMinor(row.totalMinor),
    validUntil: row.validUntil,
    title: row.title,
    notes: row.notes,
    ownerId: row.ownerId,
    supersededById: row.supersededById,
    ...(lines && {
      lines: lines.map((l) => `${l.description} × ${l.quantity} @ ${fromMinor(l.unitPriceMinor)} −${l.discountPercent}% +${l.taxRate}%`),
    }),
  };
}
