import { z } from 'zod';
import { CurrencySchema, NonNegativeMoneySchema, PercentSchema } from '../money.js';
import { IdSchema, ListQueryBase, pageSchema, TimestampSchema } from './common.js';

export const APPROVAL_SUBJECT_TYPES = ['quote', 'order'] as const;
export type ApprovalSubjectType = (typeof APPROVAL_SUBJECT_TYPES)[number];
export const APPROVAL_REASONS = ['discount', 'amount'] as const;
export type ApprovalReason = (typeof APPROVAL_REASONS)[number];
export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
export const APPROVAL_STEP_STATUSES = ['waiting', 'pending', 'approved', 'rejected', 'skipped'] as const;
export const APPROVAL_STEP_KINDS = ['manager', 'role'] as const;
/** inbox: waiting for me; mine: submitted by me; done: decided by me; all: every request (settings admins). */
export const APPROVAL_BOXES = ['inbox', 'mine', 'done', 'all'] as const;

export const ApprovalStepSchema = z.object({
  id: IdSchema,
  seq: z.number().int(),
  kind: z.enum(APPROVAL_STEP_KINDS),
  approverId: IdSchema.nullable().describe('Manager steps: who must act'),
  approverName: z.string().nullable(),
  roleId: IdSchema.nullable().describe('Role steps: any user of this role may act'),
  roleName: z.string().nullable(),
  status: z.enum(APPROVAL_STEP_STATUSES),
  actedBy: IdSchema.nullable(),
  actedByName: z.string().nullable(),
  actedAt: TimestampSchema.nullable(),
  comment: z.string().nullable(),
});
export type ApprovalStep = z.infer<typeof ApprovalStepSchema>;

export const ApprovalRequestSchema = z.object({
  id: IdSchema,
  subjectType: z.enum(APPROVAL_SUBJECT_TYPES),
  subjectId: IdSchema,
  subjectTitle: z.string(),
  reason: z.enum(APPROVAL_REASONS),
  status: z.enum(APPROVAL_STATUSES),
  submittedBy: IdSchema,
  submittedByName: z.string().nullable(),
  amount: z.string().nullable().describe('Decimal amount (contracts)'),
  currency: z.string().nullable(),
  discountPercent: z.string().nullable().describe('Quote discount asked for'),
  decidedAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
  canAct: z.boolean().describe('Whether you may approve or reject the current step'),
  steps: z.array(ApprovalStepSchema),
});
export type ApprovalRequest = z.infer<typeof ApprovalRequestSchema>;

export const ApprovalListQuerySchema = ListQueryBase.pick({ limit: true, cursor: true }).extend({
  box: z.enum(APPROVAL_BOXES).default('inbox'),
});
export type ApprovalListQuery = z.infer<typeof ApprovalListQuerySchema>;
export const ApprovalPageSchema = pageSchema(ApprovalRequestSchema);

export const ApprovalSubjectQuerySchema = z.object({
  type: z.enum(APPROVAL_SUBJECT_TYPES),
  id: IdSchema,
});
export const ApprovalTrailSchema = z.object({ items: z.array(ApprovalRequestSchema).describe('Newest first') });

export const ApprovalDecisionSchema = z.object({
  comment: z.string().trim().max(2000).optional().describe('Required when rejecting'),
});
export type ApprovalDecision = z.infer<typeof ApprovalDecisionSchema>;

export const ApprovalCountSchema = z.object({ inbox: z.number().int().describe('Requests waiting for you') });

export const ApprovalPolicyInputSchema = z.object({
  roleId: IdSchema.describe('The submitting rep’s role'),
  maxDiscountPercent: PercentSchema.nullable().describe('Quote discounts above this need approval; null: never'),
  contractThreshold: NonNegativeMoneySchema.nullable().describe('Contracts above this amount need approval; null: never'),
  currency: CurrencySchema.default('CNY').describe('Currency of the threshold; contracts in another currency always need approval'),
  finalRoleId: IdSchema.describe('The named role that approves last (any user of it)'),
});
export type ApprovalPolicyInput = z.infer<typeof ApprovalPolicyInputSchema>;

export const ApprovalPolicySchema = ApprovalPolicyInputSchema.extend({
  id: IdSchema,
  roleName: z.string().nullable(),
  finalRoleName: z.string().nullable(),
});
export type ApprovalPolicy = z.infer<typeof ApprovalPolicySchema>;

export const ApprovalSettingsSchema = z.object({
  policies: z.array(ApprovalPolicySchema),
  managers: z.array(z.object({ teamId: IdSchema, teamName: z.string().nullable(), userId: IdSchema, userName: z.string().nullable() })),
});
export const ApprovalSettingsInputSchema = z.object({
  policies: z.array(ApprovalPolicyInputSchema).max(50).describe('One per role; replaces all policies'),
  managers: z
    .array(z.object({ teamId: IdSchema, userId: IdSchema }))
    .max(500)
    .describe('The manager of each team (first approvers up the team tree); replaces all'),
});
export type ApprovalSettingsInput = z.infer<typeof ApprovalSettingsInputSchema>;
