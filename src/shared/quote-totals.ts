import Decimal from 'decimal.js';
import { multiplyMinor, percentOfMinor, sumMinor } from './money.js';

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export interface LineInput {
  quantity: string;
  unitPriceMinor: number;
  discountPercent: string;
  taxRate: string;
}

export interface LineTotals {
  grossMinor: number;
  netMinor: number;
  quoteDiscountMinor: number;
  taxMinor: number;
  totalMinor: number;
}

export interface QuoteTotals {
  lines: LineTotals[];
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  /** (undiscounted − discounted before tax) / undiscounted, percent with 2 decimals. */
  effectiveDiscountPercent: string;
}

/**
 * Splits `amount` over lines in proportion to their weights so the parts add up exactly: each part is
 * rounded down, and the cents left over go to the largest remainders (the earlier line on a tie).
 */
export function allocate(amount: number, weights: number[]): number[] {
  const sum = sumMinor(weights);
  if (amount === 0 || sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => new D(amount).times(w).div(sum));
  const parts = exact.map((e) => e.floor().toNumber());
  let left = amount - sumMinor(parts);
  const order = exact.map((e, i) => ({ i, rest: e.minus(e.floor()) })).sort((a, b) => b.rest.comparedTo(a.rest) || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] += 1;
    left -= 1;
  }
  return parts;
}

/**
 * The one place a quote's money is computed, in minor units with decimal arithmetic, each step
 * rounded half-up to the cent in this order:
 * 1. per line: gross = qty × unit price; line discount = gross × line %; net = gross − line discount;
 * 2. subtotal = Σ net; quote discount = subtotal × quote %;
 * 3. the quote discount is spread over the lines in proportion to their nets (exact to the cent);
 * 4. per line: tax = (net − its share) × the line's tax rate; tax = Σ line tax;
 * 5. total = subtotal − quote discount + tax (= Σ line totals).
 * Tax per line because lines may carry different rates (China's VAT invoices are per line too).
 */
export function computeQuoteTotals(lines: LineInput[], quoteDiscountPercent: string): QuoteTotals {
  const firstPass = lines.map((l) => {
    const grossMinor = multiplyMinor(l.unitPriceMinor, l.quantity);
    const netMinor = grossMinor - percentOfMinor(grossMinor, l.discountPercent);
    return { grossMinor, netMinor };
  });
  const subtotalMinor = sumMinor(firstPass.map((l) => l.netMinor));
  const discountMinor = percentOfMinor(subtotalMinor, quoteDiscountPercent);
  const shares = allocate(
    discountMinor,
    firstPass.map((l) => l.netMinor),
  );
  const out = firstPass.map((l, i) => {
    const taxable = l.netMinor - shares[i];
    const taxMinor = percentOfMinor(taxable, lines[i].taxRate);
    return { ...l, quoteDiscountMinor: shares[i], taxMinor, totalMinor: taxable + taxMinor };
  });
  const taxMinor = sumMinor(out.map((l) => l.taxMinor));
  const grossTotal = sumMinor(out.map((l) => l.grossMinor));
  const afterDiscounts = subtotalMinor - discountMinor;
  const effectiveDiscountPercent =
    grossTotal === 0 ? '0.00' : new D(grossTotal - afterDiscounts).times(100).div(grossTotal).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
  return { lines: out, subtotalMinor, discountMinor, taxMinor, totalMinor: afterDiscounts + taxMinor, effectiveDiscountPercent };
}
