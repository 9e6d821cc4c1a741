import { z } from 'zod';
import { FILTER_QUERY_DESCRIPTION } from './list-filters.js';

/** GET /api/{organizations|contacts}/export: a list view (filters, sort, columns) as a file. */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_LANGUAGES = ['en', 'zh-CN'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

export const ExportQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS).default('csv').describe('csv: UTF-8 with BOM, RFC 4180; xlsx: Excel workbook'),
  q: z.string().trim().max(100).optional().describe('Matches the name, as on the list'),
  filter: z.string().max(8000).optional().describe(FILTER_QUERY_DESCRIPTION),
  sort: z.string().max(200).optional().describe('As the list endpoint\'s `sort`; default "-updatedAt"'),
  columns: z
    .string()
    .max(4000)
    .optional()
    .describe("Comma-separated field keys in the order wanted (custom fields as custom.<key>); default: the list's default columns"),
  lang: z.enum(EXPORT_LANGUAGES).optional().describe('Language of the header row and of enum values; default from Accept-Language'),
  tz: z.string().max(64).optional().describe('IANA time zone for timestamps, e.g. Asia/Shanghai; default UTC'),
});
export type ExportQuery = z.infer<typeof ExportQuerySchema>;
