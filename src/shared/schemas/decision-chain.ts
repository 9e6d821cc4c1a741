import { z } from 'zod';
import { IdSchema, TimestampSchema, VersionSchema } from './common.js';

export const BUYING_ROLES = ['decision_maker', 'approver', 'technical_evaluator', 'business_evaluator', 'user', 'influencer', 'coach', 'gatekeeper'] as const;
export const SUPPORT_LEVELS = ['supporter', 'neutral', 'opponent'] as const;
export const CHAIN_LEVELS = ['senior', 'middle', 'junior'] as const;
export const EDGE_KINDS = ['reporting', 'influence'] as const;
export const RELATION_KINDS = ['strategic_agreement', 'executive_visit', 'joint_event', 'other'] as const;
/** Roles whose lack of an owner on our side is a coverage gap. */
export const DECIDING_ROLES = ['decision_maker', 'approver'] as const;
export type BuyingRole = (typeof BUYING_ROLES)[number];
export type SupportLevel = (typeof SUPPORT_LEVELS)[number];
export type ChainLevel = (typeof CHAIN_LEVELS)[number];
export type EdgeKind = (typeof EDGE_KINDS)[number];
export type RelationKind = (typeof RELATION_KINDS)[number];

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
const Coordinate = z.number().finite().min(-1_000_000).max(1_000_000);
const Day = z.iso.date().describe('YYYY-MM-DD');

export const OrganizationParamsSchema = z.object({ organizationId: IdSchema.describe('The key account (organization)') });
export const ChainNodeParamsSchema = OrganizationParamsSchema.extend({ id: IdSchema.describe('A person of the chain') });
export const RelationParamsSchema = OrganizationParamsSchema.extend({ id: IdSchema.describe('An organization-level relation') });

export const DepartmentInputSchema = z.object({
  id: IdSchema.describe('Chosen by the client for a new department (any UUID), kept for an existing one'),
  name: text(200).min(1, 'Required'),
  parentId: IdSchema.nullable().optional().describe('Another department of this chain'),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
});

const NodeFields = {
  departmentId: IdSchema.nullable().optional().describe('A department of this chain'),
  title: optionalText(200).describe('Job title at the customer'),
  buyingRole: z.enum(BUYING_ROLES).nullable().optional(),
  support: z.enum(SUPPORT_LEVELS).optional().describe('Support toward us; defaults to neutral'),
  favouredCompetitor: optionalText(200).describe('The competitor this person favours'),
  strength: z.number().int().min(1).max(5).nullable().optional().describe('Relationship strength 1–5'),
  level: z.enum(CHAIN_LEVELS).nullable().optional().describe('高层/中层/基层'),
  risingStar: z.boolean().optional().describe('明日之星'),
  ourOwnerId: IdSchema.nullable().optional().describe('The user on our side who covers this person'),
  x: Coordinate.optional(),
  y: Coordinate.optional(),
  notes: optionalText(5000),
};

export const NodeInputSchema = z.object({
  id: IdSchema.describe('Chosen by the client for a new person (any UUID), kept for an existing one'),
  contactId: IdSchema.describe("A contact of the organization (listed in the contact's organizations)"),
  ...NodeFields,
});
export type NodeInput = z.infer<typeof NodeInputSchema>;

export const NodePatchSchema = z.object(NodeFields).extend({ version: VersionSchema.describe("The chain's version") });
export type NodePatch = z.infer<typeof NodePatchSchema>;

export const EdgeInputSchema = z.object({
  id: IdSchema.describe('Chosen by the client for a new line, kept for an existing one'),
  from: IdSchema.describe('Person id (for reporting lines: the manager)'),
  to: IdSchema.describe('Person id (for reporting lines: the person reporting to `from`)'),
  kind: z.enum(EDGE_KINDS),
  hidden: z.boolean().optional().describe('A hidden decision link (隐性决策链); influence lines only'),
  note: optionalText(1000),
});
export type EdgeInput = z.infer<typeof EdgeInputSchema>;

export const ChainSaveSchema = z.object({
  version: z.number().int().min(0).describe('The chain version the edit is based on (0 for a chain never saved)'),
  departments: z.array(DepartmentInputSchema).max(200),
  nodes: z.array(NodeInputSchema).max(500),
  edges: z.array(EdgeInputSchema).max(2000),
});
export type ChainSave = z.infer<typeof ChainSaveSchema>;

export const DepartmentSchema = z.object({ id: IdSchema, name: z.string(), parentId: IdSchema.nullable(), sortOrder: z.number().int() });
export type Department = z.infer<typeof DepartmentSchema>;

export const ChainNodeSchema = z.object({
  id: IdSchema,
  contactId: IdSchema,
  contactName: z.string().describe("The contact's name (empty if it was deleted)"),
  departmentId: IdSchema.nullable(),
  title: z.string().nullable(),
  buyingRole: z.enum(BUYING_ROLES).nullable(),
  support: z.enum(SUPPORT_LEVELS),
  favouredCompetitor: z.string().nullable(),
  strength: z.number().int().nullable(),
  level: z.enum(CHAIN_LEVELS).nullable(),
  risingStar: z.boolean(),
  ourOwnerId: IdSchema.nullable(),
  ourOwnerName: z.string().nullable(),
  lastContactAt: TimestampSchema.nullable().describe("The contact's latest activity"),
  x: z.number(),
  y: z.number(),
  notes: z.string().nullable(),
});
export type ChainNode = z.infer<typeof ChainNodeSchema>;

