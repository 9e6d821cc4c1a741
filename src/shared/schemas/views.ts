import { z } from 'zod';
import { IdSchema, TimestampSchema, VersionSchema } from './common.js';
import { FiltersSchema } from './list-filters.js';

/** Record types that have list views. */
export const VIEW_ENTITIES = ['organizations', 'contacts'] as const;
export const ViewEntitySchema = z.enum(VIEW_ENTITIES);
export type ViewEntity = z.infer<typeof ViewEntitySchema>;

/** What a list shows: its columns in order, filters, sort and search text. */
export const ViewConfigSchema = z.object({
  columns: z.array(z.string().min(1).max(60)).max(60).describe('Field keys in display order, custom ones as "custom.<key>"'),
  filters: FiltersSchema,
  sort: z.string().max(200).nullable().describe("As the list endpoint's `sort` parameter"),
  q: z.string().max(100).nullable(),
});
export type ViewConfig = z.infer<typeof ViewConfigSchema>;

export const ViewSchema = z.object({
  id: IdSchema,
  entity: ViewEntitySchema,
  name: z.string(),
  /** Shared views are seen by everyone who can read the entity; personal ones only by their owner. */
  shared: z.boolean(),
  ownerId: IdSchema,
  config: ViewConfigSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type View = z.infer<typeof ViewSchema>;

export const ViewCreateSchema = z.object({
  entity: ViewEntitySchema,
  name: z.string().trim().min(1, 'Required').max(80),
  shared: z.boolean().default(false),
  config: ViewConfigSchema,
});
export type ViewCreate = z.infer<typeof ViewCreateSchema>;
export const ViewUpdateSchema = ViewCreateSchema.omit({ entity: true }).partial().extend({ version: VersionSchema });
export type ViewUpdate = z.infer<typeof ViewUpdateSchema>;
export const ViewListQuerySchema = z.object({ entity: ViewEntitySchema });
export const ViewListSchema = z.object({ items: z.array(ViewSchema) });

/** POST /api/{organizations|contacts}/bulk: one action on up to 500 selected records. */
export const BULK_ACTIONS = ['assign', 'addTags', 'removeTags', 'edit', 'delete'] as const;
export const BulkRequestSchema = z.object({
  ids: z.array(IdSchema).min(1).max(500),
  action: z.enum(BULK_ACTIONS),
  ownerId: IdSchema.nullable().optional().describe('assign: the new owner; null returns organizations to the pool'),
  tags: z.array(z.string().trim().min(1).max(40)).max(50).optional().describe('addTags / removeTags'),
  changes: z.record(z.string(), z.unknown()).optional().describe('edit: fields to set on every record, as in PATCH (without version)'),
});
export type BulkRequest = z.infer<typeof BulkRequestSchema>;
export const BulkResultSchema = z.object({
  updated: z.number().int(),
  failed: z.array(z.object({ id: IdSchema, code: z.string(), message: z.string() })),
});
export type BulkResult = z.infer<typeof BulkResultSchema>;
