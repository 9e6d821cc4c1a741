import * as rruleModule from 'rrule';

// rrule ships a UMD bundle for Node: its classes are on the CommonJS default export there, while
// bundlers and the type declarations see named exports.
const { RRule } = ((rruleModule as unknown as { default?: typeof rruleModule }).default ?? rruleModule) as typeof rruleModule;

/** Daily or slower: a to-do list is no place for hourly repeats. */
const ALLOWED_FREQS = new Set([RRule.DAILY, RRule.WEEKLY, RRule.MONTHLY, RRule.YEARLY]);

/**
 * The rule in stored form (without an "RRULE:" prefix), or an error message. COUNT is refused: each
 * occurrence starts the rule afresh from its own due date, so a count could never run out.
 */
export function checkRecurrence(rule: string): { rule: string } | { error: string } {
  const body = rule.replace(/^RRULE:/, '');
  try {
    const options = RRule.parseString(body);
    if (options.freq === undefined || !ALLOWED_FREQS.has(options.freq)) return { error: 'Repeat daily, weekly, monthly or yearly' };
    if (options.count !== undefined && options.count !== null) return { error: 'Use UNTIL instead of COUNT' };
    if (options.dtstart) return { error: 'Leave out DTSTART: the due date is the start' };
    // Building the rule validates the remaining parts (BYDAY values and the like).
    new RRule({ ...options, dtstart: new Date() }).after(new Date());
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
  const next = new RRule({ ...RRule.parseString(rule), dtstart: start }).after(after, false);
  return next ? next.toISOString() : null;
}
