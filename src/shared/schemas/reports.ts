import { z } from 'zod';
import { CurrencySchema } from '../money.js';
import { IdSchema } from './common.js';
import { EXPORT_FORMATS, EXPORT_LANGUAGES } from './exports.js';
import { TARGET_PERIODS } from './targets.js';

export const SALES_REPORTS = ['funnel', 'win-rate', 'sales-cycle', 'forecast', 'revenue', 'new-customers', 'overdue-receivables'] as const;
export type SalesReportKey = (typeof SALES_REPORTS)[number];
export const REVENUE_GROUPS = ['rep', 'team', 'region', 'province', 'industry', 'product', 'month'] as const;
export type RevenueGroup = (typeof REVENUE_GROUPS)[number];
/** Aging buckets of overdue receivables, by days past the due date. */
export const AGING_BUCKETS = ['0-30', '31-60', '61-90', '90+'] as const;

const DateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'Not a date');

export const SalesReportParamsSchema = z.object({ report: z.enum(SALES_REPORTS) });

export const SalesReportQuerySchema = z
  .object({
    from: DateText.optional().describe('First day (YYYY-MM-DD, UTC); default: the first day of the current year'),
    to: DateText.optional().describe('Last day, included (YYYY-MM-DD, UTC); default: today. Overdue receivables: the as-of day'),
    currency: CurrencySchema.default('CNY').describe('Reports never mix currencies: only amounts in this currency count'),
    pipelineId: IdSchema.optional().describe('Opportunity reports: one pipeline (funnel: default pipeline when left out)'),
    teamId: IdSchema.optional().describe('Only records of this team and its sub-teams'),
    ownerId: IdSchema.optional().describe('Only records of this owner'),
    groupBy: z.enum(REVENUE_GROUPS).default('month').describe('Revenue: what the rows are'),
    period: z.enum(TARGET_PERIODS).optional().describe('Forecast: with periodStart, the target period compared (overrides from/to)'),
    periodStart: DateText.optional().describe('Forecast: first day of the period'),
    format: z.enum(EXPORT_FORMATS).optional().describe('csv or xlsx: the table as a file (needs the reports export permission)'),
    lang: z.enum(EXPORT_LANGUAGES).optional().describe('Language of an exported file; default from Accept-Language'),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Before from' });
    if (!!v.period !== !!v.periodStart)
      ctx.addIssue({ code: 'custom', path: [v.period ? 'periodStart' : 'period'], message: 'Give period and periodStart together' });
  });
export type SalesReportQuery = z.infer<typeof SalesReportQuerySchema>;

export const COLUMN_TYPES = ['text', 'money', 'count', 'percent', 'days'] as const;
export const ReportColumnSchema = z.object({
  key: z.string(),
  type: z.enum(COLUMN_TYPES).describe('money: decimal string; count: integer; percent and days: decimal string'),
});
export type ReportColumn = z.infer<typeof ReportColumnSchema>;

const Cell = z.union([z.string(), z.number(), z.null()]);
export const SalesReportSchema = z.object({
  report: z.enum(SALES_REPORTS),
  from: z.string(),
  to: z.string(),
  currency: CurrencySchema,
  columns: z.array(ReportColumnSchema).describe('The table columns, in order; `key` names the row field'),
  rows: z.array(z.record(z.string(), Cell)),
  totals: z.record(z.string(), Cell).describe('The report-wide figures (e.g. forecast = won + weighted, win rate over all rows)'),
});
export type SalesReport = z.infer<typeof SalesReportSchema>;
