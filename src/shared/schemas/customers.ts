import { z } from 'zod';
import { IdSchema, ListQueryBase, pageSchema, TimestampSchema, VersionSchema } from './common.js';
import { customValuesOf } from './custom-fields.js';
import { FILTER_QUERY_DESCRIPTION } from './list-filters.js';
import { RegionNamesSchema } from './regions.js';

/** "Customer" is broad (广义客户): every party we deal with has a type. */
export const PARTY_TYPES = ['customer', 'distributor', 'supplier', 'partner', 'competitor', 'media', 'other'] as const;
/** 潜在 → 意向 → 现有 → 已终止 */
export const LIFECYCLE_STATUSES = ['potential', 'intended', 'existing', 'terminated'] as const;
/** A/B/C by value; key = 大客户 */
export const TIERS = ['key', 'A', 'B', 'C'] as const;
export const ORG_SIZES = ['1-19', '20-99', '100-499', '500-999', '1000-4999', '5000+'] as const;

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();

export const PhoneSchema = z.object({
  label: text(40).optional(),
  number: text(40).min(3, 'Enter a phone number'),
});
export const EmailSchema = z.object({
  label: text(40).optional(),
  address: z.string().trim().toLowerCase().email('Enter a valid e-mail address').max(254),
});
export type Phone = z.infer<typeof PhoneSchema>;
export type Email = z.infer<typeof EmailSchema>;

/**
 * A website is an http(s) address or a bare domain ("www.huaqiang.example", stored as https://…);
 * anything else (javascript:, mailto:, a phrase) is refused, because the address becomes a link.
 * The host is kept as typed, so 华为.中国 stays readable instead of becoming punycode.
 */
export function normalizeWebsite(input: string): string | null {
  if (/\s/.test(input)) return null;
  const hasScheme = /^https?:\/\//i.test(input);
  // "name:" that is not "host:port" is some other scheme.
  if (!hasScheme && /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(input)) return null;
  const candidate = hasScheme ? input.replace(/^https?/i, (scheme) => scheme.toLowerCase()) : `https://${input}`;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  if (url.hostname !== 'localhost' && !/^[^.]+(\.[^.]+)+$/.test(url.hostname)) return null;
  return candidate;
}

const WebsiteSchema = z
  .string()
  .trim()
  .max(300)
  .refine((v) => v === '' || normalizeWebsite(v) !== null, 'Enter a web address: http(s)://… or a domain such as www.example.com')
  .transform((v) => (v === '' ? v : (normalizeWebsite(v) as string)))
  .describe('http(s) address or a bare domain (stored with https://); empty clears it');

const AddressFields = {
  country: optionalText(2).describe('ISO 3166-1 alpha-2, e.g. CN; set to CN when only divisions are given'),
  province: optionalText(12).describe('China only: province code (GB/T 2260), e.g. 440000; see GET /api/regions'),
  city: optionalText(12).describe('City code within the province, e.g. 440300'),
  district: optionalText(12).describe('District code within the city, e.g. 440305'),
  address: optionalText(300),
};

const OrganizationFields = {
  name: text(200).min(1, 'Required'),
  partyType: z.enum(PARTY_TYPES),
  lifecycleStatus: z.enum(LIFECYCLE_STATUSES),
  tier: z.enum(TIERS).nullable().optional(),
  ownerId: IdSchema.nullable().optional().describe('null puts the organization into the shared pool (公海)'),
  industry: optionalText(80),
  size: z.enum(ORG_SIZES).nullable().optional(),
  source: optionalText(80),
  ...AddressFields,
  website: WebsiteSchema.nullable().optional(),
  uscc: optionalText(18).describe('Unified social credit code (统一社会信用代码), 18 characters with check character'),
  tags: z.array(text(40).min(1)).max(50).optional(),
  phones: z.array(PhoneSchema).max(20).optional(),
  emails: z.array(EmailSchema).max(20).optional(),
  notes: optionalText(10_000),
  custom: customValuesOf('organizations').optional(),
};

