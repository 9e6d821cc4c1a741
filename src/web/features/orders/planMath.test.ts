import { describe, expect, test } from 'vitest';
import { evenPlan, planSumMinor, splitEvenly } from './planMath';

describe('payment plan helpers', () => {
  test('an even split puts the remainder cent on the last installment', () => {
    expect(splitEvenly(10000, 3)).toEqual([3333, 3333, 3334]);
    expect(splitEvenly(1, 2)).toEqual([0, 1]);
    expect(splitEvenly(999_999_999_999_99, 7).reduce((a, b) => a + b, 0)).toBe(999_999_999_999_99);
  });

  test('an even plan is due monthly from the first date and adds up exactly', () => {
    const plan = evenPlan('0.30', 2, '2026-01-31', 1);
    expect(plan).toEqual([
      { dueOn: '2026-01-31', amount: '0.15' },
      { dueOn: '2026-02-28', amount: '0.15' },
    ]);
    expect(planSumMinor([{ amount: '0.1' }, { amount: '0.2' }, { amount: 'abc' }, {}])).toBe(30);
  });
});
