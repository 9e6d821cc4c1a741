import { z } from 'zod';
import { CurrencySchema, MoneySchema, NonNegativeMoneySchema } from '../money.js';
import { IdSchema, ListQueryBase, pageSchema, TimestampSchema, VersionSchema } from './common.js';

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];
export const OPPORTUNITY_STATUSES = STAGE_KINDS;
export type OpportunityStatus = StageKind;
export const BUYING_ROLES = ['decision_maker', 'economic_buyer', 'technical_buyer', 'user', 'influencer', 'champion', 'blocker', 'other'] as const;
export type BuyingRole = (typeof BUYING_ROLES)[number];
export const LOST_REASONS = ['price', 'competitor', 'no_budget', 'no_decision', 'timing', 'requirements', 'relationship', 'other'] as const;
export type LostReason = (typeof LOST_REASONS)[number];

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
/** A calendar date without time (close dates): sortable text on both databases, no time-zone drift. */
export const DateOnlySchema = z.iso.date().describe('Date as YYYY-MM-DD');

// ---- Pipelines ---------------------------------------------------------------------------------

const StageInput = z.object({
  id: IdSchema.optional().describe('An existing stage of this pipeline; without it a new stage is created'),
  name: text(80).min(1, 'Required').describe('Name shown in every language unless nameZh is set'),
  nameZh: optionalText(80).describe('Chinese name shown by the zh-CN interface'),
  probability: z.number().int().min(0).max(100).describe('Win probability in percent; weighted amount = amount × probability'),
  kind: z.enum(STAGE_KINDS).describe('open, or a closing stage: won / lost'),
});
export type StageInput = z.infer<typeof StageInput>;

const StagesInput = z.array(StageInput).min(3).max(30).describe('Stages in board order; needs at least one open, one won and one lost stage');

export const PipelineCreateSchema = z.object({
  name: text(80).min(1, 'Required'),
  nameZh: optionalText(80),
  isDefault: z.boolean().optional().describe('New opportunities without a pipeline go into the default one'),
  stages: StagesInput,
});
export type PipelineCreate = z.infer<typeof PipelineCreateSchema>;

export const PipelineUpdateSchema = PipelineCreateSchema.partial().extend({
  version: VersionSchema,
  stages: StagesInput.optional().describe('The complete new list: stages left out are deleted'),
  reassign: z.record(IdSchema, IdSchema).optional().describe('For each deleted stage that opportunities are in: the stage (same kind, kept) they move to'),
});
export type PipelineUpdate = z.infer<typeof PipelineUpdateSchema>;

export const StageSchema = z.object({
  id: IdSchema,
  name: z.string(),
  nameZh: z.string().nullable(),
  sortOrder: z.number().int(),
  probability: z.number().int(),
  kind: z.enum(STAGE_KINDS),
});
export type Stage = z.infer<typeof StageSchema>;

export const PipelineSchema = z.object({
  id: IdSchema,
  name: z.string(),
  nameZh: z.string().nullable(),
  isDefault: z.boolean(),
  sortOrder: z.number().int(),
  stages: z.array(StageSchema),
  version: z.number().int(),
  updatedAt: TimestampSchema,
});
export type Pipeline = z.infer<typeof PipelineSchema>;
export const PipelineListSchema = z.object({ items: z.array(PipelineSchema) });

// ---- Opportunities -----------------------------------------------------------------------------

const ContactRoleInput = z.object({
  contactId: IdSchema,
  buyingRole: z.enum(BUYING_ROLES),
});
const CompetitorInput = z.object({
  name: text(120).min(1, 'Required'),
  strengths: optionalText(1000),
  weaknesses: optionalText(1000),
});

const OpportunityFields = {
  name: text(200).min(1, 'Required'),
  organizationId: IdSchema.describe('The customer; you must be able to see it'),
  pipelineId: IdSchema.optional().describe('Defaults to the stage’s pipeline, or the default pipeline'),
  stageId: IdSchema.optional().describe('Defaults to the first stage of the pipeline'),
  amount: NonNegativeMoneySchema.optional().describe('Deal amount as a decimal string (default "0")'),
  currency: CurrencySchema.optional().describe('Default CNY'),
  probability: z.number().int().min(0).max(100).optional().describe('Overrides the stage’s probability until the next stage move'),
  expectedCloseDate: DateOnlySchema.nullable().optional(),
  nextStep: optionalText(500),
  description: optionalText(10_000),
  source: optionalText(80),
  leadId: IdSchema.nullable().optional().describe('The lead this deal was converted from'),
  ownerId: IdSchema.optional().describe('Defaults to you; someone else takes update rights with team or all scope'),
  closeReason: z.enum(LOST_REASONS).nullable().optional().describe('Required when moving into a lost stage'),
  closeNote: optionalText(2000).describe('Required when moving into a won stage: why it was won'),
  contacts: z.array(ContactRoleInput).max(50).optional().describe('Contacts with their buying roles (replaces the list)'),
  competitors: z.array(CompetitorInput).max(30).optional().describe('Competitors on the deal (replaces the list)'),
};

export const OpportunityCreateSchema = z.object(OpportunityFields);
export type OpportunityCreate = z.infer<typeof OpportunityCreateSchema>;
export const OpportunityUpdateSchema = OpportunityCreateSchema.partial().extend({ version: VersionSchema });
export type OpportunityUpdate = z.infer<typeof OpportunityUpdateSchema>;

