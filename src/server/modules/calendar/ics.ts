import type * as IcalGenerator from 'ical-generator';
import type { ActivityCalendarItem } from '../../../shared/schemas/activities.js';
import type { TaskRow } from '../../db/schema.js';
import { lazyRequire } from '../../platform/lazy-require.js';

const MINUTE = 60_000;
/** A task is a moment; calendars draw a zero-length event badly, so it shows as a short slot at its due time. */
const TASK_SLOT_MS = 30 * MINUTE;
/** A meeting logged without an end is drawn as an hour. */
const DEFAULT_MEETING_MS = 60 * MINUTE;
/** Loaded when a feed is first fetched, not at server start. */
const icalGenerator = lazyRequire<typeof IcalGenerator>('ical-generator');

/** The calendar date of an instant in a time zone, as a UTC midnight (ical-generator writes all-day dates from UTC parts). */
function dayIn(instant: string, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return new Date(Date.UTC(get('year'), get('month') - 1, get('day')));
}

export interface FeedContent {
  name: string;
  timeZone: string;
  /** The web app's address for links, or null when unknown. */
  appUrl: string | null;
  tasks: TaskRow[];
  activities: ActivityCalendarItem[];
}

/**
 * The text/calendar body of a user's feed. UIDs are stable per record, so a client that polls the
 * feed updates events in place instead of duplicating them.
 */
export function renderFeed(feed: FeedContent): string {
  const { default: ical, ICalCalendarMethod, ICalEventStatus } = icalGenerator();
  const cal = ical({ name: feed.name, prodId: { company: 'Guanxi', product: 'Guanxi CRM', language: 'EN' }, method: ICalCalendarMethod.PUBLISH, ttl: 15 * 60 });
  const link = (path: string) => (feed.appUrl ? `${feed.appUrl.replace(/\/+$/, '')}${path}` : undefined);
  for (const t of feed.tasks) {
    const due = t.dueAt as string;
    const done = t.status === 'done';
    const allDay = t.allDay === 1;
    const start = allDay ? dayIn(due, feed.timeZone) : new Date(due);
    cal.createEvent({
      id: `task-${t.id}@guanxi`,
      summary: `${done ? '✓ ' : ''}${t.title}`,
      start,
      end: allDay ? new Date(start.getTime() + 86_400_000) : new Date(start.getTime() + TASK_SLOT_MS),
      allDay,
      description: t.notes ?? undefined,
      url: link(`/tasks?open=${t.id}`),
      status: ICalEventStatus.CONFIRMED,
      stamp: new Date(t.updatedAt),
    });
  }
  for (const a of feed.activities) {
    const start = new Date(a.startsAt);
    cal.createEvent({
      id: `activity-${a.id}@guanxi`,
      summary: a.organizationName ? `${a.subject} · ${a.organizationName}` : a.subject,
      start,
      end: a.endsAt ? new Date(a.endsAt) : new Date(start.getTime() + DEFAULT_MEETING_MS),
      url: link(a.organizationId ? `/organizations/${a.organizationId}` : '/activities'),
      status: ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}
