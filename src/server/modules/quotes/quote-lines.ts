import { toMinor, toMinorNumber } from '../../../shared/money.js';
import { computeQuoteTotals, type QuoteTotals } from '../../../shared/quote-totals.js';
import type { QuoteLineInput } from '../../../shared/schemas/quotes.js';
import type { Db } from '../../db/connection.js';
import { newId } from '../../platform/ids.js';
import { priceListsService } from '../products/price-lists.service.js';
import { productsService } from '../products/products.service.js';
import type { NewQuoteLine, PriceListRow, QuoteLineRow } from './quotes.tables.js';

/**
 * Amounts stay below 10^15 fen (ten trillion yuan): exact as JS numbers (2^53 ≈ 9×10^15) and within
 * the 13 integer digits the API prints.
 */
export const MAX_TOTAL_MINOR = 1_000_000_000_000_000;

export type LineRow = Omit<NewQuoteLine, 'quoteId'>;

/**
 * Turns the lines a client sent into stored lines with server-computed money: a product line takes
 * its description, unit and price from the product and the price list unless given; a free-text
 * line needs both. Errors go into `fields` as lines.<i>.<field>. Products already on the quote
 * (`kept`) may stay even when deactivated since.
 */
export async function buildLines(
  db: Db,
  input: QuoteLineInput[],
  priceList: PriceListRow | undefined,
  discountPercent: string,
  fields: Record<string, string>,
  kept: Set<string> = new Set(),
): Promise<{ lines: LineRow[]; totals: QuoteTotals }> {
  const productIds = input.map((l) => l.productId).filter((id): id is string => !!id);
  const [products, prices] = await Promise.all([
    productsService.byIds(db, productIds),
    priceList ? priceListsService.pricesOf(db, priceList.id, productIds) : Promise.resolve(new Map<string, number | string>()),
  ]);
  const defaultTax = priceList?.taxRate ?? '0';
  const drafts = input.map((l, i) => {
    const product = l.productId ? products.get(l.productId) : undefined;
    if (l.productId && !product) fields[`lines.${i}.productId`] = 'No such product';
    else if (product && product.active !== 1 && !kept.has(product.id)) fields[`lines.${i}.productId`] = 'This product is no longer sold';
    const description = l.description?.trim() || product?.name || '';
    if (!description && !fields[`lines.${i}.productId`]) fields[`lines.${i}.description`] = 'Required for a line without a product';
    let unitPriceMinor = 0;
    if (l.unitPrice !== undefined) unitPriceMinor = toMinor(l.unitPrice);
    else if (product && prices.has(product.id)) unitPriceMinor = toMinorNumber(prices.get(product.id));
    else if (!fields[`lines.${i}.productId`]) {
      fields[`lines.${i}.unitPrice`] = product ? 'The price list has no price for this product; enter one' : 'Required for a line without a product';
    }
    return {
      productId: product?.id ?? null,
      description,
      quantity: l.quantity,
      unit: l.unit === undefined ? (product?.unit ?? null) : l.unit?.trim() || null,
      unitPriceMinor,
      discountPercent: l.discountPercent ?? '0',
      taxRate: l.taxRate ?? defaultTax,
    };
  });
  const totals = computeQuoteTotals(drafts, discountPercent);
  totals.lines.forEach((l, i) => {
    if (l.grossMinor >= MAX_TOTAL_MINOR) fields[`lines.${i}.quantity`] = 'The line amount is too large';
  });
  if (totals.totalMinor >= MAX_TOTAL_MINOR || totals.subtotalMinor >= MAX_TOTAL_MINOR) fields.lines = 'The quote total is too large';
  const lines = drafts.map((d, i) => ({ id: newId(), lineNo: i + 1, ...d, ...totals.lines[i] }));
  return { lines, totals };
}

/** The stored lines of a quote as input for a copy (a new version). */
export function copyLines(rows: QuoteLineRow[]): LineRow[] {
  return rows.map(({ quoteId: _quoteId, ...rest }) => ({
    ...rest,
    id: newId(),
    unitPriceMinor: toMinorNumber(rest.unitPriceMinor),
    grossMinor: toMinorNumber(rest.grossMinor),
    netMinor: toMinorNumber(rest.netMinor),
    quoteDiscountMinor: toMinorNumber(rest.quoteDiscountMinor),
    taxMinor: toMinorNumber(rest.taxMinor),
    totalMinor: toMinorNumber(rest.totalMinor),
  }));
}
