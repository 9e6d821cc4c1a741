import dayjs, { type Dayjs } from 'dayjs';
import type { TaskQuery } from './api';

export const TASK_VIEWS = ['open', 'overdue', 'today', 'upcoming', 'done'] as const;
export type TaskView = (typeof TASK_VIEWS)[number];
export const isTaskView = (v: string | undefined): v is TaskView => (TASK_VIEWS as readonly string[]).includes(v ?? '');

const ACTIVE = 'open,in_progress';

/**
 * The API query behind a tab of "My tasks". Day bounds are the user's local days; `now` only fixes
 * which day is today (overdue is judged by the server's clock).
 */
export function viewQuery(view: TaskView, now: Dayjs): TaskQuery {
  const today = now.startOf('day');
  const tomorrow = today.add(1, 'day');
  switch (view) {
    case 'open':
      return { status: ACTIVE, sort: 'dueAt' };
    case 'overdue':
      return { overdue: true, sort: 'dueAt' };
    case 'today':
      return { status: ACTIVE, dueFrom: today.toISOString(), dueTo: tomorrow.toISOString(), sort: 'dueAt' };
    case 'upcoming':
      return { status: ACTIVE, dueFrom: tomorrow.toISOString(), sort: 'dueAt' };
    case 'done':
      return { status: 'done', sort: '-updatedAt' };
  }
}

/** A task still to do whose due time has passed (an all-day task only once its day is over). */
export function isOverdue(task: { dueAt: string | null; allDay: boolean; status: string }, now: Dayjs): boolean {
  if (!task.dueAt || (task.status !== 'open' && task.status !== 'in_progress')) return false;
  const due = dayjs(task.dueAt);
  return !(task.allDay ? due.add(1, 'day') : due).isAfter(now);
}
