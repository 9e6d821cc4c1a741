import { z } from 'zod';
import { IdSchema, TimestampSchema, VersionSchema } from './common.js';

/**
 * Custom fields: admins add typed fields, grouped into sections, to a record type. Values live in the
 * record's `custom` JSON object under the field's `key` (see docs/DECISIONS.md). Later modules reuse
 * this by adding their record type to CUSTOM_FIELD_ENTITIES.
 */
export const CUSTOM_FIELD_ENTITIES = ['organizations', 'contacts'] as const;
export const CustomFieldEntitySchema = z.enum(CUSTOM_FIELD_ENTITIES);
export type CustomFieldEntity = z.infer<typeof CustomFieldEntitySchema>;

export const CUSTOM_FIELD_TYPES = ['text', 'longText', 'number', 'money', 'date', 'select', 'multiSelect', 'boolean', 'url', 'user'] as const;
export const CustomFieldTypeSchema = z.enum(CUSTOM_FIELD_TYPES);
export type CustomFieldType = z.infer<typeof CustomFieldTypeSchema>;

/** A label in both interface languages; the other one is shown when one is empty. */
export const BilingualLabelSchema = z.object({
  en: z.string().trim().max(100),
  'zh-CN': z.string().trim().max(100),
});
export type BilingualLabel = z.infer<typeof BilingualLabelSchema>;

export const SelectOptionSchema = z.object({
  value: z.string().trim().min(1).max(60),
  label: BilingualLabelSchema,
});
export type SelectOption = z.infer<typeof SelectOptionSchema>;

/** Lower-case letters, digits and underscores, starting with a letter: safe as a JSON key and in index names. */
export const CustomFieldKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Lower-case letters, digits and _; starts with a letter; at most 40 characters')
  .describe('Stable key of the value in `custom`');

export const FieldGroupSchema = z.object({
  id: IdSchema,
  entity: CustomFieldEntitySchema,
  label: BilingualLabelSchema,
  position: z.number().int(),
  version: z.number().int(),
});
export type FieldGroup = z.infer<typeof FieldGroupSchema>;

export const CustomFieldSchema = z.object({
  id: IdSchema,
  entity: CustomFieldEntitySchema,
  key: CustomFieldKeySchema,
  label: BilingualLabelSchema,
  type: CustomFieldTypeSchema,
  /** select / multiSelect only */
  options: z.array(SelectOptionSchema),
  required: z.boolean(),
  groupId: IdSchema.nullable().describe('Section the field appears in; null = "Other"'),
  position: z.number().int(),
  /** Shown as a column of the list unless the user chose otherwise. */
  showInList: z.boolean(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type CustomField = z.infer<typeof CustomFieldSchema>;

export const CustomFieldCreateSchema = z.object({
  entity: CustomFieldEntitySchema,
  key: CustomFieldKeySchema,
  label: BilingualLabelSchema,
  type: CustomFieldTypeSchema,
  options: z.array(SelectOptionSchema).max(200).default([]),
  required: z.boolean().default(false),
  groupId: IdSchema.nullable().default(null),
  position: z.number().int().min(0).max(10_000).optional(),
  showInList: z.boolean().default(false),
});
export type CustomFieldCreate = z.infer<typeof CustomFieldCreateSchema>;

/**
 * Key, entity and type are fixed once created: stored values and indexes depend on them. Sending one
 * is a 400 naming it rather than silently ignored, so a client that meant to change it learns it did not.
 */
const fixedAfterCreation = (what: string) =>
  z
    .never({ error: `The ${what} is fixed after creation; create a new field instead` })
    .optional()
    .describe(`Not accepted: the ${what} cannot change`);
export const CustomFieldUpdateSchema = CustomFieldCreateSchema.omit({ entity: true, key: true, type: true })
  .partial()
  .extend({ version: VersionSchema, entity: fixedAfterCreation('record type'), key: fixedAfterCreation('key'), type: fixedAfterCreation('type') });
export type CustomFieldUpdate = z.infer<typeof CustomFieldUpdateSchema>;

export const FieldGroupCreateSchema = z.object({
  entity: CustomFieldEntitySchema,
  label: BilingualLabelSchema,
  position: z.number().int().min(0).max(10_000).optional(),
});
export const FieldGroupUpdateSchema = FieldGroupCreateSchema.omit({ entity: true }).partial().extend({ version: VersionSchema });

export const CustomFieldListQuerySchema = z.object({ entity: CustomFieldEntitySchema.optional() });
/** Everything a form, a detail page or a list needs to show one record type's custom fields. */
export const CustomFieldCatalogSchema = z.object({
  groups: z.array(FieldGroupSchema),
  fields: z.array(CustomFieldSchema),
});
export type CustomFieldCatalog = z.infer<typeof CustomFieldCatalogSchema>;

/**
 * A value as sent and returned: text types are strings, number/money numbers, date "YYYY-MM-DD",
 * multiSelect string[], boolean boolean, user a user id; null clears it.
 */
export const CustomValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);
export const CustomValuesSchema = z
  .record(z.string(), CustomValueSchema)
  .describe('Custom field values by field key; see GET /api/custom-fields for the fields, their types and options');
export type CustomValues = z.infer<typeof CustomValuesSchema>;

/**
 * The `custom` property of a record type's API objects. The OpenAPI document replaces it with the
 * live field definitions of that record type (found by the `x-custom-fields` mark).
 */
export const customValuesOf = (entity: CustomFieldEntity) =>
  CustomValuesSchema.meta({
    description: `Custom field values by field key; GET /api/custom-fields?entity=${entity} lists the fields, their types and options`,
    'x-custom-fields': entity,
  });
