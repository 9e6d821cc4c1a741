/** Calendar arithmetic of key dates (YYYY-MM-DD strings, compared as text). */

const pad = (n: number) => String(n).padStart(2, '0');
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The date of `monthDay` in `year`; 29 February falls on the 28th in other years. */
function inYear(year: number, month: number, day: number): string {
  const d = month === 2 && day === 29 && !isLeap(year) ? 28 : day;
  return `${year}-${pad(month)}-${pad(d)}`;
}

/** The next time a key date comes round, today included; null for a one-off date already past. */
export function nextOccurrence(date: string, yearly: boolean, today: string): string | null {
  if (!yearly) return date >= today ? date : null;
  const [, m, d] = date.split('-').map(Number);
  const year = Number(today.slice(0, 4));
  const thisYear = inYear(year, m, d);
  return thisYear >= today ? thisYear : inYear(year + 1, m, d);
}

/** `day` plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Today's date in UTC. */
export const todayUtc = (at: Date = new Date()) => at.toISOString().slice(0, 10);
