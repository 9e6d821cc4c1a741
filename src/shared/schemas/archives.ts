import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common.js';

/**
 * The seven parts of the enterprise archive (客户企业档案) and the fields of each, in the order of the
 * reference (第五讲 客户档案管理). Every field is rich text (sanitised HTML).
 */
export const ENTERPRISE_SECTIONS = {
  summary: ['overview'],
  industry: ['macro', 'dynamics', 'competition'],
  strategy: ['businessDemands', 'ceoFocus', 'businessStrategy', 'publicRelations', 'painPoints'],
  financial: ['performance', 'spending'],
  organization: ['structure', 'procurement'],
  swot: ['strengths', 'weaknesses', 'opportunities', 'threats'],
  appendix: ['executives', 'segments', 'keyEventCalendar', 'market'],
} as const;
export type EnterpriseSection = keyof typeof ENTERPRISE_SECTIONS;
export const ENTERPRISE_SECTION_KEYS = Object.keys(ENTERPRISE_SECTIONS) as EnterpriseSection[];

/** One competing supplier in the supplier archive (供应商档案): position, perception, offer, relationships by level, SWOT. */
export const SUPPLIER_FIELDS = [
  'position',
  'perception',
  'products',
  'services',
  'relationOrganization',
  'relationSenior',
  'relationMiddle',
  'relationJunior',
  'strengths',
  'weaknesses',
  'opportunities',
  'threats',
] as const;
export type SupplierField = (typeof SUPPLIER_FIELDS)[number];

/** Largest attachment accepted; bytes are stored in the database. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const Html = z.string().max(200_000).describe('Rich text as HTML; sanitised by the server (no scripts, event handlers or javascript: links)');

export const AttachmentSchema = z.object({
  id: IdSchema,
  section: z.string(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  createdAt: TimestampSchema,
  createdBy: IdSchema.nullable(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

export const ArchiveSectionSchema = z.object({
  key: z.enum(ENTERPRISE_SECTION_KEYS as [EnterpriseSection, ...EnterpriseSection[]]),
  content: z.record(z.string(), z.string()).describe('Field → sanitised HTML'),
  version: z.number().int().describe('0 while the section has never been saved'),
  updatedAt: TimestampSchema.nullable(),
  attachments: z.array(AttachmentSchema),
});
export const EnterpriseArchiveSchema = z.object({
  organizationId: IdSchema,
  sections: z.array(ArchiveSectionSchema).describe('All seven sections, in the order of the reference'),
  completeness: z.object({ filled: z.number().int(), total: z.number().int() }).describe('Fields with text, out of all fields'),
});
export type EnterpriseArchive = z.infer<typeof EnterpriseArchiveSchema>;

export const EnterpriseArchiveUpdateSchema = z.object({
  sections: z
    .array(
      z.object({
        key: z.enum(ENTERPRISE_SECTION_KEYS as [EnterpriseSection, ...EnterpriseSection[]]),
        content: z.record(z.string(), Html).describe('Fields to set; others keep their text'),
        version: z.number().int().min(0).describe('The section version you read (0 for a new section)'),
      }),
    )
    .min(1)
    .max(ENTERPRISE_SECTION_KEYS.length),
});
export type EnterpriseArchiveUpdate = z.infer<typeof EnterpriseArchiveUpdateSchema>;

export const SupplierEntrySchema = z.object({
  id: IdSchema,
  competitor: z.string(),
  content: z.record(z.string(), z.string()),
  version: z.number().int(),
  updatedAt: TimestampSchema,
});
export const SupplierArchiveSchema = z.object({
  organizationId: IdSchema,
  suppliers: z.array(SupplierEntrySchema),
});
export type SupplierArchive = z.infer<typeof SupplierArchiveSchema>;
export const SupplierArchiveUpdateSchema = z.object({
  suppliers: z
    .array(
      z.object({
        id: IdSchema.optional().describe('Omit for a new supplier'),
        competitor: z.string().trim().min(1, 'Required').max(200),
        content: z.record(z.string(), Html),
        version: z.number().int().min(1).optional().describe('The version you read (existing suppliers)'),
      }),
    )
    .max(50)
    .describe('The whole list: suppliers left out are removed'),
});
export type SupplierArchiveUpdate = z.infer<typeof SupplierArchiveUpdateSchema>;

export const OrganizationParamsSchema = z.object({ organizationId: IdSchema });
export const AttachmentParamsSchema = z.object({ organizationId: IdSchema, id: IdSchema });
