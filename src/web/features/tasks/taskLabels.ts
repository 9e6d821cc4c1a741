import type { TFunction } from 'i18next';
import { RECURRENCE_PRESETS, type TaskPriority, type TaskStatus } from '../../../shared/schemas/tasks';

export const PRIORITY_COLORS: Record<TaskPriority, string> = { low: 'default', normal: 'blue', high: 'orange', urgent: 'red' };
export const STATUS_COLORS: Record<TaskStatus, string> = { open: 'default', in_progress: 'processing', done: 'success', cancelled: 'default' };

export const priorityLabel = (t: TFunction, p: TaskPriority) => t(`tasks.priorities.${p}`);
export const statusLabel = (t: TFunction, s: TaskStatus) => t(`tasks.statuses.${s}`);

export type RecurrencePreset = keyof typeof RECURRENCE_PRESETS;
export const RECURRENCE_KEYS = Object.keys(RECURRENCE_PRESETS) as RecurrencePreset[];

/** The preset a stored rule is, if any; the server may hold rules the API took from elsewhere (shown as they are). */
export function presetOf(rule: string | null | undefined): RecurrencePreset | undefined {
  const bare = rule?.replace(/^RRULE:/, '');
  return RECURRENCE_KEYS.find((k) => RECURRENCE_PRESETS[k] === bare);
}

export function recurrenceLabel(t: TFunction, rule: string | null | undefined): string | null {
  if (!rule) return null;
  const preset = presetOf(rule);
  return preset ? t(`tasks.recurrence.${preset}`) : rule;
}

/** Reminder choices as minutes before the due time; 'custom' takes a time of its own. */
export const REMINDER_OFFSETS = { atDue: 0, min15: 15, hour1: 60, day1: 1440 } as const;
export type ReminderChoice = 'none' | keyof typeof REMINDER_OFFSETS | 'custom';
export const REMINDER_CHOICES: ReminderChoice[] = ['none', 'atDue', 'min15', 'hour1', 'day1', 'custom'];

/** Which choice a saved reminder is, read back from its distance to the due time. */
export function reminderChoiceOf(dueAt: string | null, remindAt: string | null): ReminderChoice {
  if (!remindAt) return 'none';
  if (!dueAt) return 'custom';
  const minutes = (Date.parse(dueAt) - Date.parse(remindAt)) / 60_000;
  const found = (Object.keys(REMINDER_OFFSETS) as (keyof typeof REMINDER_OFFSETS)[]).find((k) => REMINDER_OFFSETS[k] === minutes);
  return found ?? 'custom';
}
