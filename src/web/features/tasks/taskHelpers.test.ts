import dayjs from 'dayjs';
import { describe, expect, test } from 'vitest';
import { presetOf, reminderChoiceOf } from './taskLabels';
import { isOverdue, viewQuery } from './taskViews';

describe('task form helpers', () => {
  test('a saved reminder is read back as the choice that made it', () => {
    const due = '2026-11-26T10:00:00.000Z';
    expect(reminderChoiceOf(due, null)).toBe('none');
    expect(reminderChoiceOf(due, due)).toBe('atDue');
    expect(reminderChoiceOf(due, '2026-11-26T09:45:00.000Z')).toBe('min15');
    expect(reminderChoiceOf(due, '2026-11-26T09:00:00.000Z')).toBe('hour1');
    expect(reminderChoiceOf(due, '2026-11-25T10:00:00.000Z')).toBe('day1');
    expect(reminderChoiceOf(due, '2026-11-26T09:10:00.000Z')).toBe('custom');
    expect(reminderChoiceOf(null, '2026-11-26T09:10:00.000Z')).toBe('custom');
  });

  test('a stored rule is recognised as its preset with or without the RRULE: prefix; others are not', () => {
    expect(presetOf('FREQ=WEEKLY;INTERVAL=2')).toBe('biweekly');
    expect(presetOf('RRULE:FREQ=MONTHLY')).toBe('monthly');
    expect(presetOf('FREQ=WEEKLY;BYDAY=MO')).toBeUndefined();
    expect(presetOf(null)).toBeUndefined();
  });
});

describe('task views', () => {
  const now = dayjs('2026-11-26T15:00:00');

  test('"today" asks for tasks still to do due between the local midnights', () => {
    const q = viewQuery('today', now);
    expect(q.status).toBe('open,in_progress');
    expect(q.dueFrom).toBe(dayjs('2026-11-26T00:00:00').toISOString());
    expect(q.dueTo).toBe(dayjs('2026-11-27T00:00:00').toISOString());
  });

  test('"upcoming" starts tomorrow and "done" lists finished tasks latest first', () => {
    expect(viewQuery('upcoming', now).dueFrom).toBe(dayjs('2026-11-27T00:00:00').toISOString());
    expect(viewQuery('done', now)).toEqual({ status: 'done', sort: '-updatedAt' });
  });

  test('an all-day task is overdue only after its day; a done task never is', () => {
    const today = dayjs('2026-11-26T00:00:00').toISOString();
    expect(isOverdue({ dueAt: today, allDay: true, status: 'open' }, now)).toBe(false);
    expect(isOverdue({ dueAt: today, allDay: false, status: 'open' }, now)).toBe(true);
    expect(isOverdue({ dueAt: today, allDay: false, status: 'done' }, now)).toBe(false);
    expect(isOverdue({ dueAt: null, allDay: false, status: 'open' }, now)).toBe(false);
  });
});
