import type { Dayjs } from 'dayjs';
import type { CalendarItem } from '../../../shared/schemas/calendar';

export const CALENDAR_VIEWS = ['month', 'week', 'day'] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];
export const isCalendarView = (v: string | undefined): v is CalendarView => (CALENDAR_VIEWS as readonly string[]).includes(v ?? '');

/**
 * The span to ask the server for. A month view shows parts of the weeks before and after; a week
 * of slack on each side covers either first day of the week, and stays well under MAX_CALENDAR_DAYS.
 */
export function rangeOf(view: CalendarView, date: Dayjs): { from: Dayjs; to: Dayjs } {
  if (view === 'day') return { from: date.startOf('day'), to: date.startOf('day').add(1, 'day') };
  if (view === 'week') return { from: date.startOf('week'), to: date.startOf('week').add(7, 'day') };
  const from = date.startOf('month').subtract(7, 'day').startOf('week');
  return { from, to: from.add(8, 'week') };
}

/** The days a week or day view shows, as local midnights. */
export function daysOf(view: Exclude<CalendarView, 'month'>, date: Dayjs): Dayjs[] {
  const { from, to } = rangeOf(view, date);
  const days: Dayjs[] = [];
  for (let d = from; d.isBefore(to); d = d.add(1, 'day')) days.push(d);
  return days;
}

export const dayKey = (d: Dayjs) => d.format('YYYY-MM-DD');

/** Items by the local day they start on, in the server's order (by start time). */
export function groupByDay(items: CalendarItem[], toLocal: (iso: string) => Dayjs): Map<string, CalendarItem[]> {
  const byDay = new Map<string, CalendarItem[]>();
  for (const item of items) {
    const key = dayKey(toLocal(item.startsAt));
    const list = byDay.get(key);
    if (list) list.push(item);
    else byDay.set(key, [item]);
  }
  return byDay;
}

export const isAllDay = (item: CalendarItem) => item.type === 'task' && item.allDay;

/** A timed item's place in its day: minutes from midnight to its start and to its end (at least a short slot). */
export function minutesOf(item: CalendarItem, day: Dayjs, toLocal: (iso: string) => Dayjs, minLength = 30): { start: number; end: number } {
  const start = Math.max(0, toLocal(item.startsAt).diff(day, 'minute'));
  const endsAt = item.type === 'activity' && item.endsAt ? toLocal(item.endsAt).diff(day, 'minute') : start;
  const end = Math.min(24 * 60, Math.max(endsAt, start + minLength));
  return { start, end };
}

/**
 * Side-by-side lanes for overlapping items of one day. Items that overlap, directly or through
 * others, form a cluster; each takes the first lane free at its start, and `lanes` is how many its
 * cluster needed (so an item alone keeps the full width).
 */
export function assignLanes<T extends { start: number; end: number }>(slots: T[]): (T & { lane: number; lanes: number })[] {
  const sorted = [...slots].sort((a, b) => a.start - b.start || b.end - a.end);
  const placed: (T & { lane: number; lanes: number })[] = [];
  let cluster: (T & { lane: number; lanes: number })[] = [];
  let laneEnds: number[] = [];
  const closeCluster = () => {
    for (const p of cluster) p.lanes = laneEnds.length;
    cluster = [];
    laneEnds = [];
  };
  for (const slot of sorted) {
    if (cluster.length > 0 && laneEnds.every((end) => end <= slot.start)) closeCluster();
    let lane = laneEnds.findIndex((end) => end <= slot.start);
    if (lane === -1) lane = laneEnds.push(slot.end) - 1;
    else laneEnds[lane] = slot.end;
    const p = { ...slot, lane, lanes: 1 };
    cluster.push(p);
    placed.push(p);
  }
  closeCluster();
  return placed;
}
