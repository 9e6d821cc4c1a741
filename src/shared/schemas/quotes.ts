import { z } from 'zod';
import { CurrencySchema, NonNegativeMoneySchema, PercentSchema, QuantitySchema } from '../money.js';
import { BooleanQuery, IdSchema, ListQueryBase, pageSchema, TimestampSchema, VersionSchema } from './common.js';

export const QUOTE_STATUSES = ['draft', 'pending_approval', 'sent', 'accepted', 'rejected', 'expired'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

const text = (max: number) => z.string().trim().max(max);

/** A calendar date without time, YYYY-MM-DD (sortable, no time-zone drift). */
export const DateOnlySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v) && v >= '1970-01-01' && v < '2201-01-01';
  }, 'Not a valid date')
  .describe('Date as YYYY-MM-DD');

/**
 * A computed amount: up to 13 integer digits, beyond what one input field takes (MoneySchema's 12)
 * because quantity × price and their sums grow past it; the server refuses anything larger.
 */
export const AmountSchema = z
  .string()
  .regex(/^-?\d{1,13}\.\d{2}$/)
  .describe('Decimal amount as a string, e.g. "1234.50"');

export const QuoteLineInputSchema = z.object({
  productId: IdSchema.nullable().optional().describe('A product line; without it the line is free text'),
  description: text(1000).optional().describe('Defaults to the product name; required for a free-text line'),
  quantity: QuantitySchema,
  unit: text(20).nullable().optional().describe("Defaults to the product's unit"),
  unitPrice: NonNegativeMoneySchema.optional().describe("Defaults to the product's price in the quote's price list; required for a free-text line"),
  discountPercent: PercentSchema.optional().describe('Line discount, default "0"'),
  taxRate: PercentSchema.optional().describe("Defaults to the price list's tax rate (0 without a price list)"),
});
export type QuoteLineInput = z.infer<typeof QuoteLineInputSchema>;

const QuoteFields = {
  organizationId: IdSchema.describe('The customer; you must be able to see it'),
  contactId: IdSchema.nullable().optional(),
  opportunityId: IdSchema.nullable().optional(),
  priceListId: IdSchema.nullable().optional().describe('Prices and the default tax rate of product lines'),
  currency: CurrencySchema.optional().describe("Defaults to the price list's currency; required without a price list"),
  discountPercent: PercentSchema.optional().describe('Quote discount on the subtotal, default "0"'),
  validUntil: DateOnlySchema.nullable().optional().describe('Last day the offer stands; a sent quote past it is expired'),
  title: text(200).nullable().optional(),
  notes: text(5000).nullable().optional(),
  ownerId: IdSchema.optional().describe('Defaults to you'),
  lines: z.array(QuoteLineInputSchema).min(1, 'Add at least one line').max(500),
};

/** Totals are always computed by the server; any totals a client sends are ignored (not part of the schema). */
export const QuoteCreateSchema = z.object(QuoteFields);
export type QuoteCreate = z.infer<typeof QuoteCreateSchema>;
export const QuoteUpdateSchema = QuoteCreateSchema.partial().extend({ version: VersionSchema });
export type QuoteUpdate = z.infer<typeof QuoteUpdateSchema>;
export const QuoteActionSchema = z.object({ version: VersionSchema });
export type QuoteAction = z.infer<typeof QuoteActionSchema>;

export const QuoteLineSchema = z.object({
  id: IdSchema,
  lineNo: z.number().int(),
  productId: IdSchema.nullable(),
  sku: z.string().nullable(),
  description: z.string(),
  quantity: z.string(),
  unit: z.string().nullable(),
  unitPrice: AmountSchema,
  discountPercent: z.string(),
  taxRate: z.string(),
  gross: AmountSchema.describe('quantity × unit price'),
  net: AmountSchema.describe('gross − line discount'),
  quoteDiscount: AmountSchema.describe("This line's share of the quote discount"),
  tax: AmountSchema,
  total: AmountSchema.describe('net − quote discount share + tax'),
});
export type QuoteLine = z.infer<typeof QuoteLineSchema>;

