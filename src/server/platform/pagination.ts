import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { badRequest } from './errors.js';

export interface SortKey {
  /** API name, e.g. "createdAt". */
  field: string;
  /** Column reference, e.g. "users.createdAt". Sortable columns are NOT NULL. */
  column: string;
  desc: boolean;
}

/**
 * Parses "name,-createdAt" against the fields a list allows. The record id is always the last key,
 * so every sort is a total order and a keyset cursor is exact.
 */
export function parseSort(sort: string | undefined, allowed: Record<string, string>, idColumn: string, fallback: string): SortKey[] {
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
    const column = Object.hasOwn(allowed, field) ? allowed[field] : undefined;
    if (!column || keys.some((k) => k.field === field)) {
      throw badRequest('validation_failed', 'Invalid sort', {
        sort: `Sortable fields: ${Object.keys(allowed).join(', ')}`,
      });
    }
    keys.push({ field, column, desc });
  }
  keys.push({ field: 'id', column: idColumn, desc: keys[keys.length - 1].desc });
  return keys;
}

type CursorValue = string | number;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): CursorValue[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length && values.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return values;
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest('validation_failed', 'Invalid cursor', { cursor: 'Use the nextCursor of the previous page' });
}

/** WHERE for "rows after the cursor" in the given order: (a > x) OR (a = x AND b > y) … */
export function afterCursor(keys: SortKey[], cursor: string) {
  const values = decodeCursor(cursor, keys.length);
  // All keys one way: a row-value comparison, which both databases serve as an index range.
  if (keys.every((k) => k.desc === keys[0].desc)) {
    const cols = sql.join(keys.map((k) => sql.ref(k.column)));
    const vals = sql.join(values.map((v) => sql`${v}`));
    return (): Expression<SqlBool> => sql<SqlBool>`(${cols}) ${sql.raw(keys[0].desc ? '<' : '>')} (${vals})`;
  }
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    const ors: Expression<SqlBool>[] = [];
    for (let i = 0; i < keys.length; i++) {
      const ands: Expression<SqlBool>[] = [];
      for (let j = 0; j < i; j++) ands.push(eb(sql.ref(keys[j].column), '=', values[j]));
      ands.push(eb(sql.ref(keys[i].column), keys[i].desc ? '<' : '>', values[i]));
      ors.push(eb.and(ands));
    }
    return eb.or(ors);
  };
}

/** Applies ORDER BY for the keys. */
export function orderBy<QB extends { orderBy: (...args: any[]) => QB }>(qb: QB, keys: SortKey[]): QB {
  let q = qb;
  for (const k of keys) q = q.orderBy(sql.ref(k.column), k.desc ? 'desc' : 'asc');
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
  return { rows: page, nextCursor: encodeCursor(keys.map((k) => fieldValue(last, k.field) as CursorValue)) };
}
