import dayjs from 'dayjs';
import { describe, expect, test } from 'vitest';
import type { CalendarItem } from '../../../shared/schemas/calendar';
import { MAX_CALENDAR_DAYS } from '../../../shared/schemas/calendar';
import { assignLanes, daysOf, groupByDay, minutesOf, rangeOf } from './calendarRange';

const task = (id: string, startsAt: string, allDay = false): CalendarItem => ({
  type: 'task',
  id,
  title: id,
  startsAt,
  allDay,
  status: 'open',
  priority: 'normal',
  organizationId: null,
  contactId: null,
});
const meeting = (id: string, startsAt: string, endsAt: string | null): CalendarItem => ({
  type: 'activity',
  id,
  kind: 'meeting',
  title: id,
  startsAt,
  endsAt,
  organizationId: null,
  organizationName: null,
});

describe('calendar ranges', () => {
  test('a month range covers every day of the month plus the weeks around it, within the server limit', () => {
    for (const month of ['2026-02-15', '2026-03-01', '2026-08-31', '2026-12-10']) {
      const date = dayjs(month);
      const { from, to } = rangeOf('month', date);
      expect(from.isAfter(date.startOf('month').subtract(7, 'day'))).toBe(false);
      expect(to.isBefore(date.endOf('month').add(7, 'day'))).toBe(false);
      expect(to.diff(from, 'day')).toBeLessThanOrEqual(MAX_CALENDAR_DAYS);
    }
  });

  test('a week view shows seven consecutive days starting on the first day of the week', () => {
    const days = daysOf('week', dayjs('2026-11-26'));
    expect(days).toHaveLength(7);
    expect(days[0].isSame(dayjs('2026-11-26').startOf('week'), 'day')).toBe(true);
    expect(days[6].diff(days[0], 'day')).toBe(6);
  });

  test('a day view is that day alone', () => {
    expect(daysOf('day', dayjs('2026-11-26T15:00:00')).map((d) => d.format('YYYY-MM-DD'))).toEqual(['2026-11-26']);
  });
});

describe('placing items', () => {
  test('items are grouped by the local day they start on, keeping their order', () => {
    const a = task('a', dayjs('2026-11-26T09:00').toISOString());
    const b = task('b', dayjs('2026-11-26T23:30').toISOString());
    const c = task('c', dayjs('2026-11-27T00:15').toISOString());
    const byDay = groupByDay([a, b, c], dayjs);
    expect(byDay.get('2026-11-26')?.map((i) => i.id)).toEqual(['a', 'b']);
    expect(byDay.get('2026-11-27')?.map((i) => i.id)).toEqual(['c']);
  });

  test('a meeting spans start to end; a task gets a short slot; nothing runs past midnight', () => {
    const day = dayjs('2026-11-26');
    expect(minutesOf(meeting('m', day.hour(10).toISOString(), day.hour(11).minute(30).toISOString()), day, dayjs)).toEqual({ start: 600, end: 690 });
    expect(minutesOf(task('t', day.hour(14).toISOString()), day, dayjs)).toEqual({ start: 840, end: 870 });
    expect(minutesOf(meeting('late', day.hour(23).toISOString(), day.add(1, 'day').hour(2).toISOString()), day, dayjs)).toEqual({ start: 1380, end: 1440 });
  });

  test('overlapping items go side by side, a free lane is reused, and an item alone keeps the full width', () => {
    const placed = assignLanes([
      { id: 'a', start: 540, end: 600 },
      { id: 'b', start: 570, end: 630 },
      { id: 'c', start: 600, end: 660 },
      { id: 'd', start: 700, end: 720 },
    ]);
    const of = Object.fromEntries(placed.map((p) => [p.id, [p.lane, p.lanes]]));
    expect(of).toEqual({ a: [0, 2], b: [1, 2], c: [0, 2], d: [0, 1] });
  });
});
