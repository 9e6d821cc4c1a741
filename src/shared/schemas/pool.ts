import { z } from 'zod';
import { IdSchema, ListQueryBase, pageSchema, TimestampSchema } from './common.js';
import { LIFECYCLE_STATUSES, PARTY_TYPES, TIERS } from './customers.js';
import { RegionNamesSchema } from './regions.js';

/** The tiers a pool rule is set for: the customer tiers, and "none" for customers without a tier. */
export const POOL_TIERS = [...TIERS, 'none'] as const;
export type PoolTier = (typeof POOL_TIERS)[number];

export const POOL_EVENT_KINDS = ['claim', 'release', 'assign', 'warning', 'auto_return'] as const;
export type PoolEventKind = (typeof POOL_EVENT_KINDS)[number];
/** Why the daily rule returned a customer. */
export const RETURN_REASONS = ['no_activity', 'no_deal'] as const;

const Days = (what: string) => z.number().int().min(1).max(3650).nullable().describe(`${what}; null switches it off`);

export const PoolTierRuleSchema = z.object({
  noActivityDays: Days('Back to the pool after this many days without an activity'),
  noDealDays: Days('Back to the pool after this many days without a deal (counted from the claim until the sales module records deals)'),
  warnDays: z.number().int().min(1).max(365).nullable().describe('Warn the owner this many days before the return; null: no warning'),
});
export type PoolTierRule = z.infer<typeof PoolTierRuleSchema>;

/** Without the cross-field check, for the server's stored form (which adds defaults). */
export const PoolSettingsObject = z.object({
  maxHeldPerRep: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .nullable()
    .describe('Most organizations one person may own before claiming from the pool is refused; null: no limit'),
  tiers: z.object(Object.fromEntries(POOL_TIERS.map((t) => [t, PoolTierRuleSchema])) as Record<PoolTier, typeof PoolTierRuleSchema>),
});

export const PoolSettingsSchema = PoolSettingsObject.superRefine((v, ctx) => {
  for (const tier of POOL_TIERS) {
    const rule = v.tiers[tier];
    const limits = [rule.noActivityDays, rule.noDealDays].filter((d): d is number => d !== null);
    if (rule.warnDays !== null && limits.length > 0 && rule.warnDays >= Math.min(...limits)) {
      ctx.addIssue({ code: 'custom', path: ['tiers', tier, 'warnDays'], message: 'Must be fewer days than the return rule' });
    }
  }
});
export type PoolSettings = z.infer<typeof PoolSettingsSchema>;

/** What anyone who may browse the pool sees of a pool record: enough to choose, not the whole file. */
export const PoolOrganizationSchema = z.object({
  id: IdSchema,
  name: z.string(),
  partyType: z.enum(PARTY_TYPES),
  lifecycleStatus: z.enum(LIFECYCLE_STATUSES),
  tier: z.enum(TIERS).nullable(),
  industry: z.string().nullable(),
  country: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  district: z.string().nullable(),
  regionNames: RegionNamesSchema,
  teamId: IdSchema.nullable().describe('The pool it sits in: a team, or null for the company-wide pool'),
  teamName: z.string().nullable(),
  lastActivityAt: TimestampSchema.nullable(),
  updatedAt: TimestampSchema.describe('Last change of the record'),
  pooledAt: TimestampSchema.describe('When it entered the pool (release, automatic return or assignment to the pool)'),
});
export type PoolOrganization = z.infer<typeof PoolOrganizationSchema>;

export const POOL_SORTS = ['pooledAt', 'updatedAt', 'name'] as const;
export const PoolListQuerySchema = ListQueryBase.omit({ total: true }).extend({
  q: z.string().trim().max(100).optional().describe('Matches the name'),
  tier: z.enum(POOL_TIERS).optional().describe('"none": without a tier'),
  teamId: IdSchema.optional().describe('Only this team’s pool'),
});
export type PoolListQuery = z.infer<typeof PoolListQuerySchema>;
export const PoolPageSchema = pageSchema(PoolOrganizationSchema).omit({ total: true, totalCapped: true });

export const PoolSummarySchema = z.object({
  held: z.number().int().describe('Organizations you own now'),
  limit: z.number().int().nullable().describe('How many you may own before claiming is refused; null: no limit'),
});
export type PoolSummary = z.infer<typeof PoolSummarySchema>;

export const ReleaseSchema = z.object({
  reason: z.string().trim().min(1, 'Required').max(500).describe('Why the customer goes back to the pool'),
});
export type Release = z.infer<typeof ReleaseSchema>;

export const PoolEventSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  kind: z.enum(POOL_EVENT_KINDS),
  actorId: IdSchema.nullable().describe('Null when the daily rule acted'),
  actorName: z.string().nullable(),
  fromOwnerId: IdSchema.nullable(),
  fromOwnerName: z.string().nullable(),
  toOwnerId: IdSchema.nullable(),
  toOwnerName: z.string().nullable(),
  teamId: IdSchema.nullable().describe('The pool it went to, or the team of the new owner'),
  reason: z.string().nullable().describe('Given on release; no_activity or no_deal on an automatic return or warning'),
  at: TimestampSchema,
});
export type PoolEvent = z.infer<typeof PoolEventSchema>;
export const PoolEventQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Page size (1–100)'),
  cursor: z.string().max(2000).optional().describe('Opaque cursor from the previous page'),
});
export type PoolEventQuery = z.infer<typeof PoolEventQuerySchema>;
export const PoolEventPageSchema = z.object({ items: z.array(PoolEventSchema), nextCursor: z.string().nullable() });
