import { z } from 'zod';
import { CurrencySchema, NonNegativeMoneySchema } from '../money.js';
import { IdSchema, ListQueryBase, pageSchema, TimestampSchema, VersionSchema } from './common.js';
import { DuplicatesSchema } from './duplicates.js';

/** Where a lead came from: 展会, 官网, 转介绍, 电话营销, 广告, 其他. */
export const LEAD_SOURCES = ['trade_show', 'website', 'referral', 'telemarketing', 'advertising', 'other'] as const;
/** `converted` is set only by the conversion, never by an edit. */
export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'unqualified', 'converted'] as const;
export const EDITABLE_LEAD_STATUSES = ['new', 'contacted', 'qualified', 'unqualified'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];
export type LeadStatus = (typeof LEAD_STATUSES)[number];

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
const DateOnly = z.iso.date().describe('Date as YYYY-MM-DD');

const LeadFields = {
  name: text(120).min(1, 'Required').describe('The person'),
  company: optionalText(200),
  title: optionalText(100).describe('Job title'),
  phone: optionalText(40),
  email: z.string().trim().toLowerCase().email('Enter a valid e-mail address').max(254).nullable().optional().or(z.literal('')),
  source: z.enum(LEAD_SOURCES),
  status: z.enum(EDITABLE_LEAD_STATUSES).optional().describe('Defaults to new; converted is set by POST /api/leads/{id}/convert'),
  qualificationNotes: optionalText(10_000),
  provinceCode: optionalText(12).describe('Province code (GB/T 2260), e.g. 440000; assignment rules match on it'),
  cityCode: optionalText(12).describe('City code within the province'),
  industry: optionalText(80),
  ownerId: IdSchema.nullable().optional().describe('Left out on create: the assignment rules choose the owner (you when none matches)'),
};

export const LeadCreateSchema = z.object(LeadFields);
export type LeadCreate = z.infer<typeof LeadCreateSchema>;
export const LeadUpdateSchema = LeadCreateSchema.partial().extend({ version: VersionSchema });
export type LeadUpdate = z.infer<typeof LeadUpdateSchema>;

export const LeadSchema = z.object({
  id: IdSchema,
  name: z.string(),
  company: z.string().nullable(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  source: z.enum(LEAD_SOURCES),
  status: z.enum(LEAD_STATUSES),
  qualificationNotes: z.string().nullable(),
  provinceCode: z.string().nullable(),
  provinceName: z.string().nullable(),
  cityCode: z.string().nullable(),
  cityName: z.string().nullable(),
  industry: z.string().nullable(),
  ownerId: IdSchema.nullable(),
  ownerName: z.string().nullable(),
  teamId: IdSchema.nullable(),
  convertedAt: TimestampSchema.nullable(),
  convertedOrganizationId: IdSchema.nullable(),
  convertedOrganizationName: z.string().nullable(),
  convertedContactId: IdSchema.nullable(),
  convertedContactName: z.string().nullable(),
  convertedOpportunityId: IdSchema.nullable(),
  createdBy: IdSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type Lead = z.infer<typeof LeadSchema>;

export const LEAD_SORTS = ['createdAt', 'updatedAt', 'name'] as const;
export const LeadListQuerySchema = ListQueryBase.extend({
  q: z.string().trim().max(100).optional().describe('Matches the name or the company'),
  status: z.enum(LEAD_STATUSES).optional(),
  source: z.enum(LEAD_SOURCES).optional(),
  ownerId: IdSchema.optional(),
  teamId: IdSchema.optional(),
  provinceCode: z.string().max(12).optional(),
  sort: z
    .string()
    .max(200)
    .optional()
    .describe(`Comma-separated, "-" for descending; fields: ${LEAD_SORTS.join(', ')} (default -createdAt)`),
});
export type LeadListQuery = z.infer<typeof LeadListQuerySchema>;
export const LeadPageSchema = pageSchema(LeadSchema);

/** Reuse a record the duplicate check found (or the client chose), or create a new one. */
const ReuseOrNew = z.object({
  id: IdSchema.optional().describe('Reuse this record; left out: reuse the strongest duplicate match, or create a new one'),
  createNew: z.boolean().optional().describe('Create a new record even when the duplicate check finds one'),
});

export const LeadConvertSchema = z.object({
  version: VersionSchema,
  organizationId: IdSchema.optional().describe('Reuse this organization (must be visible to you)'),
  organization: ReuseOrNew.extend({ name: text(200).min(1).optional().describe('Name of a new organization; defaults to the company') }).optional(),
  contactId: IdSchema.optional().describe('Reuse this contact (must be visible to you)'),
  contact: ReuseOrNew.optional(),
  opportunity: z
    .object({
      name: text(200).min(1, 'Required'),
      pipelineId: IdSchema.optional().describe('Defaults to the default pipeline'),
      amount: NonNegativeMoneySchema.optional(),
      currency: CurrencySchema.optional(),
      expectedCloseDate: DateOnly.optional(),
    })
    .optional()
    .describe('Also create an opportunity in the default pipeline'),
});
export type LeadConvert = z.infer<typeof LeadConvertSchema>;

export const LeadConversionSchema = z.object({
  lead: LeadSchema,
  organizationId: IdSchema,
  organizationReused: z.boolean(),
  contactId: IdSchema,
  contactReused: z.boolean(),
  opportunityId: IdSchema.nullable(),
});

/** Rules tried in order when a lead arrives without an owner. */
export const LeadRuleInputSchema = z
  .object({
    id: IdSchema.optional().describe('An existing rule kept (with its round-robin position); left out: a new rule'),
    name: text(100).min(1, 'Required'),
    provinceCode: optionalText(12).describe('Only leads from this province; empty: any'),
    teamId: IdSchema.nullable().optional().describe('Members of this team take turns (round robin)'),
    userId: IdSchema.nullable().optional().describe('Always this user'),
    active: z.boolean().default(true),
  })
  .refine((r) => !!r.teamId || !!r.userId, { message: 'Choose a team or a user', path: ['teamId'] });
export type LeadRuleInput = z.infer<typeof LeadRuleInputSchema>;

export const LeadRuleSchema = z.object({
  id: IdSchema,
  name: z.string(),
  position: z.number().int(),
  provinceCode: z.string().nullable(),
  provinceName: z.string().nullable(),
  teamId: IdSchema.nullable(),
  teamName: z.string().nullable(),
  userId: IdSchema.nullable(),
  userName: z.string().nullable(),
  active: z.boolean(),
  turns: z.number().int().describe('Leads this rule has assigned'),
});
export type LeadRule = z.infer<typeof LeadRuleSchema>;
export const LeadRulesSchema = z.object({ items: z.array(LeadRuleSchema).describe('In the order they are tried') });
export const LeadRulesReplaceSchema = z.object({ rules: z.array(LeadRuleInputSchema).max(100).describe('The new list, in order; replaces all rules') });
export type LeadRules = z.infer<typeof LeadRulesSchema>;

export const LeadConversionPreviewSchema = z.object({
  organizations: DuplicatesSchema.describe('Organizations like the lead’s company'),
  contacts: DuplicatesSchema.describe('Contacts like the lead’s person'),
  suggestedOrganizationId: IdSchema.nullable().describe('The organization a conversion without choices would reuse'),
  suggestedContactId: IdSchema.nullable(),
});
export type LeadConversionPreview = z.infer<typeof LeadConversionPreviewSchema>;
