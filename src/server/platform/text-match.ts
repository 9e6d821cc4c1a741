import { type Expression, type RawBuilder, sql } from 'kysely';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Case-insensitive "contains" that treats % and _ in user input literally, on both dialects. */
export function containsText(column: string | Expression<unknown>, text: string): RawBuilder<boolean> {
  const ref = typeof column === 'string' ? sql.ref(column) : column;
  return sql<boolean>`lower(${ref}) like ${`%${escapeLike(text.toLowerCase())}%`} escape '\\'`;
}
