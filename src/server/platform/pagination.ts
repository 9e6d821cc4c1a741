import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { badRequest } from './errors.js';

export interface SortKey {
  /** API name, e.g. "createdAt". */
  field: string;
  /** Column reference, e.g. "users.createdAt". */
  column: string;
  desc: boolean;
  /** The column may be NULL: empty sorts first ascending and last descending, and the cursor may hold null. */
  nullable?: boolean;
  /** Sorts by this expression instead of `column` (e.g. a custom field inside a JSON column). */
  expression?: Expression<unknown>;
  /** For an expression: the alias it is selected as, so the page's last row gives the cursor value. */
  selectAs?: string;
}

/** A sortable field: a NOT NULL column by name, or a spec for nullable columns and expressions. */
export type SortColumn = string | { column: string; nullable?: boolean; expression?: Expression<unknown> };

/**
 * Parses "name,-createdAt" against the fields a list allows. The record id is always the last key,
 * so every sort is a total order and a keyset cursor is exact.
 */
export function parseSort(sort: string | undefined, allowed: Record<string, SortColumn>, idColumn: string, fallback: string): SortKey[] {
  const parts = (sort ?? fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.length > 3) {
    throw badRequest('validation_failed', 'Invalid sort', { sort: 'Give one to three fields' });
  }
  const keys: SortKey[] = [];
  for (const part of parts) {
    const desc = part.startsWith('-');
    const field = desc ? part.slice(1) : part;
    const spec = Object.hasOwn(allowed, field) ? allowed[field] : undefined;
    if (!spec || keys.some((k) => k.field === field)) {
      throw badRequest('validation_failed', 'Invalid sort', {
        sort: `Sortable fields: ${Object.keys(allowed).join(', ')}`,
      });
    }
    if (typeof spec === 'string') keys.push({ field, column: spec, desc });
    else
      keys.push({
        field,
        column: spec.column,
        desc,
        ...(spec.nullable && { nullable: true }),
        ...(spec.expression && { expression: spec.expression, selectAs: `sortv${keys.length}` }),
      });
  }
  keys.push({ field: 'id', column: idColumn, desc: keys[keys.length - 1].desc });
  return keys;
}

/** What a key sorts by, for ORDER BY, WHERE and SELECT. */
export const sortRef = (k: SortKey): Expression<unknown> => k.expression ?? sql.ref(k.column);

/** Adds the sort expressions (custom fields) to the select list under their aliases, for the cursor. */
export function selectSortValues<QB extends { select: (...args: any[]) => QB }>(qb: QB, keys: SortKey[]): QB {
  let q = qb;
  for (const k of keys) if (k.expression && k.selectAs) q = q.select(sql`${k.expression}`.as(k.selectAs));
  return q;
}

type CursorValue = string | number | null;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** `nullable[i]` allows null at position i (a nullable sort key); elsewhere only strings and numbers. */
export function decodeCursor(cursor: string, length: number, nullable: boolean[] = []): CursorValue[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === length &&
      values.every((v, i) => typeof v === 'string' || typeof v === 'number' || (v === null && nullable[i]))
    ) {
      return values;
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest('validation_failed', 'Invalid cursor', { cursor: 'Use the nextCursor of the previous page' });
}

const decodeFor = (keys: SortKey[], cursor: string) =>
  decodeCursor(
    cursor,
    keys.length,
    keys.map((k) => !!k.nullable),
  );

/**
 * WHERE for "rows after the cursor" in the given order: (a > x) OR (a = x AND b > y) … Empty
 * (NULL) sorts before every value, so for a nullable key "after" and "equal" take NULL into account.
 */
export function afterCursor(keys: SortKey[], cursor: string) {
  return afterValues(keys, decodeFor(keys, cursor));
}

function afterValues(keys: SortKey[], values: CursorValue[]) {
  // All keys one way and none nullable: a row-value comparison, which both databases serve as an index range.
  if (keys.every((k) => k.desc === keys[0].desc && !k.nullable)) {
    const cols = sql.join(keys.map(sortRef));
    const vals = sql.join(values.map((v) => sql`${v}`));
    return (): Expression<SqlBool> => sql<SqlBool>`(${cols}) ${sql.raw(keys[0].desc ? '<' : '>')} (${vals})`;
  }
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    const ors: Expression<SqlBool>[] = [];
    for (let i = 0; i < keys.length; i++) {
      const ands: Expression<SqlBool>[] = [];
      for (let j = 0; j < i; j++) ands.push(equalTo(eb, keys[j], values[j]));
      const after = beyond(eb, keys[i], values[i]);
      if (!after) continue;
      ands.push(after);
      ors.push(eb.and(ands));
    }
    return ors.length > 0 ? eb.or(ors) : sql<SqlBool>`1 = 0`;
  };
}

