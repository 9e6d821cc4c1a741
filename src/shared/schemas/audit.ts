import { z } from 'zod';
import { IdSchema, ListQueryBase, pageSchema, TimestampSchema } from './common.js';

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'restore', 'login', 'login_failed', 'logout', 'export', 'import'] as const;

export const AuditEntrySchema = z.object({
  id: IdSchema,
  at: TimestampSchema,
  actorId: IdSchema.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })).nullable(),
  meta: z.record(z.string(), z.unknown()).nullable(),
  ip: z.string().nullable(),
  names: z
    .record(z.string(), z.string())
    .optional()
    .describe('Names of the users and teams whose ids appear in the changes (owner, team, assignee, user fields), by id; names only'),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditListQuerySchema = ListQueryBase.omit({ sort: true }).extend({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  actorId: IdSchema.optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  from: z.string().datetime().optional().describe('Inclusive lower bound on the time'),
  to: z.string().datetime().optional().describe('Exclusive upper bound on the time'),
});
export type AuditListQuery = z.infer<typeof AuditListQuerySchema>;
export const AuditPageSchema = pageSchema(AuditEntrySchema);

export const RecordRefParamsSchema = z.object({ type: z.string().max(50), id: IdSchema });

export const DeletedItemSchema = z.object({
  type: z.string(),
  id: IdSchema,
  title: z.string(),
  deletedAt: TimestampSchema,
  deletedBy: IdSchema.nullable(),
  deletedByName: z.string().nullable(),
});
export const RecycleBinQuerySchema = ListQueryBase.omit({ sort: true, total: true }).extend({
  type: z.string().max(50).describe('Record type, e.g. users'),
});
export const RecycleBinPageSchema = pageSchema(DeletedItemSchema);
export const RecycleBinTypesSchema = z.object({ types: z.array(z.string()) });
