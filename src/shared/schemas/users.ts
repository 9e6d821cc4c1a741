import { z } from 'zod';
import { BooleanQuery, IdSchema, ListQueryBase, LocaleSchema, pageSchema, TimestampSchema, VersionSchema } from './common.js';

export const PasswordSchema = z.string().min(10, 'Use at least 10 characters').max(200).describe('At least 10 characters');

export const UserSchema = z.object({
  id: IdSchema,
  email: z.string(),
  name: z.string(),
  locale: LocaleSchema,
  teamId: IdSchema.nullable(),
  roleId: IdSchema,
  active: z.boolean(),
  lastLoginAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type User = z.infer<typeof UserSchema>;

const EmailSchema = z.string().trim().toLowerCase().email('Enter a valid e-mail address').max(254);
const NameSchema = z.string().trim().min(1, 'Required').max(120);

export const UserCreateSchema = z.object({
  email: EmailSchema,
  name: NameSchema,
  password: PasswordSchema,
  locale: LocaleSchema.default('zh-CN'),
  teamId: IdSchema.nullable().default(null),
  roleId: IdSchema,
});
export type UserCreate = z.infer<typeof UserCreateSchema>;

export const UserUpdateSchema = z.object({
  version: VersionSchema,
  email: EmailSchema.optional(),
  name: NameSchema.optional(),
  locale: LocaleSchema.optional(),
  teamId: IdSchema.nullable().optional(),
  roleId: IdSchema.optional(),
  active: z.boolean().optional().describe('false deactivates the user and ends their sessions'),
  password: PasswordSchema.optional().describe('Sets a new password (admin reset)'),
});
export type UserUpdate = z.infer<typeof UserUpdateSchema>;

export const USER_SORTS = ['name', 'email', 'createdAt', 'updatedAt'] as const;

export const UserListQuerySchema = ListQueryBase.extend({
  q: z.string().trim().max(100).optional().describe('Matches name or e-mail'),
  teamId: IdSchema.optional(),
  roleId: IdSchema.optional(),
  active: BooleanQuery.optional(),
});
export type UserListQuery = z.infer<typeof UserListQuerySchema>;

export const UserPageSchema = pageSchema(UserSchema);