function equalTo(eb: ExpressionBuilder<any, any>, k: SortKey, v: CursorValue): Expression<SqlBool> {
  return v === null ? eb(sortRef(k), 'is', null) : eb(sortRef(k), '=', v);
}

/** Rows strictly after value `v` of key `k`; undefined when there are none (nothing follows NULL descending). */
function beyond(eb: ExpressionBuilder<any, any>, k: SortKey, v: CursorValue): Expression<SqlBool> | undefined {
  const ref = sortRef(k);
  if (v === null) return k.desc ? undefined : eb(ref, 'is not', null);
  if (!k.desc) return eb(ref, '>', v);
  return k.nullable ? eb.or([eb(ref, '<', v), eb(ref, 'is', null)]) : eb(ref, '<', v);
}

/**
 * A page in keyset order as one or two index ranges. When the first key is nullable, an OR across
 * the empty and the filled part of the index cannot be one range, and the database would skip
 * every row of the earlier pages; so the empty part and the filled part are read separately (each
 * with a plain condition on the first key), in order, until the page is full. `read` runs one query
 * with the extra condition, ordered by the keys, up to the given number of rows; the result holds
 * up to `limit` + 1 rows, for toPage.
 */
export async function readKeysetPage<Row>(
  keys: SortKey[],
  cursor: string | undefined,
  limit: number,
  read: (where: ((eb: ExpressionBuilder<any, any>) => Expression<SqlBool>) | undefined, limit: number) => Promise<Row[]>,
): Promise<Row[]> {
  const [first, ...rest] = keys;
  if (!first.nullable) return read(cursor ? afterCursor(keys, cursor) : undefined, limit + 1);
  const values = cursor ? decodeFor(keys, cursor) : undefined;
  const ref = sortRef(first);
  const empty = (eb: ExpressionBuilder<any, any>) => eb(ref, 'is', null);
  const filled = (eb: ExpressionBuilder<any, any>) => eb(ref, 'is not', null);
  const and =
    (a: (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>, b?: (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>) =>
    (eb: ExpressionBuilder<any, any>) =>
      b ? eb.and([a(eb), b(eb)]) : a(eb);
  // Empty first ascending, last descending.
  const emptyPart = () => and(empty, values ? afterValues(rest, values.slice(1)) : undefined);
  // Within the filled part the first key is never NULL, so the cursor condition can be a row-value range.
  const filledPart = (fromCursor: boolean) => and(filled, fromCursor && values ? afterValues([{ ...first, nullable: false }, ...rest], values) : undefined);
  let parts: ((eb: ExpressionBuilder<any, any>) => Expression<SqlBool>)[];
  if (!values) parts = first.desc ? [filledPart(false), emptyPart()] : [emptyPart(), filledPart(false)];
  else if (values[0] === null) parts = first.desc ? [emptyPart()] : [emptyPart(), filledPart(false)];
  else parts = first.desc ? [filledPart(true), and(empty)] : [filledPart(true)];
  const rows: Row[] = [];
  for (const where of parts) {
    if (rows.length > limit) break;
    rows.push(...(await read(where, limit + 1 - rows.length)));
  }
  return rows;
}

/** Applies ORDER BY for the keys; NULLs of a nullable key first ascending, last descending, on both databases. */
export function orderBy<QB extends { orderBy: (...args: any[]) => QB }>(qb: QB, keys: SortKey[]): QB {
  let q = qb;
  for (const k of keys) {
    if (!k.nullable) q = q.orderBy(sortRef(k), k.desc ? 'desc' : 'asc');
    else q = q.orderBy(sortRef(k), (ob: any) => (k.desc ? ob.desc().nullsLast() : ob.asc().nullsFirst()));
  }
  return q;
}

/**
 * Rows are fetched with limit + 1: the extra row says whether a next page exists, and the last
 * returned row's sort values become the cursor.
 */
export function toPage<Row extends Record<string, unknown>>(
  rows: Row[],
  limit: number,
  keys: SortKey[],
  fieldValue: (row: Row, field: string) => unknown = (row, field) => row[field],
): { rows: Row[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: encodeCursor(keys.map((k) => (fieldValue(last, k.selectAs ?? k.field) ?? null) as CursorValue)) };
}
