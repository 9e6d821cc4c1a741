import { z } from 'zod';
import { IdSchema, VersionSchema } from './common.js';

/** Why a record looks like the one being entered, strongest first. */
export const DUPLICATE_REASONS = ['sameUscc', 'samePhone', 'sameEmail', 'sameName', 'similarName'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

/** A query parameter that may be given once or repeated (`?phones=a&phones=b`). */
const repeatable = (max: number, what: string) =>
  z
    .union([z.string().max(max), z.array(z.string().max(max)).max(20)])
    .optional()
    .describe(`${what}; repeat the parameter for several`);

const Common = {
  name: z.string().max(200).optional().describe('Name as typed; compared by its normalised key'),
  phones: repeatable(40, 'Phone numbers in any format (compared in E.164)'),
  emails: repeatable(254, 'E-mail addresses (compared in lower case)'),
  excludeId: IdSchema.optional().describe('The record being edited, left out of the answer'),
};

export const OrganizationDuplicatesQuerySchema = z.object({
  ...Common,
  uscc: z.string().max(40).optional().describe('Unified social credit code; ignored unless valid'),
});
export type OrganizationDuplicatesQuery = z.infer<typeof OrganizationDuplicatesQuerySchema>;

export const ContactDuplicatesQuerySchema = z.object({
  ...Common,
  name: z.string().max(120).optional().describe('Name as typed; compared by its normalised key'),
  organizationId: IdSchema.optional().describe('The organization the person is entered for: people there rank first'),
});
export type ContactDuplicatesQuery = z.infer<typeof ContactDuplicatesQuerySchema>;

export const DuplicateMatchSchema = z.object({
  id: IdSchema,
  name: z.string(),
  reasons: z.array(z.enum(DUPLICATE_REASONS)).describe('Strongest first'),
  ownerId: IdSchema.nullable(),
  ownerName: z.string().nullable().describe('null for the shared pool'),
  organizations: z.array(z.string()).optional().describe('Contacts: names of their organizations'),
  sameOrganization: z.boolean().optional().describe('Contacts: belongs to the organizationId asked about'),
});
export type DuplicateMatch = z.infer<typeof DuplicateMatchSchema>;

export const DuplicatesSchema = z.object({
  items: z.array(DuplicateMatchSchema).describe('Likely duplicates you may see, strongest first (at most 10)'),
  hiddenMatches: z.number().int().describe('Records outside your scope with the same name, code, phone or e-mail: they exist, but are not shown'),
});
export type Duplicates = z.infer<typeof DuplicatesSchema>;

export const MERGE_SIDES = ['source', 'target'] as const;
export type MergeSide = (typeof MERGE_SIDES)[number];

/** Fields a merge chooses between; `address` stands for the whole address (country to street). */
export const ORGANIZATION_MERGE_FIELDS = [
  'name',
  'partyType',
  'lifecycleStatus',
  'tier',
  'ownerId',
  'industry',
  'size',
  'source',
  'address',
  'website',
  'uscc',
  'notes',
  'tags',
  'phones',
  'emails',
] as const;
export const CONTACT_MERGE_FIELDS = ['name', 'tier', 'ownerId', 'source', 'address', 'notes', 'tags', 'phones', 'emails'] as const;

export const MergeBodySchema = z.object({
  sourceId: IdSchema.describe('The record merged away (it goes to the recycle bin); the path names the survivor'),
  fields: z
    .record(z.string().max(60), z.enum(MERGE_SIDES))
    .optional()
    .describe(
      'Which record each field comes from ("name", "address", "custom.<key>", …). Unnamed fields keep the survivor\'s value and take ' +
        "the other's where the survivor has none; tags, phones and e-mails are combined unless named; the owner stays unless named.",
    ),
  version: VersionSchema.optional().describe("The survivor's version you read"),
  sourceVersion: VersionSchema.optional().describe("The merged-away record's version you read"),
});
export type MergeBody = z.infer<typeof MergeBodySchema>;
