import { z } from 'zod';
import { ACTIVITY_KINDS } from './activities.js';
import { IdSchema, TimestampSchema } from './common.js';
import { TASK_PRIORITIES, TASK_STATUSES } from './tasks.js';

/** The longest range one calendar request may cover: a month view with its leading and trailing weeks, and some slack. */
export const MAX_CALENDAR_DAYS = 62;

const When = z.iso.datetime({ offset: true });
export const CalendarQuerySchema = z.object({
  from: When.describe('Start of the range (inclusive)'),
  to: When.describe(`End of the range (exclusive), at most ${MAX_CALENDAR_DAYS} days after from`),
  userId: IdSchema.optional().describe('Whose calendar: yours by default; someone else shows only what your scopes let you see'),
});
export type CalendarQuery = z.infer<typeof CalendarQuerySchema>;

export const CalendarItemSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('task'),
    id: IdSchema,
    title: z.string(),
    startsAt: TimestampSchema.describe('The due time'),
    allDay: z.boolean(),
    status: z.enum(TASK_STATUSES),
    priority: z.enum(TASK_PRIORITIES),
    organizationId: IdSchema.nullable(),
    contactId: IdSchema.nullable(),
  }),
  z.object({
    type: z.literal('activity'),
    id: IdSchema,
    kind: z.enum(ACTIVITY_KINDS),
    title: z.string(),
    startsAt: TimestampSchema,
    endsAt: TimestampSchema.nullable(),
    organizationId: IdSchema.nullable(),
    organizationName: z.string().nullable(),
  }),
]);
export type CalendarItem = z.infer<typeof CalendarItemSchema>;
export const CalendarSchema = z.object({ items: z.array(CalendarItemSchema).describe('By start time') });

export const FeedTokenRequestSchema = z.object({
  timeZone: z.string().max(64).optional().describe('IANA time zone for all-day tasks, e.g. Asia/Shanghai (defaults to UTC)'),
});
export const FeedTokenSchema = z.object({
  url: z.string().describe('The subscription URL; shown once, a new one replaces it'),
});
export const FeedStatusSchema = z.object({
  active: z.boolean().describe('Whether you have a feed URL that works'),
  createdAt: TimestampSchema.nullable().describe('When the current URL was made'),
  timeZone: z.string().nullable(),
});
export type FeedStatus = z.infer<typeof FeedStatusSchema>;
export const IcsQuerySchema = z.object({ token: z.string().min(1).max(200) });
