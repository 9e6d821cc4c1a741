import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common.js';

/** Kinds the web shows with a label of their own; other modules may add kinds (shown by title alone). */
export const NOTIFICATION_KINDS = ['task.reminder', 'task.assigned', 'tracking.no_contact', 'pool.warning', 'pool.returned'] as const;

export const NotificationSchema = z.object({
  id: IdSchema,
  kind: z.string().describe('e.g. task.reminder, task.assigned, tracking.no_contact, pool.warning'),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable().describe('Path inside the web app to open, e.g. /tasks?open=…'),
  readAt: z.string().nullable(),
  createdAt: TimestampSchema,
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Page size (1–100)'),
  cursor: z.string().max(2000).optional().describe('Opaque keyset cursor from the previous page'),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuerySchema>;
export const NotificationPageSchema = z.object({
  items: z.array(NotificationSchema).describe('Unread first, then read; newest first within each'),
  nextCursor: z.string().nullable(),
});
export const UnreadCountSchema = z.object({ count: z.number().int().describe('Unread notifications, capped at 100') });
