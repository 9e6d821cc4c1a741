import type { Updateable } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { ImportRow, ImportsTable } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import { scopeFilter } from '../../platform/permissions.js';
import { IMPORTERS } from './imports.registry.js';

type NewImport = Omit<ImportsTable, 'cursor' | 'rowsCreated' | 'rowsUpdated' | 'rowsSkipped' | 'rowsFailed' | 'cancelRequested'>;

/**
 * An import is seen by the actor's scope on its record type, the importer being its owner: one's
 * own imports, the team's, or all; and only for record types the actor may create.
 */
function visible(db: Db, actor: Actor) {
  return db
    .selectFrom('imports')
    .where((eb) =>
      eb.or(
        Object.values(IMPORTERS).map((imp) =>
          eb.and([eb('imports.entity', '=', imp.entity), scopeFilter(actor, imp.module, { owner: 'imports.createdBy' })(eb as never) as never]),
        ),
      ),
    );
}

export const importsRepository = {
  async insert(db: Db, row: NewImport): Promise<void> {
    await db.insertInto('imports').values(row).execute();
  },

  async appendChunk(db: Db, importId: string, seq: number, data: Buffer): Promise<void> {
    await db.insertInto('importChunks').values({ importId, seq, data }).execute();
  },

  /** The stored file, chunk by chunk: one small query at a time, never the whole file in memory. */
  async *chunks(db: Db, importId: string): AsyncGenerator<Buffer> {
    for (let seq = 0; ; seq++) {
      const chunk = await db.selectFrom('importChunks').select('data').where('importId', '=', importId).where('seq', '=', seq).executeTakeFirst();
      if (!chunk) return;
      // better-sqlite3 answers synchronously: without a turn of the event loop per chunk, parsing a
      // large file would starve every HTTP request of the instance.
      await new Promise((resolve) => setImmediate(resolve));
      yield Buffer.from(chunk.data);
    }
  },

  find: (db: Db, id: string): Promise<ImportRow | undefined> => db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst(),

  findVisible: (db: Db, actor: Actor, id: string): Promise<ImportRow | undefined> =>
    visible(db, actor).selectAll('imports').where('imports.id', '=', id).executeTakeFirst(),

  list(db: Db, actor: Actor, q: { limit: number; cursor?: string; entity?: string }): Promise<ImportRow[]> {
    return visible(db, actor)
      .selectAll('imports')
      .$if(!!q.entity, (qb) => qb.where('imports.entity', '=', q.entity as string))
      .$if(!!q.cursor, (qb) => qb.where('imports.id', '<', q.cursor as string))
      .orderBy('imports.id', 'desc')
      .limit(q.limit + 1)
      .execute();
  },

  /** Only when the import is still in `from` (two requests starting the same import: one wins). */
  async setStatus(db: Db, id: string, from: ImportRow['status'][], changes: Omit<Updateable<ImportsTable>, 'id'>): Promise<boolean> {
    const r = await db.updateTable('imports').set(changes).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
    return r.numUpdatedRows > 0n;
  },

  /**
   * Moves the cursor and counts after a batch, only from the cursor the batch started at: a second
   * runner that took over the job (an expired lock) cannot commit the same rows twice.
   */
  async advance(
    db: Db,
    id: string,
    fromCursor: number,
    toCursor: number,
    counts: { created: number; updated: number; skipped: number; failed: number },
  ): Promise<boolean> {
    const r = await db
      .updateTable('imports')
      .set((eb) => ({
        cursor: toCursor,
        rowsCreated: eb('rowsCreated', '+', counts.created),
        rowsUpdated: eb('rowsUpdated', '+', counts.updated),
        rowsSkipped: eb('rowsSkipped', '+', counts.skipped),
        rowsFailed: eb('rowsFailed', '+', counts.failed),
      }))
      .where('id', '=', id)
      .where('cursor', '=', fromCursor)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  },

  async insertErrors(db: Db, rows: { importId: string; row: number; seq: number; column: string | null; reason: string }[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto('importErrors')
        .values(rows.slice(i, i + 500))
        .execute();
  },

  /** The report in file order, a page at a time. */
  errorsAfter(db: Db, importId: string, after: { row: number; seq: number }, limit: number) {
    return db
      .selectFrom('importErrors')
      .select(['row', 'seq', 'column', 'reason'])
      .where('importId', '=', importId)
      .where((eb) => eb.or([eb('row', '>', after.row), eb.and([eb('row', '=', after.row), eb('seq', '>', after.seq)])]))
      .orderBy('row')
      .orderBy('seq')
      .limit(limit)
      .execute();
  },

  /** The stored file is only needed until the import ends. */
  async dropChunks(db: Db, importId: string): Promise<void> {
    await db.deleteFrom('importChunks').where('importId', '=', importId).execute();
  },
};
