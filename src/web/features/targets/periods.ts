import type { TargetPeriod } from '../../../shared/schemas/targets';

/** The period starts of a year for the grid's columns: 12 months, 4 quarters or the year. */
export function periodStarts(year: number, period: TargetPeriod): string[] {
  const months = period === 'month' ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] : period === 'quarter' ? [1, 4, 7, 10] : [1];
  return months.map((m) => `${year}-${String(m).padStart(2, '0')}-01`);
}
