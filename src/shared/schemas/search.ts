import { z } from 'zod';
import { IdSchema } from './common.js';

/** Record types the global search covers; a module that registers a searchable type adds its name here. */
export const SEARCH_TYPES = ['organizations', 'contacts', 'leads', 'opportunities', 'quotes', 'expansion_cards'] as const;
export const SearchTypeSchema = z.enum(SEARCH_TYPES);
export type SearchType = z.infer<typeof SearchTypeSchema>;

export const SearchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'Type something to search for')
    .max(100)
    .describe('Chinese (one character or more), pinyin or its initials, English word prefixes, e-mail or phone fragments'),
  types: z
    .string()
    .max(200)
    .optional()
    .transform((v, c) => {
      if (v === undefined || v.trim() === '') return undefined;
      const list = [...new Set(v.split(',').map((s) => s.trim()))];
      const bad = list.filter((t) => !(SEARCH_TYPES as readonly string[]).includes(t));
      if (bad.length > 0) {
        c.addIssue({ code: 'custom', message: `Unknown type: ${bad.join(', ')}; use ${SEARCH_TYPES.join(', ')}` });
        return z.NEVER;
      }
      return list as SearchType[];
    })
    .describe(`Comma-separated record types (${SEARCH_TYPES.join(', ')}); all by default`),
  limit: z.coerce.number().int().min(1).max(50).default(20).describe('Most results to return (1–50)'),
});
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

export const SearchItemSchema = z.object({
  type: SearchTypeSchema,
  id: IdSchema,
  title: z.string(),
  subtitle: z.string().nullable().describe('e.g. the organization a contact works at, or an industry'),
  score: z.number().describe('Higher is better: exact title > title prefix > contains; recently viewed records rank first within each'),
});
export type SearchItem = z.infer<typeof SearchItemSchema>;
export const SearchResultSchema = z.object({
  items: z.array(SearchItemSchema).describe('Best first; records the caller may not see are never included or counted'),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;

export const RecentViewSchema = z.object({ type: SearchTypeSchema, id: IdSchema });
export type RecentView = z.infer<typeof RecentViewSchema>;
export const RecentQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(50).default(10).describe('Most records to return (1–50)') });
