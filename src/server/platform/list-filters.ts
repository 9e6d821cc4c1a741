import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { COUNT_CAP, type FilterCondition, type FilterOp, FiltersSchema } from '../../shared/schemas/list-filters.js';
import type { Db } from '../db/connection.js';
import { badRequest } from './errors.js';
import type { SortColumn } from './pagination.js';
import { containsText } from './text-match.js';

/**
 * The filter engine of list views: conditions from the `filter` query parameter (FiltersSchema)
 * become one WHERE expression over a list's fields. A list declares its fields (built-in columns
 * and custom fields) as ListFields; every field is filtered through the same column or expression
 * its index is built on, so the filter and the index meet.
 */

export type ListFieldKind = 'text' | 'enum' | 'id' | 'number' | 'date' | 'timestamp' | 'boolean' | 'tags' | 'multi';

export interface ListField {
  kind: ListFieldKind;
  /** A column reference such as "organizations.industry"… */
  column?: string;
  /** …or an expression (custom fields). */
  expression?: Expression<unknown>;
  /** Offered as a sort; needs an index (expression or column, id). */
  sortable?: boolean;
  /** May be NULL (anything but a NOT NULL column): matters for sorting and keyset cursors. */
  nullable?: boolean;
  /** boolean: the stored form of true and false ('true' text on PostgreSQL, 1 on SQLite…). */
  boolValue?: (b: boolean) => unknown;
  /** tags / multi: "holds this element", "holds any of these", "holds none". */
  has?: (value: string) => Expression<SqlBool>;
  hasAny?: (values: string[]) => Expression<SqlBool>;
  isEmpty?: () => Expression<SqlBool>;
}

export type ListFields = Record<string, ListField>;
type Where = (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>;
type Scalar = string | number | boolean;

const OPS: Record<ListFieldKind, readonly FilterOp[]> = {
  text: ['eq', 'neq', 'contains', 'in', 'empty', 'notEmpty'],
  enum: ['eq', 'neq', 'in', 'empty', 'notEmpty'],
  id: ['eq', 'neq', 'in', 'empty', 'notEmpty'],
  number: ['eq', 'neq', 'in', 'between', 'gte', 'lte', 'empty', 'notEmpty'],
  date: ['eq', 'neq', 'in', 'between', 'gte', 'lte', 'empty', 'notEmpty'],
  timestamp: ['eq', 'between', 'gte', 'lte', 'empty', 'notEmpty'],
  boolean: ['eq', 'neq', 'empty', 'notEmpty'],
  tags: ['eq', 'neq', 'in', 'empty', 'notEmpty'],
  multi: ['eq', 'neq', 'in', 'empty', 'notEmpty'],
};

const invalid = (message: string) => badRequest('validation_failed', 'Invalid filter', { filter: message });

/** The `filter` query parameter (JSON) as conditions; 400 naming `filter` when it is not valid. */
export function parseFilterParam(raw: string | undefined): FilterCondition[] {
  if (raw === undefined || raw.trim() === '') return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw invalid('Not valid JSON: send an array of {field, op, value}');
  }
  const parsed = FiltersSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
  }
  return parsed.data;
}

/** The fields a list offers as sorts, for parseSort. */
export function sortColumns(fields: ListFields): Record<string, SortColumn> {
  const out: Record<string, SortColumn> = {};
  for (const [key, f] of Object.entries(fields)) {
    if (!f.sortable) continue;
    out[key] = f.expression ? { column: key, expression: f.expression, nullable: f.nullable ?? true } : { column: f.column as string, nullable: !!f.nullable };
  }
  return out;
}

/**
 * All conditions (AND) as one WHERE, or undefined when there are none. Checks everything before
 * any SQL is built: an unknown field, an operator the field's kind does not have or a value of the
 * wrong shape answers 400 naming `filter`.
 */
export function compileFilters(fields: ListFields, conditions: FilterCondition[]): Where | undefined {
  const parts = conditions.map((c) => compileCondition(fields, c));
  if (parts.length === 0) return undefined;
  return (eb) => eb.and(parts.map((p) => p(eb)));
}

