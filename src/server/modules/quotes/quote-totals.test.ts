import { describe, expect, test } from 'vitest';
import { allocate, computeQuoteTotals } from '../../../shared/quote-totals.js';

const line = (quantity: string, unitPriceMinor: number, discountPercent = '0', taxRate = '0') => ({ quantity, unitPriceMinor, discountPercent, taxRate });

describe('quote totals', () => {
  test('0.1 + 0.2 is exactly 0.30, not 0.30000000000000004', () => {
    const t = computeQuoteTotals([line('1', 10), line('1', 20)], '0');
    expect(t.subtotalMinor).toBe(30);
    expect(t.totalMinor).toBe(30);
  });

  test('fractional quantities round half-up per line: 3 × 0.335 → 1.01, 0.5 × 0.01 → 0.01', () => {
    expect(computeQuoteTotals([line('3', 34)], '0').lines[0].grossMinor).toBe(102);
    expect(computeQuoteTotals([line('1.5', 1)], '0').lines[0].grossMinor).toBe(2);
    expect(computeQuoteTotals([line('0.5', 1)], '0').lines[0].grossMinor).toBe(1);
    expect(computeQuoteTotals([line('0.4999', 1)], '0').lines[0].grossMinor).toBe(0);
  });

  test('line discount, quote discount and per-line tax in the documented order', () => {
    // 2 × 1,000.00 − 10% = 1,800.00 at 13%; 3 × 333.33 = 999.99 at 6%; quote discount 5%.
    const t = computeQuoteTotals([line('2', 100_000, '10', '13'), line('3', 33_333, '0', '6')], '5');
    expect(t.lines.map((l) => l.netMinor)).toEqual([180_000, 99_999]);
    expect(t.subtotalMinor).toBe(279_999);
    expect(t.discountMinor).toBe(14_000); // 13,999.95 → 14,000 (half-up)
    expect(t.lines.map((l) => l.quoteDiscountMinor)).toEqual([9_000, 5_000]);
    expect(t.lines.map((l) => l.taxMinor)).toEqual([22_230, 5_700]); // 171,000 × 13%; 94,999 × 6% = 5,699.94 → 5,700
    expect(t.taxMinor).toBe(27_930);
    expect(t.totalMinor).toBe(279_999 - 14_000 + 27_930);
    expect(t.lines.reduce((s, l) => s + l.totalMinor, 0)).toBe(t.totalMinor);
    expect(t.effectiveDiscountPercent).toBe('11.33'); // (299,999 − 265,999) / 299,999 = 11.333…
  });

  test('large CNY totals stay exact: 9,999 × ¥99,999,999.99 at 13%', () => {
    const t = computeQuoteTotals([line('9999', 9_999_999_999, '0', '13')], '0');
    expect(t.subtotalMinor).toBe(99_989_999_990_001);
    expect(t.taxMinor).toBe(12_998_699_998_700); // 12,998,699,998,700.13 → .00 after rounding to the fen
    expect(t.totalMinor).toBe(112_988_699_988_701);
  });

  test('a quote discount is spread so the shares add up to the cent', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(1, [50, 50])).toEqual([1, 0]);
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
    expect(allocate(7, [0, 0])).toEqual([0, 0]);
    expect(allocate(999, [1, 2, 3, 4]).reduce((a, b) => a + b, 0)).toBe(999);
  });

  test('a 100% discount leaves nothing to tax', () => {
    const t = computeQuoteTotals([line('1', 12_345, '100', '13')], '0');
    expect([t.subtotalMinor, t.taxMinor, t.totalMinor, t.effectiveDiscountPercent]).toEqual([0, 0, 0, '100.00']);
  });
});
