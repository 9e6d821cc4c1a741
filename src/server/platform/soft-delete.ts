import { sql } from 'kysely';
import type { ModuleKey } from '../../shared/schemas/permissions.js';
import type { Db } from '../db/connection.js';
import type { Database } from '../db/schema.js';
import { auditAs } from './audit.js';
import type { Actor, Ctx } from './context.js';
import type { DeletedRecord } from './entities.js';
import { versionConflict } from './errors.js';
import { now } from './ids.js';
import { decodeCursor, encodeCursor } from './pagination.js';
import { type ScopeColumns, scopeFilter } from './permissions.js';

type SoftDeletable = { [K in keyof Database]: Database[K] extends { deletedAt: unknown; id: string } ? K : never }[keyof Database];

export interface DeletedListSpec {
  table: SoftDeletable;
  titleColumn: string;
  module: ModuleKey;
  scope?: ScopeColumns;
}

/** Soft-deleted rows of one table that the actor may see, newest deletion first, keyset-paged. */
export async function listDeleted(
  db: Db,
  actor: Actor,
  spec: DeletedListSpec,
  page: { limit: number; cursor?: string },
): Promise<{ items: DeletedRecord[]; nextCursor: string | null }> {
  const t = spec.table;
  // Dynamic table names defeat Kysely's column inference; the spec is written by modules, not users.
  let q = (db as Db)
    .selectFrom(t)
    .select([
      sql.ref<string>(`${t}.id`).as('id'),
      sql.ref<string>(`${t}.${spec.titleColumn}`).as('title'),
      sql.ref<string>(`${t}.deletedAt`).as('deletedAt'),
      sql.ref<string | null>(`${t}.deletedBy`).as('deletedBy'),
    ])
    .where(sql.ref(`${t}.deletedAt`), 'is not', null);
  if (spec.scope) q = q.where(scopeFilter(actor, spec.module, spec.scope) as never);
  if (page.cursor) {
    const [at, id] = decodeCursor(page.cursor, 2);
    q = q.where((eb) => eb.or([eb(sql.ref(`${t}.deletedAt`), '<', at), eb.and([eb(sql.ref(`${t}.deletedAt`), '=', at), eb(sql.ref(`${t}.id`), '<', id)])]));
  }
  const rows = (await q
    .orderBy(sql.ref(`${t}.deletedAt`), 'desc')
    .orderBy(sql.ref(`${t}.id`), 'desc')
    .limit(page.limit + 1)
    .execute()) as unknown as DeletedRecord[];
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > page.limit ? encodeCursor([last.deletedAt, last.id]) : null };
}

/** Writes the given columns if the version still matches; undefined when it no longer does. */
type VersionedWrite = (trx: Db, changes: { deletedAt: string | null; deletedBy: string | null; updatedAt: string }) => Promise<unknown>;

/**
 * Moves a record to the recycle bin (or back) in one transaction with its audit entry. `also` runs
 * in the same transaction (e.g. ending a deleted user's sessions).
 */
export async function setDeleted(
  ctx: Ctx,
  entityType: string,
  id: string,
  deleted: boolean,
  write: VersionedWrite,
  also?: (trx: Db) => Promise<void>,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const at = now();
    const changed = await write(trx, { deletedAt: deleted ? at : null, deletedBy: deleted ? ctx.actor.userId : null, updatedAt: at });
    if (!changed) throw versionConflict();
    await also?.(trx);
    await auditAs(trx, ctx.actor, deleted ? 'delete' : 'restore', entityType, id);
  });
}
