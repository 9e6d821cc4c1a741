import { z } from 'zod';
import { IdSchema, ListQueryBase, pageSchema, TimestampSchema, VersionSchema } from './common.js';

/** The five criteria of a well-matched executive sponsor (配置高层赞助人: 地位对等、业务对口、历史交往、解决问题的能力、意愿). */
export const SPONSOR_CRITERIA = ['rank', 'business', 'history', 'ability', 'willingness'] as const;
export type SponsorCriterion = (typeof SPONSOR_CRITERIA)[number];
export const CARD_STATUSES = ['active', 'closed'] as const;
export const KEY_DATE_KINDS = ['birthday', 'holiday', 'anniversary', 'other'] as const;
export const CARD_ITEM_KINDS = ['key_event', 'action'] as const;
/** Days before a key date the owner and sponsor hear about it, unless the card says otherwise. */
export const DEFAULT_REMIND_DAYS = 7;

const text = (max: number) => z.string().trim().max(max);
const Day = z.iso.date().describe('Calendar date YYYY-MM-DD');

const CriterionSchema = z.object({
  met: z.boolean().describe('Whether the sponsor meets the criterion'),
  score: z.number().int().min(0).max(5).nullable().describe('0–5, null when not scored'),
  note: text(1000).nullable(),
});
export const SponsorFitSchema = z
  .object(Object.fromEntries(SPONSOR_CRITERIA.map((k) => [k, CriterionSchema])) as Record<SponsorCriterion, typeof CriterionSchema>)
  .describe('Fit of the sponsor: matching rank, matching business, history together, ability to solve problems, willingness');
export type SponsorFit = z.infer<typeof SponsorFitSchema>;
export const emptySponsorFit = (): SponsorFit => Object.fromEntries(SPONSOR_CRITERIA.map((k) => [k, { met: false, score: null, note: null }])) as SponsorFit;

export const KeyDateInputSchema = z.object({
  kind: z.enum(KEY_DATE_KINDS),
  label: text(200).min(1, 'Required'),
  date: Day,
  yearly: z.boolean().default(true).describe('Recurs every year on the same month and day (birthdays, holidays)'),
});
export const KeyDateSchema = KeyDateInputSchema.extend({
  id: IdSchema,
  nextOccurrence: Day.nullable().describe('The next time the date comes round (today or later); null for a past one-off date'),
});

export const CardItemInputSchema = z.object({
  text: text(2000).min(1, 'Required'),
  ownerId: IdSchema.nullable().optional().describe('Who carries out the action'),
  dueOn: Day.nullable().optional().describe('Due date of an action, or the day of a key event'),
  done: z.boolean().optional(),
});
export const CardItemSchema = CardItemInputSchema.extend({
  id: IdSchema,
  ownerId: IdSchema.nullable(),
  ownerName: z.string().nullable(),
  dueOn: Day.nullable(),
  done: z.boolean(),
});

export const CardReviewSchema = z.object({
  id: IdSchema,
  reviewedOn: Day,
  text: z.string(),
  nextReviewOn: Day.nullable(),
  authorId: IdSchema,
  authorName: z.string().nullable(),
  createdAt: TimestampSchema,
});
export const CardReviewCreateSchema = z.object({
  reviewedOn: Day,
  text: text(10_000).min(1, 'Required'),
  nextReviewOn: Day.nullable().optional().describe('When the card is reviewed next; it shows as due for review from that day'),
});

export const CompetitorWarningSchema = z
  .object({
    favouredCompetitor: z.string().nullable(),
    strength: z.number().nullable(),
  })
  .describe('Set when the decision chain marks the target person as a strong supporter of a competitor');

