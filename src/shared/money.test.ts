import { describe, expect, it } from 'vitest';
import { formatMinor, fromMinor, multiplyMinor, percentOfMinor, sumMinor, toMinor } from './money.js';

describe('money', () => {
  it('adds 0.1 and 0.2 to exactly 0.30', () => {
    expect(fromMinor(sumMinor([toMinor('0.1'), toMinor('0.2')]))).toBe('0.30');
  });

  it('keeps large CNY totals exact to the fen', () => {
    const big = toMinor('999999999999.99');
    expect(fromMinor(sumMinor([big, big, toMinor('0.01')]))).toBe('1999999999999.99');
    expect(formatMinor(big, 'CNY')).toBe('¥999,999,999,999.99');
  });

  it('rounds half up to the cent after multiplying and taking percentages', () => {
    expect(multiplyMinor(toMinor('0.35'), '1.5')).toBe(53); // 0.525 → 0.53
    expect(percentOfMinor(toMinor('10.05'), '13')).toBe(131); // 1.3065 → 1.31
    expect(fromMinor(-12345)).toBe('-123.45');
  });

  it('refuses more than two decimals', () => {
    expect(() => toMinor('1.234')).toThrow();
  });
});
