import type { Db } from '../../db/connection.js';
import { documentKeys, type SearchDocument } from './tokens.js';

/** Rows per INSERT: far below the bound-parameter limits of SQLite and PostgreSQL. */
const CHUNK = 1000;

async function insertKeys(trx: Db, rows: { type: string; recordId: string; token: string }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('searchTokens')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/**
 * Replaces the index entries of one record; `null` takes it out (deleted, merged away). Call it inside
 * the transaction that writes the record, so search never disagrees with the table.
 */
export async function writeSearchDocument(trx: Db, type: string, recordId: string, doc: SearchDocument | null): Promise<void> {
  await trx.deleteFrom('searchTokens').where('type', '=', type).where('recordId', '=', recordId).execute();
  if (!doc) return;
  await insertKeys(
    trx,
    documentKeys(doc).map((token) => ({ type, recordId, token })),
  );
}

/** Indexes many new records at once (backfill, imports): one delete and a few inserts per batch. */
export async function writeSearchDocuments(trx: Db, type: string, docs: { id: string; doc: SearchDocument }[]): Promise<void> {
  if (docs.length === 0) return;
  await trx
    .deleteFrom('searchTokens')
    .where('type', '=', type)
    .where(
      'recordId',
      'in',
      docs.map((d) => d.id),
    )
    .execute();
  await insertKeys(
    trx,
    docs.flatMap(({ id, doc }) => documentKeys(doc).map((token) => ({ type, recordId: id, token }))),
  );
}
