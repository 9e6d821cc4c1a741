import { z } from 'zod';
import { AuditEntrySchema } from './audit.js';
import { IdSchema, ListQueryBase, pageSchema, TimestampSchema, VersionSchema } from './common.js';
import { LifecycleTransitionSchema } from './customers.js';

/** 电话, 会议, 拜访, 邮件, 备注 */
export const ACTIVITY_KINDS = ['call', 'meeting', 'visit', 'email', 'note'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
/** Kinds that take a span of time somewhere: they have an end and a location. */
export const SCHEDULED_KINDS: readonly ActivityKind[] = ['meeting', 'visit'];
/** Kinds the calendar shows. */
export const CALENDAR_KINDS: readonly ActivityKind[] = ['meeting', 'visit', 'call'];
/** The longest meeting or visit: the calendar can then find those overlapping a day with one index range. */
export const MAX_ACTIVITY_DAYS = 31;

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
const When = z.iso.datetime({ offset: true }).describe('ISO-8601 timestamp with Z or an offset');

const ActivityFields = {
  kind: z.enum(ACTIVITY_KINDS),
  subject: text(200).min(1, 'Required'),
  body: optionalText(10_000).describe('Notes or outcome'),
  occurredAt: When.optional().describe('When it happened (for meetings and visits: the start); defaults to now'),
  endsAt: When.nullable().optional().describe('End of a meeting or visit'),
  location: optionalText(200),
  organizationId: IdSchema.nullable().optional(),
  contactIds: z.array(IdSchema).max(50).optional().describe('Contacts involved'),
  ownerId: IdSchema.optional().describe('Who did it; defaults to you. Another user takes update rights with team or all scope'),
};

export const ActivityCreateSchema = z.object(ActivityFields);
export type ActivityCreate = z.infer<typeof ActivityCreateSchema>;
export const ActivityUpdateSchema = ActivityCreateSchema.partial().extend({ version: VersionSchema });
export type ActivityUpdate = z.infer<typeof ActivityUpdateSchema>;

export const ActivitySchema = z.object({
  id: IdSchema,
  kind: z.enum(ACTIVITY_KINDS),
  subject: z.string(),
  body: z.string().nullable(),
  occurredAt: TimestampSchema,
  endsAt: TimestampSchema.nullable(),
  location: z.string().nullable(),
  organizationId: IdSchema.nullable(),
  organizationName: z.string().nullable().describe('Null when the organization is in the recycle bin'),
  contacts: z.array(z.object({ contactId: IdSchema, contactName: z.string() })).describe('Live contacts involved'),
  ownerId: IdSchema,
  ownerName: z.string().nullable(),
  teamId: IdSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type Activity = z.infer<typeof ActivitySchema>;

export const ACTIVITY_SORTS = ['occurredAt'] as const;
export const ActivityListQuerySchema = ListQueryBase.extend({
  q: z.string().trim().max(100).optional().describe('Matches the subject'),
  kind: z.enum(ACTIVITY_KINDS).optional(),
  organizationId: IdSchema.optional(),
  contactId: IdSchema.optional(),
  ownerId: IdSchema.optional(),
  teamId: IdSchema.optional(),
  from: When.optional().describe('occurredAt at or after'),
  to: When.optional().describe('occurredAt before'),
});
export type ActivityListQuery = z.infer<typeof ActivityListQuerySchema>;
export const ActivityPageSchema = pageSchema(ActivitySchema);

export const TimelineQuerySchema = z
  .object({
    organizationId: IdSchema.optional(),
    contactId: IdSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20).describe('Page size (1–100)'),
    cursor: z.string().max(2000).optional().describe('Opaque cursor from the previous page'),
  })
  .refine((q) => !!q.organizationId !== !!q.contactId, { message: 'Give organizationId or contactId', path: ['organizationId'] });
export type TimelineQuery = z.infer<typeof TimelineQuerySchema>;

/** One entry of a record's 360° timeline: something done with the customer, a change of the record, or a lifecycle step. */
export const TimelineItemSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('activity'), id: IdSchema, at: TimestampSchema, activity: ActivitySchema }),
  z.object({ type: z.literal('change'), id: IdSchema, at: TimestampSchema, change: AuditEntrySchema }),
  z.object({ type: z.literal('lifecycle'), id: IdSchema, at: TimestampSchema, transition: LifecycleTransitionSchema }),
]);
export type TimelineItem = z.infer<typeof TimelineItemSchema>;
export const TimelinePageSchema = z.object({
  items: z.array(TimelineItemSchema).describe('Newest first'),
  nextCursor: z.string().nullable(),
});

/** What the calendar shows of a meeting, visit or call. */
export const ActivityCalendarItemSchema = z.object({
  id: IdSchema,
  kind: z.enum(ACTIVITY_KINDS),
  subject: z.string(),
  startsAt: TimestampSchema,
  endsAt: TimestampSchema.nullable(),
  organizationId: IdSchema.nullable(),
  organizationName: z.string().nullable(),
});
export type ActivityCalendarItem = z.infer<typeof ActivityCalendarItemSchema>;
