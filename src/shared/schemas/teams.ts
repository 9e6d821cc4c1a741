import { z } from 'zod';
import { IdSchema, ListQueryBase, pageSchema, TimestampSchema, VersionSchema } from './common.js';

export const TeamSchema = z.object({
  id: IdSchema,
  name: z.string(),
  parentId: IdSchema.nullable(),
  depth: z.number().int().describe('0 for a top-level team'),
  memberCount: z.number().int(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type Team = z.infer<typeof TeamSchema>;

const NameSchema = z.string().trim().min(1, 'Required').max(120);

export const TeamCreateSchema = z.object({
  name: NameSchema,
  parentId: IdSchema.nullable().default(null),
});
export type TeamCreate = z.infer<typeof TeamCreateSchema>;

export const TeamUpdateSchema = z.object({
  version: VersionSchema,
  name: NameSchema.optional(),
  parentId: IdSchema.nullable().optional(),
});
export type TeamUpdate = z.infer<typeof TeamUpdateSchema>;

export const TEAM_SORTS = ['name', 'createdAt', 'updatedAt'] as const;

export const TeamListQuerySchema = ListQueryBase.extend({
  q: z.string().trim().max(100).optional(),
  parentId: IdSchema.optional(),
});
export type TeamListQuery = z.infer<typeof TeamListQuerySchema>;

export const TeamPageSchema = pageSchema(TeamSchema);
