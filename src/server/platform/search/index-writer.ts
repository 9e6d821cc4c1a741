import { insertRows } from '../../db/bulk-insert.js';
import type { Db } from '../../db/connection.js';
import { documentKeys, type SearchDocument } from './tokens.js';

const COLUMNS = ['type', 'recordId', 'token'] as const;

/**
 * Replaces the index entries of one record; `null` takes it out (deleted, merged away). Call it inside
 * the transaction that writes the record, so search never disagrees with the table.
 */
export async function writeSearchDocument(trx: Db, type: string, recordId: string, doc: SearchDocument | null): Promise<void> {
  await trx.deleteFrom('searchTokens').where('type', '=', type).where('recordId', '=', recordId).execute();
  if (!doc) return;
  await insertRows(
    trx,
    'searchTokens',
    COLUMNS,
    documentKeys(doc).map((token) => [type, recordId, token]),
  );
}

/**
 * Indexes many records at once (backfill, imports): one delete and a few inserts per batch.
 * `fresh`: the records were created in this transaction, so they have no entries to delete.
 */
export async function writeSearchDocuments(trx: Db, type: string, docs: { id: string; doc: SearchDocument }[], fresh = false): Promise<void> {
  if (docs.length === 0) return;
  if (!fresh) {
    await trx
      .deleteFrom('searchTokens')
      .where('type', '=', type)
      .where(
        'recordId',
        'in',
        docs.map((d) => d.id),
      )
      .execute();
  }
  const rows: string[][] = [];
  for (const { id, doc } of docs) for (const token of documentKeys(doc)) rows.push([type, id, token]);
  await insertRows(trx, 'searchTokens', COLUMNS, rows);
}
