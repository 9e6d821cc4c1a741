import { type Kysely, sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Actor } from '../context.js';
import { type SearchableType, searchVisibility } from './searchable.js';

/** Which of `ids` are live records of the type inside the actor's scope. */
export async function visibleAmong(db: Db, actor: Actor, st: SearchableType, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await (db as unknown as Kysely<any>)
    .selectFrom(st.table)
    .select(sql.ref<string>(`${st.table}.id`).as('id'))
    .where(sql.ref(`${st.table}.id`), 'in', ids)
    .where(sql.ref(`${st.table}.deletedAt`), 'is', null)
    .where(searchVisibility(actor, st) as never)
    .execute();
  return rows.map((r) => r.id as string);
}
