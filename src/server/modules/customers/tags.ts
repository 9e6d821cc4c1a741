import { PostgresAdapter, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/connection.js';

/**
 * "The record's tags (a JSON array in a text column) include `tag`", exact and case-sensitive on
 * both dialects: jsonb containment on PostgreSQL (served by the GIN index of migration 0002),
 * json_each on SQLite. No LIKE, so % _ " and \ in a tag need no escaping. A stopgap until tags get
 * their own table with the list views and bulk tagging of the customers issue.
 */
export function hasTag(db: Db, column: 'organizations.tags' | 'contacts.tags', tag: string): RawBuilder<SqlBool> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    return sql<SqlBool>`(${sql.ref(column)})::jsonb @> ${JSON.stringify([tag])}::jsonb`;
  }
  return sql<SqlBool>`exists (select 1 from json_each(${sql.ref(column)}) where json_each.value = ${tag})`;
}
