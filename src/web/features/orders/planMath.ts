import dayjs from 'dayjs';
import { fromMinor, sumMinor, toMinor } from '../../../shared/money';

/** `totalMinor` in `n` equal installments; the cents that do not divide go on the last one. */
export function splitEvenly(totalMinor: number, n: number): number[] {
  if (n < 1) return [];
  const base = Math.floor(totalMinor / n);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? totalMinor - base * (n - 1) : base));
}

/** An even plan as form rows: amounts as decimal strings, due dates every `months` from `first`. */
export function evenPlan(total: string, n: number, first: string, months: number): { dueOn: string; amount: string }[] {
  return splitEvenly(toMinor(total), n).map((minor, i) => ({
    dueOn: dayjs(first)
      .add(i * months, 'month')
      .format('YYYY-MM-DD'),
    amount: fromMinor(minor),
  }));
}

const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;
/** Sum of the amounts typed so far in minor units; rows still being typed count as zero. */
export function planSumMinor(rows: { amount?: string }[]): number {
  return sumMinor(rows.map((r) => (r.amount && AMOUNT.test(r.amount.trim()) ? toMinor(r.amount.trim()) : 0)));
}