function compileCondition(fields: ListFields, c: FilterCondition): Where {
  const field = Object.hasOwn(fields, c.field) ? fields[c.field] : undefined;
  if (!field) throw invalid(`Unknown field "${c.field}"`);
  if (!OPS[field.kind].includes(c.op)) throw invalid(`${c.field}: "${c.op}" is not available; use ${OPS[field.kind].join(', ')}`);
  // Tags and multi-value fields may have no single column; they filter through has / hasAny / isEmpty.
  const ref = field.expression ?? (field.column ? sql.ref(field.column) : sql`null`);
  const bad = (what: string) => invalid(`${c.field}: ${c.op} needs ${what}`);

  if (c.op === 'empty' || c.op === 'notEmpty') {
    const empty: Where =
      field.isEmpty !== undefined
        ? () => (field.isEmpty as () => Expression<SqlBool>)()
        : field.kind === 'text'
          ? (eb) => eb.or([eb(ref, 'is', null), eb(ref, '=', '')])
          : (eb) => eb(ref, 'is', null);
    return c.op === 'empty' ? empty : (eb) => eb.not(empty(eb));
  }

  if (field.kind === 'tags' || field.kind === 'multi') {
    const has = field.has as (v: string) => Expression<SqlBool>;
    if (c.op === 'in') {
      const values = listOf(
        c.value,
        (v) => (typeof v === 'string' ? v : undefined),
        () => bad('a list of values'),
      );
      return () => (field.hasAny as (v: string[]) => Expression<SqlBool>)(values);
    }
    if (typeof c.value !== 'string') throw bad('a text value');
    const value = c.value;
    if (c.op === 'eq') return () => has(value);
    // "Does not hold X" includes holding nothing (NULL, where NOT would give NULL on PostgreSQL).
    const isEmpty = field.isEmpty as () => Expression<SqlBool>;
    return (eb) => eb.or([isEmpty(), eb.not(has(value))]);
  }

  const one = (v: unknown) => scalarOf(field, v);
  if (c.op === 'in') {
    const values = listOf(c.value, one, () => bad(`a list of ${describeKind(field.kind)} values`));
    return (eb) => eb(ref, 'in', values);
  }
  if (c.op === 'between' || c.op === 'gte' || c.op === 'lte') {
    const [from, to] = rangeOf(c, bad);
    const lower = from === null ? undefined : boundOf(field, from, 'from', bad);
    const upper = to === null ? undefined : boundOf(field, to, 'to', bad);
    // A timestamp range "to" a day ends where the next day begins.
    const below = field.kind === 'timestamp' && isDay(to) ? '<' : '<=';
    return (eb) => eb.and([...(lower !== undefined ? [eb(ref, '>=', lower)] : []), ...(upper !== undefined ? [eb(ref, below, upper)] : [])]);
  }
  if (c.op === 'contains') {
    if (typeof c.value !== 'string' || c.value === '') throw bad('a text value');
    const text = c.value;
    return () => containsText(ref, text);
  }
  // eq / neq
  if (field.kind === 'timestamp') {
    // A timestamp "equals" a day: the whole day (UTC).
    if (!isDay(c.value)) throw bad('a date (YYYY-MM-DD)');
    const day = c.value as string;
    return (eb) => eb.and([eb(ref, '>=', `${day}T00:00:00.000Z`), eb(ref, '<', nextDay(day))]);
  }
  const value = one(c.value);
  if (value === undefined) throw bad(`a ${describeKind(field.kind)} value`);
  if (c.op === 'eq') return (eb) => eb(ref, '=', value);
  // "Is not X" includes records where the field is empty.
  return (eb) => eb.or([eb(ref, 'is', null), eb(ref, '<>', value)]);
}

