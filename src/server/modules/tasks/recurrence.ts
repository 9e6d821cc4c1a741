import type * as RRuleModule from 'rrule';
import { lazyRequire } from '../../platform/lazy-require.js';

// Loaded at the first recurring task, not at server start. rrule's Node entry is a UMD bundle whose
// classes may sit on a default export, while the type declarations see named exports.
const rrule = lazyRequire<typeof RRuleModule & { default?: typeof RRuleModule }>('rrule');
const RRuleClass = () => (rrule().default ?? rrule()).RRule;

/** Daily or slower: a to-do list is no place for hourly repeats (values of rrule's Frequency). */
const ALLOWED_FREQS = new Set([3, 2, 1, 0]);

/** Rule parts a to-do needs; anything else (BYSETPOS, BYYEARDAY, BYHOUR…) is refused rather than half-supported. */
const ALLOWED_PARTS = new Set(['FREQ', 'INTERVAL', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'WKST']);
const MAX_INTERVAL = 999;
/** Longest day of each month (February counts its leap day). */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const list = (v: number | number[] | null | undefined): number[] => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * The rule in stored form (without an "RRULE:" prefix), or an error message. COUNT is refused: each
 * occurrence starts the rule afresh from its own due date, so a count could never run out. A rule
 * that can never occur is refused before rrule sees it: rrule would search for it until the year 9999
 * (or forever, with a negative interval), holding the event loop.
 */
export function checkRecurrence(rule: string): { rule: string } | { error: string } {
  const body = rule.replace(/^RRULE:/, '');
  const parts = body.split(';').map((p) => p.split('=')[0]);
  if (parts.includes('COUNT')) return { error: 'Use UNTIL instead of COUNT' };
  if (parts.includes('DTSTART')) return { error: 'Leave out DTSTART: the due date is the start' };
  if (parts.some((p) => !ALLOWED_PARTS.has(p))) return { error: 'Use only FREQ, INTERVAL, UNTIL, BYDAY, BYMONTHDAY, BYMONTH and WKST' };
  if (new Set(parts).size !== parts.length) return { error: 'Each part may appear once' };
  const interval = /(?:^|;)INTERVAL=([^;]*)/.exec(body)?.[1];
  if (interval !== undefined && !(/^\d{1,3}$/.test(interval) && Number(interval) >= 1 && Number(interval) <= MAX_INTERVAL)) {
    return { error: `INTERVAL must be a whole number from 1 to ${MAX_INTERVAL}` };
  }
  const RRule = RRuleClass();
  try {
    const options = RRule.parseString(body);
    if (options.freq === undefined || !ALLOWED_FREQS.has(options.freq)) return { error: 'Repeat daily, weekly, monthly or yearly' };
    const monthDays = list(options.bymonthday);
    if (monthDays.some((d) => d === 0 || d < -31 || d > 31)) return { error: 'BYMONTHDAY must be 1 to 31 or -1 to -31' };
    const months = list(options.bymonth);
    if (months.some((m) => m < 1 || m > 12)) return { error: 'BYMONTH must be 1 to 12' };
    if (monthDays.length > 0 && months.length > 0 && !months.some((m) => monthDays.some((d) => Math.abs(d) <= MONTH_DAYS[m - 1]))) {
      return { error: 'These months never have that day' };
    }
    // Building the rule validates the remaining parts (BYDAY values and the like).
    const next = new RRule({ ...options, dtstart: new Date() }).after(new Date());
    if (!next) return { error: 'The rule has no future occurrence' };
    return { rule: body };
  } catch {
    return { error: 'Not a recurrence rule' };
  }
}

/**
 * The due time of the occurrence after one due at `dueAt` and completed at `completedAt`: the first
 * time of the series after both, so a task finished late resumes its rhythm instead of piling up
 * overdue copies. Null when the rule has ended (UNTIL).
 */
export function nextOccurrence(rule: string, dueAt: string, completedAt: string): string | null {
  const start = new Date(dueAt);
  const after = new Date(Math.max(start.getTime(), Date.parse(completedAt)));
  const RRule = RRuleClass();
  const next = new RRule({ ...RRule.parseString(rule), dtstart: start }).after(after, false);
  return next ? next.toISOString() : null;
}