export const ChainEdgeSchema = z.object({
  id: IdSchema,
  from: IdSchema,
  to: IdSchema,
  kind: z.enum(EDGE_KINDS),
  hidden: z.boolean(),
  note: z.string().nullable(),
});
export type ChainEdge = z.infer<typeof ChainEdgeSchema>;

export const NodePatchResultSchema = z.object({ version: z.number().int().describe("The chain's new version"), node: ChainNodeSchema });

export const ChainSchema = z.object({
  organizationId: IdSchema,
  version: z.number().int().describe('0 until the chain is first saved'),
  updatedAt: TimestampSchema.nullable(),
  departments: z.array(DepartmentSchema),
  nodes: z.array(ChainNodeSchema),
  edges: z.array(ChainEdgeSchema),
});
export type Chain = z.infer<typeof ChainSchema>;

// Organization-level relations (组织客户关系)
const RelationFields = {
  kind: z.enum(RELATION_KINDS),
  title: text(200).min(1, 'Required'),
  happenedOn: Day.nullable().optional(),
  ourPeople: optionalText(500).describe('Who took part on our side'),
  theirPeople: optionalText(500).describe("Who took part on the customer's side"),
  notes: optionalText(5000),
};
export const RelationCreateSchema = z.object(RelationFields);
export type RelationCreate = z.infer<typeof RelationCreateSchema>;
export const RelationUpdateSchema = RelationCreateSchema.partial().extend({ version: VersionSchema });
export type RelationUpdate = z.infer<typeof RelationUpdateSchema>;
export const RelationSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  kind: z.enum(RELATION_KINDS),
  title: z.string(),
  happenedOn: z.string().nullable(),
  ourPeople: z.string().nullable(),
  theirPeople: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Relation = z.infer<typeof RelationSchema>;
export const RelationListSchema = z.object({ items: z.array(RelationSchema) });

// Coverage (普遍客户关系)
export const CoverageQuerySchema = z.object({
  staleDays: z.coerce.number().int().min(1).max(3650).optional().describe('A person with no activity for this many days is a gap (default: the setting, 30)'),
});
export const CoveragePersonSchema = z.object({
  id: IdSchema,
  contactId: IdSchema,
  contactName: z.string(),
  title: z.string().nullable(),
  buyingRole: z.enum(BUYING_ROLES).nullable(),
  support: z.enum(SUPPORT_LEVELS),
  ourOwnerId: IdSchema.nullable(),
  ourOwnerName: z.string().nullable(),
  lastContactAt: TimestampSchema.nullable(),
  gaps: z.array(z.enum(['no_owner', 'stale'])).describe('no_owner: a decision maker or approver nobody on our side covers; stale: no activity in staleDays'),
});
export type CoveragePerson = z.infer<typeof CoveragePersonSchema>;
export const CoverageSchema = z.object({
  organizationId: IdSchema,
  staleDays: z.number().int(),
  levels: z.array(z.enum([...CHAIN_LEVELS, 'unknown'])).describe('Columns of the matrix'),
  rows: z.array(
    z.object({
      departmentId: IdSchema.nullable().describe('null: people without a department'),
      departmentName: z.string().nullable(),
      empty: z.boolean().describe('A department with nobody in the chain'),
      cells: z.record(z.string(), z.array(CoveragePersonSchema)).describe('People by level'),
    }),
  ),
  gaps: z.object({
    emptyDepartments: z.number().int(),
    uncoveredDeciders: z.number().int(),
    stalePeople: z.number().int(),
    total: z.number().int(),
  }),
});
export type Coverage = z.infer<typeof CoverageSchema>;

// Dashboard
export const DashboardQuerySchema = z.object({
  tier: z.enum(['key', 'A', 'B', 'C']).optional().describe('Only accounts of this tier (default: every tier)'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export const DashboardAccountSchema = z.object({
  organizationId: IdSchema,
  name: z.string(),
  tier: z.string().nullable(),
  ownerName: z.string().nullable(),
  people: z.number().int(),
  supporters: z.number().int(),
  opponents: z.number().int(),
  gaps: z.number().int().describe('Coverage gaps (see the coverage endpoint), with the default stale days'),
  assessment: z
    .object({
      assessedOn: z.string(),
      average: z.number(),
      scaleMax: z.number(),
      previousAverage: z.number().nullable().describe('The average of the assessment before, for the trend'),
    })
    .nullable()
    .describe('The latest relationship assessment, null when none'),
});
export const DashboardSchema = z.object({
  accounts: z.array(DashboardAccountSchema),
  cardsDue: z
    .array(
      z.object({
        id: IdSchema,
        title: z.string(),
        organizationId: IdSchema,
        organizationName: z.string().nullable(),
        targetName: z.string().nullable(),
        nextReviewOn: z.string().nullable(),
      }),
    )
    .describe('Expansion cards you may see that are due for review, soonest first'),
  keyDates: z
    .array(
      z.object({
        cardId: IdSchema,
        cardTitle: z.string(),
        organizationId: IdSchema,
        targetName: z.string().nullable(),
        label: z.string(),
        on: z.string().describe('YYYY-MM-DD: the next occurrence'),
      }),
    )
    .describe('Key dates of the expansion cards you may see in the next 30 days'),
  truncated: z.boolean().describe('More accounts match than `limit`'),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

export const CoverageSettingsSchema = z.object({
  staleDays: z.number().int().min(1).max(3650).default(30).describe('Days without activity after which a chain person counts as a coverage gap'),
});
export type CoverageSettings = z.infer<typeof CoverageSettingsSchema>;