const CardFields = {
  title: text(200)
    .min(1, 'Required')
    .transform((v) => v.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ')),
  targetContactId: IdSchema.nullable().optional().describe('Step 1: the key person at the customer (a contact of the organization)'),
  targetNotes: text(5000).nullable().optional(),
  sponsorId: IdSchema.nullable().optional().describe('Step 2: the executive sponsor on our side (a user); they can see the card'),
  sponsorFit: SponsorFitSchema.optional(),
  visitsPlan: text(5000).nullable().optional().describe('Step 3a: company visits, exhibitions and forums'),
  mutualVisitsPlan: text(5000).nullable().optional().describe('Step 3b: regular mutual visits'),
  keyDates: z.array(KeyDateInputSchema).max(50).optional().describe('Step 3c: key dates; replaces the list'),
  keyEvents: z.array(CardItemInputSchema).max(100).optional().describe('Step 3d: key events (promotions, transfers …); replaces the list'),
  commitments: text(10_000).nullable().optional().describe('Step 4: goals and commitments'),
  actions: z.array(CardItemInputSchema).max(200).optional().describe('Step 4: the action plan; replaces the list'),
  status: z.enum(CARD_STATUSES).optional(),
  nextReviewOn: Day.nullable().optional().describe('Step 5: next periodic review'),
  remindDaysBefore: z.number().int().min(0).max(60).optional().describe(`Days before a key date to remind (default ${DEFAULT_REMIND_DAYS})`),
};

export const ExpansionCardCreateSchema = z.object({ organizationId: IdSchema.describe('The key account'), ...CardFields });
export type ExpansionCardCreate = z.infer<typeof ExpansionCardCreateSchema>;
export const ExpansionCardUpdateSchema = z.object({ ...CardFields, title: CardFields.title.optional(), version: VersionSchema });
export type ExpansionCardUpdate = z.infer<typeof ExpansionCardUpdateSchema>;

export const ExpansionCardSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  organizationName: z.string().nullable(),
  title: z.string(),
  ownerId: IdSchema,
  ownerName: z.string().nullable(),
  targetContactId: IdSchema.nullable(),
  targetName: z.string().nullable(),
  targetNotes: z.string().nullable(),
  competitorWarning: CompetitorWarningSchema.nullable(),
  sponsorId: IdSchema.nullable(),
  sponsorName: z.string().nullable(),
  sponsorFit: SponsorFitSchema,
  visitsPlan: z.string().nullable(),
  mutualVisitsPlan: z.string().nullable(),
  keyDates: z.array(KeyDateSchema),
  keyEvents: z.array(CardItemSchema),
  commitments: z.string().nullable(),
  actions: z.array(CardItemSchema),
  reviews: z.array(CardReviewSchema).describe('Newest first'),
  status: z.enum(CARD_STATUSES),
  nextReviewOn: Day.nullable(),
  remindDaysBefore: z.number().int(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type ExpansionCard = z.infer<typeof ExpansionCardSchema>;

export const ExpansionCardSummarySchema = ExpansionCardSchema.pick({
  id: true,
  organizationId: true,
  organizationName: true,
  title: true,
  ownerId: true,
  ownerName: true,
  targetContactId: true,
  targetName: true,
  sponsorId: true,
  sponsorName: true,
  status: true,
  nextReviewOn: true,
  updatedAt: true,
  version: true,
});
export type ExpansionCardSummary = z.infer<typeof ExpansionCardSummarySchema>;
export const ExpansionCardPageSchema = pageSchema(ExpansionCardSummarySchema);

export const CARD_RELATIONS = ['mine', 'sponsored', 'reports'] as const;
export const ExpansionCardListQuerySchema = ListQueryBase.extend({
  relation: z.enum(CARD_RELATIONS).optional().describe('mine: cards you own; sponsored: cards you sponsor; reports: cards of people in teams you manage'),
  organizationId: IdSchema.optional(),
  status: z.enum(CARD_STATUSES).optional(),
  dueForReview: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional()
    .describe('Only active cards whose next review date is today or earlier'),
  q: text(100).optional().describe('Title contains'),
});
export type ExpansionCardListQuery = z.infer<typeof ExpansionCardListQuerySchema>;

export const HandoverSchema = z.object({
  ownerId: IdSchema.describe('The new owner'),
  version: VersionSchema,
});

export const UpcomingKeyDateSchema = z.object({
  cardId: IdSchema,
  cardTitle: z.string(),
  organizationId: IdSchema,
  targetName: z.string().nullable(),
  kind: z.enum(KEY_DATE_KINDS),
  label: z.string(),
  on: Day,
});
export type UpcomingKeyDate = z.infer<typeof UpcomingKeyDateSchema>;

export const HandoverResultSchema = z.object({ id: IdSchema, ownerId: IdSchema, version: z.number().int() });