export const OrganizationSchema = z.object({
  id: IdSchema,
  name: z.string(),
  partyType: z.enum(PARTY_TYPES),
  lifecycleStatus: z.enum(LIFECYCLE_STATUSES),
  tier: z.enum(TIERS).nullable(),
  ownerId: IdSchema.nullable(),
  teamId: IdSchema.nullable(),
  industry: z.string().nullable(),
  size: z.enum(ORG_SIZES).nullable(),
  source: z.string().nullable(),
  country: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  district: z.string().nullable(),
  regionNames: RegionNamesSchema.describe('Names of the country and division codes, for display'),
  address: z.string().nullable(),
  website: z.string().nullable(),
  uscc: z.string().nullable(),
  tags: z.array(z.string()),
  phones: z.array(PhoneSchema),
  emails: z.array(EmailSchema),
  notes: z.string().nullable(),
  custom: customValuesOf('organizations'),
  lastActivityAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type Organization = z.infer<typeof OrganizationSchema>;

const OrganizationBase = z.object(OrganizationFields);
const LifecycleReason = optionalText(500).describe('Why the lifecycle status changes (recorded with the transition)');
export const OrganizationCreateSchema = OrganizationBase.extend({
  partyType: OrganizationFields.partyType.default('customer'),
  lifecycleStatus: OrganizationFields.lifecycleStatus.default('potential'),
  lifecycleReason: LifecycleReason,
});
export type OrganizationCreate = z.infer<typeof OrganizationCreateSchema>;

export const OrganizationUpdateSchema = OrganizationBase.partial().extend({
  version: VersionSchema,
  lifecycleReason: LifecycleReason,
});
export type OrganizationUpdate = z.infer<typeof OrganizationUpdateSchema>;

/** Sortable built-in fields of the organization list; custom fields sort as "custom.<key>" (not long text or multi-select). */
export const ORGANIZATION_SORTS = [
  'name',
  'createdAt',
  'updatedAt',
  'lastActivityAt',
  'tier',
  'industry',
  'size',
  'source',
  'province',
  'city',
  'partyType',
  'lifecycleStatus',
] as const;
/** The `filter` query parameter of customer lists (see list-filters.ts); custom fields as "custom.<key>". */
const ListFilterParam = z.string().max(8000).optional().describe(FILTER_QUERY_DESCRIPTION);
const sortParam = (fields: readonly string[]) =>
  z
    .string()
    .max(200)
    .optional()
    .describe(
      `Up to three of ${fields.join(', ')} or custom.<key>, comma-separated, "-" for descending; empty values sort first ascending and last descending`,
    );
export const OrganizationListQuerySchema = ListQueryBase.extend({
  q: z.string().trim().max(100).optional().describe('Matches the name'),
  partyType: z.enum(PARTY_TYPES).optional(),
  lifecycleStatus: z.enum(LIFECYCLE_STATUSES).optional(),
  tier: z.enum(TIERS).optional(),
  province: z.string().max(12).optional(),
  ownerId: IdSchema.optional(),
  teamId: IdSchema.optional(),
  tag: z.string().trim().max(40).optional().describe('Has this tag (exact match)'),
  filter: ListFilterParam,
  sort: sortParam(ORGANIZATION_SORTS),
});
export type OrganizationListQuery = z.infer<typeof OrganizationListQuerySchema>;
export const OrganizationPageSchema = pageSchema(OrganizationSchema);

export const LifecycleTransitionSchema = z.object({
  id: IdSchema,
  fromStatus: z.enum(LIFECYCLE_STATUSES).nullable(),
  toStatus: z.enum(LIFECYCLE_STATUSES),
  reason: z.string().nullable(),
  actorId: IdSchema.nullable(),
  actorName: z.string().nullable(),
  at: TimestampSchema,
});
export type LifecycleTransition = z.infer<typeof LifecycleTransitionSchema>;
export const LifecycleHistorySchema = z.object({ items: z.array(LifecycleTransitionSchema).describe('Newest first') });

const MembershipSchema = z.object({
  organizationId: IdSchema,
  title: optionalText(100),
  department: optionalText(100),
});

const ContactFields = {
  name: text(120).min(1, 'Required'),
  ownerId: IdSchema.nullable().optional(),
  tier: z.enum(TIERS).nullable().optional(),
  source: optionalText(80),
  ...AddressFields,
  tags: z.array(text(40).min(1)).max(50).optional(),
  phones: z.array(PhoneSchema).max(20).optional(),
  emails: z.array(EmailSchema).max(20).optional(),
  notes: optionalText(10_000),
  organizations: z.array(MembershipSchema).max(20).optional().describe('Organizations the person belongs to, with title and department'),
  custom: customValuesOf('contacts').optional(),
};

export const ContactSchema = z.object({
  id: IdSchema,
  name: z.string(),
  ownerId: IdSchema.nullable(),
  teamId: IdSchema.nullable(),
  tier: z.enum(TIERS).nullable(),
  source: z.string().nullable(),
  country: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  district: z.string().nullable(),
  regionNames: RegionNamesSchema.describe('Names of the country and division codes, for display'),
  address: z.string().nullable(),
  tags: z.array(z.string()),
  phones: z.array(PhoneSchema),
  emails: z.array(EmailSchema),
  notes: z.string().nullable(),
  organizations: z.array(
    z.object({
      organizationId: IdSchema,
      organizationName: z.string(),
      title: z.string().nullable(),
      department: z.string().nullable(),
      canOpen: z.boolean().describe('Whether you may open the organization; where a person works is shown even when the organization is outside your scope'),
    }),
  ),
  custom: customValuesOf('contacts'),
  lastActivityAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const ContactCreateSchema = z.object(ContactFields);
export type ContactCreate = z.infer<typeof ContactCreateSchema>;
export const ContactUpdateSchema = ContactCreateSchema.partial().extend({ version: VersionSchema });
export type ContactUpdate = z.infer<typeof ContactUpdateSchema>;

export const CONTACT_SORTS = ['name', 'createdAt', 'updatedAt', 'lastActivityAt', 'tier', 'source', 'province', 'city'] as const;
export const ContactListQuerySchema = ListQueryBase.extend({
  q: z.string().trim().max(100).optional().describe('Matches the name'),
  organizationId: IdSchema.optional(),
  tier: z.enum(TIERS).optional(),
  province: z.string().max(12).optional(),
  ownerId: IdSchema.optional(),
  teamId: IdSchema.optional(),
  tag: z.string().trim().max(40).optional().describe('Has this tag (exact match)'),
  filter: ListFilterParam,
  sort: sortParam(CONTACT_SORTS),
});
export type ContactListQuery = z.infer<typeof ContactListQuerySchema>;
export const ContactPageSchema = pageSchema(ContactSchema);
/** GET /organizations/{id}/contacts: the contact list filters, the organization given by the path. */
export const OrganizationContactsQuerySchema = ContactListQuerySchema.omit({ organizationId: true });
export type OrganizationContactsQuery = z.infer<typeof OrganizationContactsQuerySchema>;
