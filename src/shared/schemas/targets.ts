import { z } from 'zod';
import { CurrencySchema, NonNegativeMoneySchema } from '../money.js';
import { IdSchema, ListQueryBase, pageSchema, TimestampSchema, VersionSchema } from './common.js';

export const TARGET_SUBJECTS = ['user', 'team'] as const;
export const TARGET_PERIODS = ['month', 'quarter', 'year'] as const;
export type TargetSubject = (typeof TARGET_SUBJECTS)[number];
export type TargetPeriod = (typeof TARGET_PERIODS)[number];

const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD');

/** The first day of a month (any), a quarter (Jan, Apr, Jul, Oct) or a year (Jan 1). */
export function isPeriodStart(period: TargetPeriod, date: string): boolean {
  const m = /^(\d{4})-(\d{2})-01$/.exec(date);
  if (!m) return false;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (period === 'quarter') return month % 3 === 1;
  if (period === 'year') return month === 1;
  return true;
}

/** The day after the period: [periodStart, periodEnd) is the period. */
export function periodEnd(period: TargetPeriod, start: string): string {
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7)) + (period === 'month' ? 1 : period === 'quarter' ? 3 : 12);
  const y = year + Math.floor((month - 1) / 12);
  const mm = ((month - 1) % 12) + 1;
  return `${y}-${String(mm).padStart(2, '0')}-01`;
}

const TargetFields = z.object({
  subjectType: z.enum(TARGET_SUBJECTS).describe('Whose target: one user, or a whole team'),
  userId: IdSchema.nullable().optional().describe('With subjectType user: the user (their team is recorded with it)'),
  teamId: IdSchema.nullable().optional().describe('With subjectType team: the team'),
  period: z.enum(TARGET_PERIODS),
  periodStart: DateText.describe('First day of the period: YYYY-MM-01; a quarter starts in Jan, Apr, Jul or Oct, a year on Jan 1'),
  amount: NonNegativeMoneySchema.describe('Target amount as a decimal string'),
  currency: CurrencySchema,
});

const checkTarget = (
  v: { subjectType?: TargetSubject; userId?: string | null; teamId?: string | null; period?: TargetPeriod; periodStart?: string },
  ctx: z.RefinementCtx,
) => {
  if (v.subjectType === 'user' && !v.userId) ctx.addIssue({ code: 'custom', path: ['userId'], message: 'Required for a user target' });
  if (v.subjectType === 'team' && !v.teamId) ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'Required for a team target' });
  if (v.period && v.periodStart && !isPeriodStart(v.period, v.periodStart)) {
    ctx.addIssue({ code: 'custom', path: ['periodStart'], message: `Not the first day of a ${v.period}` });
  }
};

export const TargetCreateSchema = TargetFields.superRefine(checkTarget);
export type TargetCreate = z.infer<typeof TargetCreateSchema>;
/** Only the amount and currency change; a different subject or period is a different target. */
export const TargetUpdateSchema = z.object({ amount: NonNegativeMoneySchema.optional(), currency: CurrencySchema.optional(), version: VersionSchema });
export type TargetUpdate = z.infer<typeof TargetUpdateSchema>;

export const TargetSchema = z.object({
  id: IdSchema,
  subjectType: z.enum(TARGET_SUBJECTS),
  userId: IdSchema.nullable(),
  userName: z.string().nullable(),
  teamId: IdSchema.nullable(),
  teamName: z.string().nullable(),
  period: z.enum(TARGET_PERIODS),
  periodStart: z.string(),
  amount: z.string().describe('Decimal string'),
  currency: CurrencySchema,
  createdBy: IdSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type Target = z.infer<typeof TargetSchema>;

export const TARGET_SORTS = ['periodStart', 'createdAt', 'updatedAt'] as const;
export const TargetListQuerySchema = ListQueryBase.extend({
  year: z.coerce.number().int().min(1970).max(2200).optional().describe('Targets whose period starts in this year'),
  period: z.enum(TARGET_PERIODS).optional(),
  subjectType: z.enum(TARGET_SUBJECTS).optional(),
  userId: IdSchema.optional(),
  teamId: IdSchema.optional().describe("The team's own targets and its members' targets"),
  currency: CurrencySchema.optional(),
});
export type TargetListQuery = z.infer<typeof TargetListQuerySchema>;
export const TargetPageSchema = pageSchema(TargetSchema);
