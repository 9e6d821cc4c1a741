import { z } from 'zod';

/**
 * Filters of list views, on any field: a built-in field key (e.g. "industry", "createdAt") or a
 * custom field as "custom.<key>". Sent to list endpoints as the JSON-encoded `filter` query parameter
 * and stored in saved views. Each entity's list declares which built-in fields it accepts.
 */
export const FILTER_OPS = ['eq', 'neq', 'contains', 'in', 'between', 'gte', 'lte', 'empty', 'notEmpty'] as const;
export const FilterOpSchema = z.enum(FILTER_OPS);
export type FilterOp = z.infer<typeof FilterOpSchema>;

const Scalar = z.union([z.string().max(200), z.number(), z.boolean()]);

export const FilterConditionSchema = z.object({
  field: z.string().min(1).max(60).describe('Built-in field key or "custom.<key>"'),
  op: FilterOpSchema,
  /** eq/neq/contains/gte/lte: a scalar; in: an array; between: [from, to] (either may be null); empty/notEmpty: none. */
  value: z.union([Scalar, z.array(Scalar.nullable()).max(200), z.null()]).optional(),
});
export type FilterCondition = z.infer<typeof FilterConditionSchema>;
/** All conditions must hold (AND). */
export const FiltersSchema = z.array(FilterConditionSchema).max(20);

/** Counts stop at this many matches and say so, instead of counting millions of rows on every page. */
export const COUNT_CAP = 10_000;

export const FILTER_QUERY_DESCRIPTION =
  'JSON array of {field, op, value}: op is eq, neq, contains, in, between, gte, lte, empty or notEmpty; field is a built-in field or "custom.<key>"';
