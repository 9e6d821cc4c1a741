import { z } from 'zod';
import { DaySchema } from './assessments.js';
import { IdSchema, ListQueryBase, pageSchema, TimestampSchema, VersionSchema } from './common.js';
import { SUPPORT_LEVELS } from './decision-chain.js';

export const TARGET_STATUSES = ['not_started', 'in_progress', 'achieved', 'missed'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];
/** Support levels from worst to best: a target is reached when the person's support is at least the goal. */
export const SUPPORT_RANK: Record<(typeof SUPPORT_LEVELS)[number], number> = { opponent: 0, neutral: 1, supporter: 2 };
export const PLAN_YEARS = { min: 2000, max: 2100 } as const;

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
const Year = z.number().int().min(PLAN_YEARS.min).max(PLAN_YEARS.max).describe('Plan year');
const Links = (what: string) => z.array(IdSchema).max(100).optional().describe(`Linked ${what} (replaces the list when sent)`);

export const TargetInputSchema = z.object({
  id: IdSchema.optional().describe('Kept for an existing target; omit for a new one'),
  chainPersonId: IdSchema.describe("A person of the account's decision chain"),
  fromSupport: z.enum(SUPPORT_LEVELS).describe('Support when the target was set'),
  toSupport: z.enum(SUPPORT_LEVELS).describe('Support to reach'),
  dueOn: DaySchema.nullable().optional().describe('Reach it by this day (within the plan year)'),
  measures: optionalText(5000).describe('What we will do'),
  ownerId: IdSchema.nullable().optional().describe('Who on our side carries it'),
  status: z.enum(TARGET_STATUSES).optional().describe('Defaults to not_started'),
});
export type TargetInput = z.infer<typeof TargetInputSchema>;

const PlanFields = {
  marketGoals: optionalText(10_000).describe('Step 1: the market goals the relationships must serve'),
  notes: optionalText(10_000),
  assessmentId: IdSchema.nullable().optional().describe("Step 2: one of the account's assessments; defaults to the newest on create"),
  ownerId: IdSchema.optional().describe('Who is responsible for the plan; defaults to you'),
  opportunityIds: Links('opportunities of the account (step 1)'),
  activityIds: Links('activities of the account (step 4)'),
  taskIds: Links('tasks (step 4)'),
  targets: z.array(TargetInputSchema).max(100).optional().describe('Step 3: targets with measures (replaces the list when sent)'),
};

export const PlanCreateSchema = z.object({ organizationId: IdSchema.describe('The key account'), year: Year, ...PlanFields });
export type PlanCreate = z.infer<typeof PlanCreateSchema>;
export const PlanUpdateSchema = z.object(PlanFields).extend({ version: VersionSchema });
export type PlanUpdate = z.infer<typeof PlanUpdateSchema>;

const AssessmentRefSchema = z.object({ id: IdSchema, assessedOn: z.string(), average: z.number(), scaleMax: z.number().int() });

export const TargetSchema = z.object({
  id: IdSchema,
  chainPersonId: IdSchema,
  personName: z.string().nullable().describe('Null when the person left the chain'),
  personTitle: z.string().nullable(),
  currentSupport: z.enum(SUPPORT_LEVELS).nullable().describe('Support in the decision chain today'),
  fromSupport: z.enum(SUPPORT_LEVELS),
  toSupport: z.enum(SUPPORT_LEVELS),
  dueOn: z.string().nullable(),
  measures: z.string().nullable(),
  ownerId: IdSchema.nullable(),
  ownerName: z.string().nullable(),
  status: z.enum(TARGET_STATUSES),
  reached: z.boolean().describe('Current support is at least the goal'),
  overdue: z.boolean().describe('Past its day and neither achieved nor missed'),
});
export type Target = z.infer<typeof TargetSchema>;

const LinkSchema = z.object({
  id: IdSchema,
  title: z.string().nullable().describe('Null when it is gone or you cannot see it'),
  status: z.string().nullable(),
  date: z.string().nullable().describe('Expected close, occurrence or due date'),
});

export const PlanSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  organizationName: z.string().nullable(),
  year: z.number().int(),
  marketGoals: z.string().nullable(),
  notes: z.string().nullable(),
  ownerId: IdSchema,
  ownerName: z.string().nullable(),
  assessment: AssessmentRefSchema.nullable().describe('The assessment the plan starts from'),
  latestAssessment: AssessmentRefSchema.nullable().describe("The account's newest assessment now"),
  opportunities: z.array(LinkSchema),
  activities: z.array(LinkSchema),
  tasks: z.array(LinkSchema),
  targets: z.array(TargetSchema),
  progress: z.object({
    total: z.number().int(),
    achieved: z.number().int(),
    inProgress: z.number().int(),
    notStarted: z.number().int(),
    missed: z.number().int(),
    reached: z.number().int().describe('Targets whose person already has the goal support'),
  }),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type Plan = z.infer<typeof PlanSchema>;

export const PlanSummarySchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  organizationName: z.string().nullable(),
  year: z.number().int(),
  ownerId: IdSchema,
  ownerName: z.string().nullable(),
  targetCount: z.number().int(),
  achievedCount: z.number().int(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type PlanSummary = z.infer<typeof PlanSummarySchema>;

export const PLAN_SORTS = ['year', 'updatedAt'] as const;
export const PlanListQuerySchema = ListQueryBase.extend({
  organizationId: IdSchema.optional().describe('One account; 404 when you cannot see it'),
  year: z.coerce.number().int().min(PLAN_YEARS.min).max(PLAN_YEARS.max).optional(),
  ownerId: IdSchema.optional(),
});
export type PlanListQuery = z.infer<typeof PlanListQuerySchema>;
export const PlanPageSchema = pageSchema(PlanSummarySchema);
