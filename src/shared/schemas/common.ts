import { z } from 'zod';

// One wording for a missing field everywhere, instead of zod's "expected string, received undefined".
z.config({
  customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'Required' : undefined),
});

export const IdSchema = z.string().uuid().describe('UUIDv7 identifier');
export const IdParamsSchema = z.object({ id: IdSchema });
export const TimestampSchema = z.string().describe('ISO-8601 UTC timestamp');

export const LOCALES = ['en', 'zh-CN'] as const;
export const LocaleSchema = z.enum(LOCALES).describe('Interface language');
export type Locale = z.infer<typeof LocaleSchema>;

/** Every error the API returns: `code` is stable and doubles as the i18n key in the web app. */
export const ErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional().describe('Per-field messages for validation errors'),
  }),
});
export type ApiError = z.infer<typeof ErrorSchema>['error'];

const booleanString = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Query parameters every list endpoint accepts. */
export const ListQueryBase = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size (1–200)'),
  cursor: z.string().max(2000).optional().describe('Opaque keyset cursor from the previous page'),
  sort: z.string().max(200).optional().describe('Comma-separated fields, "-" for descending, e.g. "name,-createdAt"'),
  total: booleanString.optional().describe('Also return the total number of matching records'),
});

export function pageSchema<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
    total: z.number().int().optional().describe('With total=true: matching records, counted up to a cap'),
    totalCapped: z.boolean().optional().describe('True when more records match than `total` says (the count stopped at the cap)'),
  });
}

/** PATCH bodies carry the version the client last read; a stale version answers 409. */
export const VersionSchema = z.number().int().min(1).describe('The record version the change is based on');

export const BooleanQuery = booleanString;

/** 204 responses. */
export const NoContentSchema = z.null().describe('No content');