export const QuoteSchema = z.object({
  id: IdSchema,
  number: z.string().describe('e.g. Q-2026-000123, shared by every version'),
  revision: z.number().int().describe('Version number of the quote: 1, 2, …'),
  previousId: IdSchema.nullable(),
  supersededById: IdSchema.nullable().describe('Set when a newer version replaced this one (read-only)'),
  status: z.enum(QUOTE_STATUSES).describe('A sent quote past validUntil reads as expired'),
  organizationId: IdSchema,
  organizationName: z.string().nullable(),
  contactId: IdSchema.nullable(),
  contactName: z.string().nullable(),
  opportunityId: IdSchema.nullable(),
  opportunityName: z.string().nullable(),
  priceListId: IdSchema.nullable(),
  priceListName: z.string().nullable(),
  currency: CurrencySchema,
  discountPercent: z.string(),
  subtotal: AmountSchema.describe('Sum of line nets'),
  discount: AmountSchema.describe('Quote discount'),
  tax: AmountSchema,
  total: AmountSchema,
  effectiveDiscountPercent: z.string().describe('All discounts against the undiscounted lines, percent'),
  validUntil: z.string().nullable(),
  title: z.string().nullable(),
  notes: z.string().nullable(),
  sentAt: TimestampSchema.nullable(),
  decidedAt: TimestampSchema.nullable(),
  approvalRequestId: IdSchema.nullable(),
  editable: z.boolean().describe('A draft that no newer version replaced'),
  ownerId: IdSchema.nullable(),
  ownerName: z.string().nullable(),
  teamId: IdSchema.nullable(),
  lines: z.array(QuoteLineSchema).optional().describe('Only when reading one quote'),
  createdBy: IdSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type Quote = z.infer<typeof QuoteSchema>;

const StatusList = z
  .string()
  .max(100)
  .transform((v, ctx) => {
    const list = [...new Set(v.split(',').map((s) => s.trim()))];
    if (!list.every((s): s is QuoteStatus => (QUOTE_STATUSES as readonly string[]).includes(s))) {
      ctx.addIssue({ code: 'custom', message: `Use ${QUOTE_STATUSES.join(', ')} (comma-separated)` });
      return z.NEVER;
    }
    return list;
  });

export const QUOTE_SORTS = ['createdAt', 'updatedAt', 'number', 'total', 'validUntil'] as const;
export const QuoteListQuerySchema = ListQueryBase.extend({
  q: z.string().trim().max(100).optional().describe('Matches the number or the customer name'),
  status: StatusList.optional().describe('One status or several, comma-separated'),
  organizationId: IdSchema.optional(),
  contactId: IdSchema.optional(),
  opportunityId: IdSchema.optional(),
  ownerId: IdSchema.optional(),
  allVersions: BooleanQuery.optional().describe('Include versions replaced by a newer one (default: latest only)'),
});
export type QuoteListQuery = z.infer<typeof QuoteListQuerySchema>;
export const QuotePageSchema = pageSchema(QuoteSchema);

export const QuoteVersionsSchema = z.object({
  items: z.array(
    z.object({
      id: IdSchema,
      revision: z.number().int(),
      status: z.enum(QUOTE_STATUSES),
      total: AmountSchema,
      createdAt: TimestampSchema,
      supersededById: IdSchema.nullable(),
    }),
  ),
});

export const QuotePdfQuerySchema = z.object({ lang: z.enum(['en', 'zh-CN']).default('zh-CN').describe('Language of the labels') });

/** The company header printed on quotes (settings tab "Company"). */
export const CompanySettingsSchema = z.object({
  name: text(200).default(''),
  address: text(500).default(''),
  phone: text(50).default(''),
  email: text(200).default(''),
  website: text(200).default(''),
});
export type CompanySettings = z.infer<typeof CompanySettingsSchema>;