/** [from, to] of between / gte / lte, each a scalar or null (open); at least one given. */
function rangeOf(c: FilterCondition, bad: (what: string) => Error): [Scalar | null, Scalar | null] {
  const scalar = (v: unknown): Scalar | null => {
    if (Array.isArray(v)) throw bad('single values');
    return v === null || v === undefined ? null : (v as Scalar);
  };
  let range: [Scalar | null, Scalar | null];
  if (c.op === 'between') {
    if (!Array.isArray(c.value) || c.value.length !== 2) throw bad('[from, to]');
    range = [scalar(c.value[0]), scalar(c.value[1])];
  } else range = c.op === 'gte' ? [scalar(c.value), null] : [null, scalar(c.value)];
  if (range[0] === null && range[1] === null) throw bad('a value');
  return range;
}

function listOf<T>(value: unknown, each: (v: unknown) => T | undefined, fail: () => Error): T[] {
  if (!Array.isArray(value) || value.length === 0) throw fail();
  const out = value.map(each);
  if (out.some((v) => v === undefined)) throw fail();
  return out as T[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar day as YYYY-MM-DD ("2024-02-30" is not). */
function isDay(v: unknown): v is string {
  if (typeof v !== 'string' || !DAY.test(v)) return false;
  const time = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(v);
}
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();

function describeKind(kind: ListFieldKind): string {
  return kind === 'date' ? 'date (YYYY-MM-DD)' : kind === 'timestamp' ? 'timestamp' : kind === 'boolean' ? 'true/false' : kind === 'number' ? 'number' : 'text';
}

/** A value in the form the field's column stores, or undefined when it has the wrong shape. */
function scalarOf(field: ListField, v: unknown): unknown {
  switch (field.kind) {
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
    case 'date':
      return isDay(v) ? v : undefined;
    case 'boolean':
      return typeof v === 'boolean' ? (field.boolValue ? field.boolValue(v) : v ? 1 : 0) : undefined;
    case 'timestamp':
      return undefined;
    default:
      return typeof v === 'string' ? v : undefined;
  }
}

/** A range bound: numbers and days as stored; a timestamp bound may be a day (from its start, to its end) or an ISO time. */
function boundOf(field: ListField, v: Scalar | null, side: 'from' | 'to', bad: (what: string) => Error): unknown {
  if (field.kind === 'timestamp') {
    if (isDay(v)) return side === 'from' ? `${v}T00:00:00.000Z` : nextDay(v);
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v))) return new Date(v).toISOString();
    throw bad('dates (YYYY-MM-DD) or ISO timestamps');
  }
  if (field.kind !== 'number' && field.kind !== 'date') throw bad('a number or a date field');
  const value = scalarOf(field, v);
  if (value === undefined) throw bad(`${describeKind(field.kind)} values`);
  return value;
}

/**
 * How many rows the list query matches, counting no further than COUNT_CAP + 1 rows: an exact
 * count of a million rows on every page is the slowest query a list can make, and nobody pages
 * through ten thousand records. `totalCapped` says the real number is larger.
 */
export async function cappedCount(db: Db, filtered: { select: (...args: any[]) => any }): Promise<{ total: number; totalCapped?: true }> {
  const inner = filtered
    .select(sql<number>`1`.as('one'))
    .limit(COUNT_CAP + 1)
    .as('capped');
  const row = await (db as any)
    .selectFrom(inner)
    .select((eb: any) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(row.n);
  return n > COUNT_CAP ? { total: COUNT_CAP, totalCapped: true } : { total: n };
}

/**
 * `total=true` without a count where the page already tells: a first page that is not full (rows
 * read with limit + 1) is the whole list. Panels on a record's page are mostly that short.
 */
export async function listTotal(
  db: Db,
  filtered: { select: (...args: any[]) => any },
  rows: readonly unknown[],
  q: { total?: boolean; cursor?: string; limit: number },
): Promise<{ total?: number; totalCapped?: true }> {
  if (!q.total) return {};
  if (!q.cursor && rows.length <= q.limit) return { total: rows.length };
  return cappedCount(db, filtered);
}
