import { z } from 'zod';
import { BooleanQuery, IdSchema, ListQueryBase, pageSchema, TimestampSchema, VersionSchema } from './common.js';

export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
/** Statuses of a task still to do: reminders, "overdue" and the calendar feed consider only these. */
export const ACTIVE_TASK_STATUSES = ['open', 'in_progress'] as const;
export const TASK_ENTITY_TYPES = ['organizations', 'contacts'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type TaskEntityType = (typeof TASK_ENTITY_TYPES)[number];
/** What the "no contact in N days" rule writes into `source`. */
export const NO_CONTACT_SOURCE = 'rule:no_contact';

/** The repeat choices the web offers; the API takes any supported RRULE. */
export const RECURRENCE_PRESETS = {
  daily: 'FREQ=DAILY',
  weekly: 'FREQ=WEEKLY',
  biweekly: 'FREQ=WEEKLY;INTERVAL=2',
  monthly: 'FREQ=MONTHLY',
} as const;

const text = (max: number) => z.string().trim().max(max);
const When = z.iso.datetime({ offset: true }).describe('ISO-8601 timestamp with Z or an offset');
const Recurrence = z
  .string()
  .trim()
  .max(200)
  .regex(/^(RRULE:)?[A-Z]+=[^;\s]+(;[A-Z]+=[^;\s]+)*$/, 'Not a recurrence rule')
  .describe('RFC 5545 RRULE without DTSTART, e.g. FREQ=WEEKLY;INTERVAL=2 (daily or slower; UNTIL allowed, COUNT not)');

/**
 * Due and reminder times within 1970–2200: year 1 or 9999 is a typing slip, not a plan, and such
 * times would sit at the ends of every due-date sort and calendar range.
 */
const TaskTime = When.refine((v) => {
  const ms = Date.parse(v);
  return ms >= Date.UTC(1970, 0, 1) && ms < Date.UTC(2201, 0, 1);
}, 'Must be between the years 1970 and 2200');

const TaskFields = {
  // A title is one line (lists, the calendar, reminder e-mails' subjects); pasted line breaks become spaces.
  title: text(200)
    .min(1, 'Required')
    .transform((v) => v.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ')),
  notes: text(10_000).nullable().optional(),
  dueAt: TaskTime.nullable().optional().describe('Due time; for an all-day task the start of its day (years 1970–2200)'),
  allDay: z.boolean().optional(),
  remindAt: TaskTime.nullable()
    .optional()
    .describe('When to remind the assignee (in the app, and by e-mail when mail is set up); not after the due time (for an all-day task, its day)'),
  assigneeId: IdSchema.optional().describe('Defaults to you; someone else takes update rights with team or all scope'),
  priority: z.enum(TASK_PRIORITIES).optional(),
  status: z.enum(TASK_STATUSES).optional(),
  recurrence: Recurrence.nullable().optional(),
  entityType: z.enum(TASK_ENTITY_TYPES).nullable().optional().describe('Type of the linked record'),
  entityId: IdSchema.nullable().optional().describe('The linked organization or contact; you must be able to see it'),
};

export const TaskCreateSchema = z.object(TaskFields);
export type TaskCreate = z.infer<typeof TaskCreateSchema>;
export const TaskUpdateSchema = TaskCreateSchema.partial().extend({ version: VersionSchema });
export type TaskUpdate = z.infer<typeof TaskUpdateSchema>;

export const TaskSchema = z.object({
  id: IdSchema,
  title: z.string(),
  notes: z.string().nullable(),
  dueAt: TimestampSchema.nullable(),
  allDay: z.boolean(),
  remindAt: TimestampSchema.nullable(),
  remindedAt: TimestampSchema.nullable(),
  assigneeId: IdSchema,
  assigneeName: z.string().nullable(),
  teamId: IdSchema.nullable(),
  priority: z.enum(TASK_PRIORITIES),
  status: z.enum(TASK_STATUSES),
  completedAt: TimestampSchema.nullable(),
  recurrence: z.string().nullable(),
  entityType: z.enum(TASK_ENTITY_TYPES).nullable(),
  entityId: IdSchema.nullable(),
  entityName: z.string().nullable().describe('Name of the linked record; null when it is in the recycle bin'),
  source: z.string().nullable().describe('What raised the task when not a person, e.g. rule:no_contact'),
  createdBy: IdSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type Task = z.infer<typeof TaskSchema>;

const StatusList = z
  .string()
  .max(100)
  .transform((v, ctx) => {
    const list = [...new Set(v.split(',').map((s) => s.trim()))];
    if (!list.every((s): s is TaskStatus => (TASK_STATUSES as readonly string[]).includes(s))) {
      ctx.addIssue({ code: 'custom', message: `Use ${TASK_STATUSES.join(', ')} (comma-separated)` });
      return z.NEVER;
    }
    return list;
  });

export const TASK_SORTS = ['dueAt', 'createdAt', 'updatedAt'] as const;
export const TaskListQuerySchema = ListQueryBase.extend({
  q: z.string().trim().max(100).optional().describe('Matches the title'),
  assigneeId: IdSchema.optional(),
  mine: BooleanQuery.optional().describe('Only tasks assigned to you'),
  status: StatusList.optional().describe('One status or several, comma-separated, e.g. open,in_progress'),
  priority: z.enum(TASK_PRIORITIES).optional(),
  dueFrom: When.optional().describe('Due at or after'),
  dueTo: When.optional().describe('Due before'),
  overdue: BooleanQuery.optional().describe('Open or in progress and due before now'),
  entityType: z.enum(TASK_ENTITY_TYPES).optional(),
  entityId: IdSchema.optional().describe('With entityType: tasks linked to that record'),
});
export type TaskListQuery = z.infer<typeof TaskListQuerySchema>;
export const TaskPageSchema = pageSchema(TaskSchema);
