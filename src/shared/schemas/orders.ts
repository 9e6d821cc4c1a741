import { z } from 'zod';
import { CurrencySchema, MoneySchema, NonNegativeMoneySchema, QuantitySchema } from '../money.js';
import { IdSchema, ListQueryBase, pageSchema, TimestampSchema, VersionSchema } from './common.js';

export const ORDER_KINDS = ['order', 'contract'] as const;
export const ORDER_STATUSES = ['draft', 'pending_approval', 'active', 'completed', 'cancelled'] as const;
export const INSTALLMENT_STATUSES = ['open', 'paid'] as const;
export const PAYMENT_METHODS = ['bank_transfer', 'cash', 'cheque', 'acceptance_bill', 'online', 'other'] as const;
/** Days overdue: 0–30, 31–60, 61–90, over 90; `current` is not due yet. */
export const AGING_BUCKETS = ['current', 'd0_30', 'd31_60', 'd61_90', 'd90_plus'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type AgingBucket = (typeof AGING_BUCKETS)[number];

const text = (max: number) => z.string().trim().max(max);
/** A calendar date without time: sortable text on both databases, no time-zone drift. */
export const DateOnlySchema = z.iso.date().describe('Calendar date YYYY-MM-DD');
const PositiveMoney = MoneySchema.refine((v) => !v.startsWith('-') && /[1-9]/.test(v), 'Must be greater than 0');

export const OrderLineInputSchema = z.object({
  productId: IdSchema.nullable().optional().describe('Product the line sells; free-text lines have none'),
  description: text(500).min(1, 'Required'),
  quantity: QuantitySchema,
  unitPrice: NonNegativeMoneySchema.describe('Price of one unit, decimal string'),
});
export type OrderLineInput = z.infer<typeof OrderLineInputSchema>;

const OrderFields = {
  kind: z.enum(ORDER_KINDS).optional().describe('order (default) or contract'),
  organizationId: IdSchema.optional().describe('Customer; taken from the quote when quoteId is given'),
  contactId: IdSchema.nullable().optional(),
  opportunityId: IdSchema.nullable().optional(),
  currency: CurrencySchema.optional().describe('Defaults to CNY; taken from the quote when quoteId is given'),
  signedOn: DateOnlySchema.nullable().optional().describe('Date the order or contract was signed'),
  notes: text(5000).nullable().optional(),
  ownerId: IdSchema.optional().describe('Defaults to you; someone else takes update rights with team or all scope'),
};

export const OrderCreateSchema = z
  .object({
    ...OrderFields,
    quoteId: IdSchema.optional().describe('An accepted quote: its customer, lines and totals are copied'),
    lines: z.array(OrderLineInputSchema).max(200).optional().describe('Lines of an order made without a quote'),
  })
  .superRefine((v, ctx) => {
    if (v.quoteId && v.lines) ctx.addIssue({ code: 'custom', path: ['lines'], message: 'Lines come from the quote; leave them out' });
    if (!v.quoteId && (!v.lines || v.lines.length === 0)) ctx.addIssue({ code: 'custom', path: ['lines'], message: 'Add at least one line' });
    if (!v.quoteId && !v.organizationId) ctx.addIssue({ code: 'custom', path: ['organizationId'], message: 'Required' });
  });
export type OrderCreate = z.infer<typeof OrderCreateSchema>;

export const OrderUpdateSchema = z.object({
  ...OrderFields,
  lines: z.array(OrderLineInputSchema).min(1, 'Add at least one line').max(200).optional().describe('Replaces the lines (drafts only)'),
  version: VersionSchema,
});
export type OrderUpdate = z.infer<typeof OrderUpdateSchema>;

export const OrderTransitionSchema = z.object({
  to: z.enum(['active', 'completed', 'cancelled']).describe('active submits for approval first when the amount needs it'),
  version: VersionSchema,
});
export type OrderTransition = z.infer<typeof OrderTransitionSchema>;

export const OrderLineSchema = z.object({
  id: IdSchema,
  lineNo: z.number().int(),
  productId: IdSchema.nullable(),
  description: z.string(),
  quantity: z.string(),
  unitPrice: z.string(),
  total: z.string(),
});

export const InstallmentSchema = z.object({
  id: IdSchema,
  seq: z.number().int(),
  dueOn: z.string().describe('YYYY-MM-DD'),
  amount: z.string(),
  paid: z.string(),
  outstanding: z.string(),
  status: z.enum(INSTALLMENT_STATUSES),
  paidOn: z.string().nullable().describe('Date of the payment that settled it'),
  remindedAt: TimestampSchema.nullable().describe('Last collection reminder sent for it'),
});
export type Installment = z.infer<typeof InstallmentSchema>;

export const OrderSchema = z.object({
  id: IdSchema,
  number: z.string().describe('e.g. SO-2026-000045'),
  kind: z.enum(ORDER_KINDS),
  status: z.enum(ORDER_STATUSES),
  quoteId: IdSchema.nullable(),
  opportunityId: IdSchema.nullable(),
  organizationId: IdSchema,
  organizationName: z.string().nullable(),
  contactId: IdSchema.nullable(),
  currency: CurrencySchema,
  subtotal: z.string(),
  discount: z.string(),
  tax: z.string(),
  total: z.string(),
  paid: z.string(),
  outstanding: z.string(),
  signedOn: z.string().nullable(),
  activatedAt: TimestampSchema.nullable(),
  notes: z.string().nullable(),
  ownerId: IdSchema.nullable(),
  ownerName: z.string().nullable(),
  teamId: IdSchema.nullable(),
  createdBy: IdSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type Order = z.infer<typeof OrderSchema>;

export const OrderDetailSchema = OrderSchema.extend({
  lines: z.array(OrderLineSchema),
  installments: z.array(InstallmentSchema),
});
export type OrderDetail = z.infer<typeof OrderDetailSchema>;

export const ORDER_SORTS = ['createdAt', 'updatedAt', 'number'] as const;
export const OrderListQuerySchema = ListQueryBase.extend({
  q: z.string().trim().max(100).optional().describe('Matches the order number'),
  status: z.enum(ORDER_STATUSES).optional(),
  kind: z.enum(ORDER_KINDS).optional(),
  organizationId: IdSchema.optional(),
  contactId: IdSchema.optional(),
  opportunityId: IdSchema.optional(),
  ownerId: IdSchema.optional(),
});
export type OrderListQuery = z.infer<typeof OrderListQuerySchema>;
export const OrderPageSchema = pageSchema(OrderSchema);

export const InstallmentPlanSchema = z.object({
  version: VersionSchema.describe('The order version the plan is based on'),
  installments: z
    .array(z.object({ dueOn: DateOnlySchema, amount: PositiveMoney }))
    .min(1, 'Add at least one installment')
    .max(120)
    .describe('In order of due date; the amounts must add up to the order total exactly'),
});
export type InstallmentPlan = z.infer<typeof InstallmentPlanSchema>;

// ---- Payments (回款) ----------------------------------------------------------------------------

export const PaymentCreateSchema = z.object({
  orderId: IdSchema,
  installmentId: IdSchema.optional().describe('Installment to pay; without it the oldest open installments are paid first'),
  amount: PositiveMoney,
  receivedOn: DateOnlySchema,
  method: z.enum(PAYMENT_METHODS).optional(),
  reference: text(200).nullable().optional().describe('Bank slip or transaction number'),
  notes: text(2000).nullable().optional(),
});
export type PaymentCreate = z.infer<typeof PaymentCreateSchema>;

export const PaymentUpdateSchema = z.object({
  method: z.enum(PAYMENT_METHODS).optional(),
  reference: text(200).nullable().optional(),
  notes: text(2000).nullable().optional(),
  version: VersionSchema,
});
export type PaymentUpdate = z.infer<typeof PaymentUpdateSchema>;

export const PaymentSchema = z.object({
  id: IdSchema,
  orderId: IdSchema,
  orderNumber: z.string().nullable(),
  installmentId: IdSchema.nullable().describe('First installment the payment went to'),
  allocations: z
    .array(z.object({ installmentId: IdSchema, seq: z.number().int().nullable(), amount: z.string() }))
    .describe('How the amount was split over installments'),
  organizationId: IdSchema,
  organizationName: z.string().nullable(),
  amount: z.string(),
  currency: CurrencySchema,
  receivedOn: z.string(),
  method: z.enum(PAYMENT_METHODS),
  reference: z.string().nullable(),
  notes: z.string().nullable(),
  ownerId: IdSchema.nullable(),
  teamId: IdSchema.nullable(),
  createdBy: IdSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type Payment = z.infer<typeof PaymentSchema>;

export const PaymentListQuerySchema = ListQueryBase.extend({
  organizationId: IdSchema.optional(),
  orderId: IdSchema.optional(),
  ownerId: IdSchema.optional(),
  receivedFrom: DateOnlySchema.optional().describe('Received on or after'),
  receivedTo: DateOnlySchema.optional().describe('Received on or before'),
});
export type PaymentListQuery = z.infer<typeof PaymentListQuerySchema>;
export const PaymentPageSchema = pageSchema(PaymentSchema);
export const PAYMENT_SORTS = ['receivedOn', 'createdAt', 'updatedAt'] as const;

// ---- Receivables --------------------------------------------------------------------------------

export const ReceivableQuerySchema = z.object({
  asOf: DateOnlySchema.optional().describe('Age as of this date (default today, UTC)'),
  organizationId: IdSchema.optional(),
  orderId: IdSchema.optional(),
  ownerId: IdSchema.optional(),
  bucket: z.enum(AGING_BUCKETS).optional().describe('Only installments in this aging bucket'),
  overdue: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional()
    .describe('Only overdue installments'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});
export type ReceivableQuery = z.infer<typeof ReceivableQuerySchema>;

export const ReceivableSchema = z.object({
  installmentId: IdSchema,
  orderId: IdSchema,
  orderNumber: z.string(),
  organizationId: IdSchema,
  organizationName: z.string().nullable(),
  ownerId: IdSchema.nullable(),
  ownerName: z.string().nullable(),
  seq: z.number().int(),
  dueOn: z.string(),
  currency: CurrencySchema,
  amount: z.string(),
  paid: z.string(),
  outstanding: z.string(),
  daysOverdue: z.number().int().describe('0 when not due yet'),
  bucket: z.enum(AGING_BUCKETS),
  remindedAt: TimestampSchema.nullable(),
});
export type Receivable = z.infer<typeof ReceivableSchema>;

export const ReceivableTotalsSchema = z.object({
  currency: CurrencySchema,
  outstanding: z.string(),
  overdue: z.string(),
  buckets: z.object(Object.fromEntries(AGING_BUCKETS.map((b) => [b, z.string()])) as Record<AgingBucket, z.ZodString>),
});
export type ReceivableTotals = z.infer<typeof ReceivableTotalsSchema>;

export const ReceivablePageSchema = z.object({
  asOf: z.string(),
  totals: z.array(ReceivableTotalsSchema).describe('Per currency, over everything the filters select (not only this page)'),
  items: z.array(ReceivableSchema),
  nextCursor: z.string().nullable(),
});
export type ReceivablePage = z.infer<typeof ReceivablePageSchema>;

export const RemindResultSchema = z.object({ reminded: z.number().int().describe('Installments whose owner was reminded') });

// ---- Settings -----------------------------------------------------------------------------------

export const OrderSettingsSchema = z.object({
  reminderRepeatDays: z
    .number()
    .int()
    .min(1)
    .max(365)
    .nullable()
    .describe('Remind again after this many days while the installment stays overdue; null reminds once'),
});
export type OrderSettings = z.infer<typeof OrderSettingsSchema>;
