import { z } from 'zod';
import { IdSchema, ListQueryBase, pageSchema, TimestampSchema, VersionSchema } from './common.js';
import { PermissionsSchema } from './permissions.js';

export const RoleSchema = z.object({
  id: IdSchema,
  name: z.string(),
  description: z.string().nullable(),
  builtinKey: z.string().nullable().describe('Set for built-in roles, which cannot be deleted'),
  permissions: PermissionsSchema,
  userCount: z.number().int(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type Role = z.infer<typeof RoleSchema>;

const NameSchema = z.string().trim().min(1, 'Required').max(80);

export const RoleCreateSchema = z.object({
  name: NameSchema,
  description: z.string().trim().max(500).nullable().default(null),
  permissions: PermissionsSchema,
});
export type RoleCreate = z.infer<typeof RoleCreateSchema>;

export const RoleUpdateSchema = z.object({
  version: VersionSchema,
  name: NameSchema.optional(),
  description: z.string().trim().max(500).nullable().optional(),
  permissions: PermissionsSchema.optional(),
});
export type RoleUpdate = z.infer<typeof RoleUpdateSchema>;

export const ROLE_SORTS = ['name', 'createdAt', 'updatedAt'] as const;
export const RoleListQuerySchema = ListQueryBase.extend({ q: z.string().trim().max(100).optional() });
export type RoleListQuery = z.infer<typeof RoleListQuerySchema>;
export const RolePageSchema = pageSchema(RoleSchema);
