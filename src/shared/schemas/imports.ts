import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common.js';

/** Record types a file can be imported into; later modules add theirs here and in the server's import registry. */
export const IMPORT_ENTITIES = ['organizations', 'contacts', 'leads', 'opportunities', 'products'] as const;
export const ImportEntitySchema = z.enum(IMPORT_ENTITIES);
export type ImportEntity = z.infer<typeof ImportEntitySchema>;

/** What to do with a row that matches an existing record (name, USCC, phone or e-mail). */
export const DUPLICATE_MODES = ['skip', 'update', 'create'] as const;
export const DuplicateModeSchema = z.enum(DUPLICATE_MODES);
export type DuplicateMode = z.infer<typeof DuplicateModeSchema>;

export const IMPORT_STATUSES = ['uploaded', 'queued', 'running', 'done', 'failed', 'cancelled'] as const;

export const ImportFieldSchema = z.object({
  key: z.string().describe('Field key, e.g. name, phones, custom.revenue'),
  label: z.object({ en: z.string(), 'zh-CN': z.string() }),
  required: z.boolean(),
  custom: z.boolean(),
});
export type ImportField = z.infer<typeof ImportFieldSchema>;

/** Column index (0-based, as a string) → field key; unmapped columns are left out. */
export const ImportMappingSchema = z
  .record(z.string().regex(/^\d{1,4}$/), z.string().min(1).max(80))
  .describe('Column index (0-based) → field key; columns not listed are ignored');
export type ImportMapping = z.infer<typeof ImportMappingSchema>;

export const ImportSchema = z.object({
  id: IdSchema,
  entity: ImportEntitySchema,
  status: z.enum(IMPORT_STATUSES),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().describe('Detected text encoding: utf-8, utf-8-bom, gb18030 (GBK) …; "binary" for XLSX'),
  sizeBytes: z.number().int(),
  headers: z.array(z.string()),
  mapping: ImportMappingSchema.nullable(),
  duplicateMode: DuplicateModeSchema.nullable(),
  totalRows: z.number().int().nullable().describe('Data rows in the file, known once the job has counted them'),
  rowsProcessed: z.number().int().describe('Data rows committed so far (created, updated, skipped or failed)'),
  rowsCreated: z.number().int(),
  rowsUpdated: z.number().int(),
  rowsSkipped: z.number().int(),
  rowsFailed: z.number().int(),
  cancelRequested: z.boolean(),
  error: z.string().nullable(),
  createdBy: IdSchema,
  createdAt: TimestampSchema,
  startedAt: TimestampSchema.nullable(),
  finishedAt: TimestampSchema.nullable(),
});
export type Import = z.infer<typeof ImportSchema>;

export const ImportPageSchema = z.object({ items: z.array(ImportSchema), nextCursor: z.string().nullable() });
export const ImportListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: IdSchema.optional().describe('The id of the last import of the previous page'),
  entity: ImportEntitySchema.optional(),
});
export type ImportListQuery = z.infer<typeof ImportListQuerySchema>;

export const ImportProblemSchema = z.object({
  row: z.number().int().describe('Row in the file (the header is row 1)'),
  column: z.string().nullable().describe('Column header, or null when the problem is with the whole row'),
  reason: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblemSchema>;

/** The answer to an upload: what was read from the file and the mapping guessed from its headers. */
export const ImportUploadResultSchema = z.object({
  import: ImportSchema,
  fields: z.array(ImportFieldSchema),
  guessedMapping: ImportMappingSchema,
  previewRows: z.array(z.array(z.string())).describe('The first data rows as text'),
});
export type ImportUploadResult = z.infer<typeof ImportUploadResultSchema>;

export const ImportPreviewBodySchema = z.object({ mapping: ImportMappingSchema });
export const ImportPreviewSchema = z.object({
  rows: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()) })),
  problems: z.array(ImportProblemSchema),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportStartSchema = z.object({ mapping: ImportMappingSchema, duplicateMode: DuplicateModeSchema });
export type ImportStart = z.infer<typeof ImportStartSchema>;
