import { z } from 'zod';
import { IdSchema, LocaleSchema, TimestampSchema } from './common.js';
import { PermissionsSchema } from './permissions.js';
import { PasswordSchema, UserSchema } from './users.js';

export const LoginSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, 'Required').max(254),
  password: z.string().min(1, 'Required').max(200),
});
export type Login = z.infer<typeof LoginSchema>;

export const MeSchema = z.object({
  user: UserSchema,
  permissions: PermissionsSchema,
  roleName: z.string(),
  teamName: z.string().nullable(),
  csrfToken: z.string().nullable().describe('Send as X-CSRF-Token on writes authenticated by the session cookie'),
});
export type Me = z.infer<typeof MeSchema>;

export const LoginResultSchema = MeSchema.extend({
  token: z.string().describe('Session token, usable as Authorization: Bearer'),
});

export const MeUpdateSchema = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  locale: LocaleSchema.optional(),
});

export const PasswordChangeSchema = z.object({
  currentPassword: z.string().min(1, 'Required').max(200),
  newPassword: PasswordSchema,
});

export const ApiTokenSchema = z.object({
  id: IdSchema,
  name: z.string(),
  tokenPrefix: z.string(),
  createdAt: TimestampSchema,
  lastUsedAt: TimestampSchema.nullable(),
  expiresAt: TimestampSchema.nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const ApiTokenCreateSchema = z.object({
  name: z.string().trim().min(1, 'Required').max(80),
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(null),
});
export const ApiTokenCreatedSchema = ApiTokenSchema.extend({
  token: z.string().describe('Shown once; store it now'),
});

export const SessionSchema = z.object({
  id: IdSchema,
  createdAt: TimestampSchema,
  lastSeenAt: TimestampSchema,
  expiresAt: TimestampSchema,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
