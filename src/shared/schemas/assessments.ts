import { z } from 'zod';
import { BooleanQuery, IdSchema, ListQueryBase, pageSchema, TimestampSchema, VersionSchema } from './common.js';

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
export const DaySchema = z.iso.date().describe('Calendar date YYYY-MM-DD');

/** Scores run from 1 to the scale's top; the top is a workspace setting. */
export const SCALE_MIN = 1;
export const SCALE_MAX_LIMITS = { min: 3, max: 10 } as const;
export const DEFAULT_SCALE_MAX = 5;

export const AssessmentScaleSchema = z.object({
  max: z
    .number()
    .int()
    .min(SCALE_MAX_LIMITS.min)
    .max(SCALE_MAX_LIMITS.max)
    .default(DEFAULT_SCALE_MAX)
    .describe(`Highest score (scores run from 1); ${SCALE_MAX_LIMITS.min}–${SCALE_MAX_LIMITS.max}, default ${DEFAULT_SCALE_MAX}`),
});
export type AssessmentScale = z.infer<typeof AssessmentScaleSchema>;

// ---- Dimensions -------------------------------------------------------------------------------

const DimensionFields = {
  nameEn: text(100).min(1, 'Required').describe('English name'),
  nameZh: text(100).min(1, 'Required').describe('Chinese name'),
  descriptionEn: optionalText(1000).describe('What to look at, in English'),
  descriptionZh: optionalText(1000).describe('What to look at, in Chinese'),
  sortOrder: z.number().int().min(0).max(100_000).optional().describe('Position on the radar and in forms (ascending)'),
  active: z.boolean().optional().describe('Inactive dimensions stay on old assessments but are no longer scored'),
};

export const DimensionCreateSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,49}$/, 'Lower-case letters, digits and _ (2–50), starting with a letter')
    .describe('Stable machine name, unique'),
  ...DimensionFields,
});
export type DimensionCreate = z.infer<typeof DimensionCreateSchema>;
export const DimensionUpdateSchema = z.object(DimensionFields).partial().extend({ version: VersionSchema });
export type DimensionUpdate = z.infer<typeof DimensionUpdateSchema>;

export const DimensionSchema = z.object({
  id: IdSchema,
  key: z.string(),
  nameEn: z.string(),
  nameZh: z.string(),
  descriptionEn: z.string().nullable(),
  descriptionZh: z.string().nullable(),
  sortOrder: z.number().int(),
  active: z.boolean(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type Dimension = z.infer<typeof DimensionSchema>;

export const DimensionListQuerySchema = z.object({
  active: BooleanQuery.optional().describe('Only active (true) or only inactive (false) dimensions'),
});
export type DimensionListQuery = z.infer<typeof DimensionListQuerySchema>;
export const DimensionListSchema = z.object({ items: z.array(DimensionSchema), scale: AssessmentScaleSchema });

// ---- Assessments ------------------------------------------------------------------------------

export const ScoreInputSchema = z.object({
  dimensionId: IdSchema.describe('An active dimension'),
  score: z.number().int().describe('From 1 to the scale top'),
  comment: optionalText(2000),
});
export type ScoreInput = z.infer<typeof ScoreInputSchema>;

export const AssessmentCreateSchema = z.object({
  organizationId: IdSchema.describe('The key account'),
  assessedOn: DaySchema,
  notes: optionalText(10_000),
  scores: z.array(ScoreInputSchema).min(1, 'Required').max(50).describe('One score per active dimension'),
});
export type AssessmentCreate = z.infer<typeof AssessmentCreateSchema>;

export const AssessmentUpdateSchema = AssessmentCreateSchema.omit({ organizationId: true }).partial().extend({ version: VersionSchema });
export type AssessmentUpdate = z.infer<typeof AssessmentUpdateSchema>;

export const ScoreSchema = z.object({
  dimensionId: IdSchema,
  dimensionKey: z.string(),
  nameEn: z.string(),
  nameZh: z.string(),
  score: z.number().int(),
  comment: z.string().nullable(),
});

export const AssessmentSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  organizationName: z.string().nullable(),
  assessedOn: z.string().describe('YYYY-MM-DD'),
  assessorId: IdSchema,
  assessorName: z.string().nullable(),
  scaleMax: z.number().int().describe('The scale top when it was scored'),
  notes: z.string().nullable(),
  scores: z.array(ScoreSchema).describe('In dimension order'),
  average: z.number().describe('Mean score, two decimals'),
  isLatest: z.boolean().describe("The account's newest assessment"),
  canEdit: z.boolean().describe('You wrote it and it is still the newest'),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type Assessment = z.infer<typeof AssessmentSchema>;

export const ASSESSMENT_SORTS = ['assessedOn', 'createdAt'] as const;
export const AssessmentListQuerySchema = ListQueryBase.extend({
  organizationId: IdSchema.optional().describe('One account; 404 when you cannot see it'),
  assessorId: IdSchema.optional(),
  from: DaySchema.optional().describe('Assessed on or after'),
  to: DaySchema.optional().describe('Assessed on or before'),
});
export type AssessmentListQuery = z.infer<typeof AssessmentListQuerySchema>;
export const AssessmentPageSchema = pageSchema(AssessmentSchema);

export const OverviewQuerySchema = z.object({ organizationId: IdSchema.describe('The key account') });

/** Everything the radar and the trend of one account need, in one answer. */
export const AssessmentOverviewSchema = z.object({
  organizationId: IdSchema,
  organizationName: z.string(),
  scale: AssessmentScaleSchema,
  dimensions: z.array(DimensionSchema).describe('Active dimensions and any scored on the two newest assessments, in order'),
  latest: AssessmentSchema.nullable(),
  previous: AssessmentSchema.nullable(),
  trend: z
    .array(
      z.object({
        id: IdSchema,
        assessedOn: z.string(),
        average: z.number(),
        scaleMax: z.number().int(),
        scores: z.record(z.string(), z.number().int()).describe('Score per dimension id'),
      }),
    )
    .describe('Up to 100 assessments, oldest first'),
});
export type AssessmentOverview = z.infer<typeof AssessmentOverviewSchema>;

export interface LatestAssessmentSummary {
  assessmentId: string;
  assessedOn: string;
  average: number;
  scaleMax: number;
  /** The average of the assessment before it, for a trend arrow; null when there is none. */
  previousAverage: number | null;
}