export const OpportunitySchema = z.object({
  id: IdSchema,
  name: z.string(),
  organizationId: IdSchema,
  organizationName: z.string().nullable(),
  pipelineId: IdSchema,
  stageId: IdSchema,
  stageName: z.string(),
  stageNameZh: z.string().nullable(),
  status: z.enum(OPPORTUNITY_STATUSES),
  amount: MoneySchema,
  currency: CurrencySchema,
  probability: z.number().int(),
  weightedAmount: MoneySchema.describe('amount × probability, rounded half-up to the cent'),
  expectedCloseDate: z.string().nullable(),
  closedAt: TimestampSchema.nullable(),
  closeReason: z.enum(LOST_REASONS).nullable(),
  closeNote: z.string().nullable(),
  nextStep: z.string().nullable(),
  description: z.string().nullable(),
  source: z.string().nullable(),
  leadId: IdSchema.nullable(),
  stageEnteredAt: TimestampSchema,
  ownerId: IdSchema.nullable(),
  ownerName: z.string().nullable(),
  teamId: IdSchema.nullable(),
  createdBy: IdSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type Opportunity = z.infer<typeof OpportunitySchema>;

export const OpportunityContactSchema = z.object({
  contactId: IdSchema,
  contactName: z.string().nullable().describe('Null when the contact is in the recycle bin or outside your scope'),
  buyingRole: z.enum(BUYING_ROLES),
});
export const OpportunityCompetitorSchema = z.object({
  id: IdSchema,
  name: z.string(),
  strengths: z.string().nullable(),
  weaknesses: z.string().nullable(),
});
export const OpportunityDetailSchema = OpportunitySchema.extend({
  contacts: z.array(OpportunityContactSchema),
  competitors: z.array(OpportunityCompetitorSchema),
});
export type OpportunityDetail = z.infer<typeof OpportunityDetailSchema>;

export const OPPORTUNITY_SORTS = ['updatedAt', 'createdAt', 'name', 'amount', 'expectedCloseDate', 'closedAt'] as const;
const Ids = z
  .string()
  .max(2000)
  .transform((v, ctx) => {
    const list = [...new Set(v.split(',').map((s) => s.trim()))];
    if (!list.every((s) => IdSchema.safeParse(s).success)) {
      ctx.addIssue({ code: 'custom', message: 'Give ids separated by commas' });
      return z.NEVER;
    }
    return list;
  });

/** Filters shared by the list and the board. */
const OpportunityFilters = {
  q: z.string().trim().max(100).optional().describe('Matches the name'),
  ownerId: IdSchema.optional(),
  mine: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional()
    .describe('Only your own opportunities'),
  teamId: IdSchema.optional(),
  organizationId: IdSchema.optional(),
  contactId: IdSchema.optional().describe('Opportunities this contact takes part in'),
  currency: CurrencySchema.optional(),
  closeFrom: DateOnlySchema.optional().describe('Expected close on or after'),
  closeTo: DateOnlySchema.optional().describe('Expected close on or before'),
  amountMin: NonNegativeMoneySchema.optional().describe('Amount at least (in the deal’s own currency)'),
  amountMax: NonNegativeMoneySchema.optional().describe('Amount at most'),
};

export const OpportunityListQuerySchema = ListQueryBase.extend({
  ...OpportunityFilters,
  pipelineId: IdSchema.optional(),
  stageId: Ids.optional().describe('One stage id or several, comma-separated'),
  status: z.enum(OPPORTUNITY_STATUSES).optional(),
  sort: z
    .string()
    .max(200)
    .optional()
    .describe(`Up to three of ${OPPORTUNITY_SORTS.join(', ')}, comma-separated, "-" for descending (default -updatedAt)`),
});
export type OpportunityListQuery = z.infer<typeof OpportunityListQuerySchema>;
export const OpportunityPageSchema = pageSchema(OpportunitySchema);

export const BoardQuerySchema = z.object({
  ...OpportunityFilters,
  pipelineId: IdSchema.optional().describe('Default: the default pipeline'),
  perStage: z.coerce.number().int().min(1).max(100).default(50).describe('Cards loaded per column; more through the list with stageId'),
});
export type BoardQuery = z.infer<typeof BoardQuerySchema>;

/** A sum of many amounts: beyond the 12 integer digits one amount may have. */
const TotalSchema = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .describe('Decimal total as a string, e.g. "1999999999999.98"');

export const StageTotalSchema = z.object({
  currency: CurrencySchema,
  count: z.number().int(),
  amount: TotalSchema,
  weightedAmount: TotalSchema.describe('Σ amount × probability / 100, rounded half-up once per total'),
});
export type StageTotal = z.infer<typeof StageTotalSchema>;

export const BoardSchema = z.object({
  pipeline: PipelineSchema,
  columns: z.array(
    z.object({
      stage: StageSchema,
      count: z.number().int(),
      totals: z.array(StageTotalSchema).describe('One entry per currency present in the column'),
      items: z.array(OpportunitySchema).describe('Most recently updated first'),
      nextCursor: z.string().nullable().describe('For GET /api/opportunities?stageId=…&sort=-updatedAt&cursor=…'),
    }),
  ),
});
export type Board = z.infer<typeof BoardSchema>;

export const StageHistoryEntrySchema = z.object({
  id: IdSchema,
  stageId: IdSchema,
  stageName: z.string(),
  stageNameZh: z.string().nullable(),
  enteredAt: TimestampSchema,
  leftAt: TimestampSchema.nullable().describe('Null for the current stage'),
  seconds: z.number().int().describe('Time spent in the stage (until now for the current one)'),
  movedBy: IdSchema.nullable(),
  movedByName: z.string().nullable(),
});
export const StageHistorySchema = z.object({
  items: z.array(StageHistoryEntrySchema).describe('Oldest first'),
  perStage: z
    .array(z.object({ stageId: IdSchema, stageName: z.string(), stageNameZh: z.string().nullable(), seconds: z.number().int() }))
    .describe('Total time per stage, in board order'),
});
export type StageHistory = z.infer<typeof StageHistorySchema>;
