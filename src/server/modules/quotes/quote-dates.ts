/**
 * Quote validity is a calendar date in the workspace's zone. Guanxi's customers are in China
 * (one zone, UTC+8, no daylight saving), so "today" is the date in Asia/Shanghai: a quote valid
 * until the 31st stays valid through 23:59 Beijing time, not 07:59 the next morning.
 */
const CHINA_OFFSET_MS = 8 * 3_600_000;

export function chinaToday(at: number = Date.now()): string {
  return new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export const chinaYear = (at: number = Date.now()): number => Number(chinaToday(at).slice(0, 4));

/** Q-2026-000123: year and a counter that restarts every year. */
export const formatQuoteNumber = (year: number, n: number) => `Q-${year}-${String(n).padStart(6, '0')}`;
