import type { Db } from '../../db/connection.js';
import type { ContactRow, OrganizationRow } from '../../db/schema.js';
import { writeSearchDocument, writeSearchDocuments } from '../../platform/search/index-writer.js';
import type { SearchDocument } from '../../platform/search/tokens.js';
import { parseList } from './party.js';

type PartyText = Pick<OrganizationRow | ContactRow, 'id' | 'name' | 'phones' | 'emails' | 'deletedAt'>;

/** What global search knows of an organization or a contact: its name, phone numbers and e-mail addresses. */
export function partySearchDocument(row: PartyText): SearchDocument {
  return {
    title: row.name,
    phones: parseList<{ number: string }>(row.phones).map((p) => p.number),
    emails: parseList<{ address: string }>(row.emails).map((e) => e.address),
  };
}

/** The columns whose change alters the index entries (a deleted record leaves the index). */
const INDEXED = ['name', 'phones', 'emails', 'deletedAt'] as const;
export const touchesSearch = (changes: object) => INDEXED.some((c) => c in changes);

/** Re-indexes a record just written, in the writer's transaction. */
export function indexParty(trx: Db, type: 'organizations' | 'contacts', row: PartyText): Promise<void> {
  return writeSearchDocument(trx, type, row.id, row.deletedAt ? null : partySearchDocument(row));
}

/** Indexes rows inserted in bulk in the inserting transaction. */
export function indexNewParties(trx: Db, type: 'organizations' | 'contacts', rows: (Omit<PartyText, 'deletedAt'> & { deletedAt?: string | null })[]) {
  const live = rows.filter((r) => !r.deletedAt);
  return writeSearchDocuments(
    trx,
    type,
    live.map((r) => ({ id: r.id, doc: partySearchDocument({ ...r, deletedAt: null }) })),
  );
}

/** The first e-mail address or phone number, for a subtitle. */
export function firstContactPoint(row: Pick<PartyText, 'phones' | 'emails'>): string | null {
  return parseList<{ address: string }>(row.emails)[0]?.address ?? parseList<{ number: string }>(row.phones)[0]?.number ?? null;
}

/** Records per transaction of the backfill: few commits, each well under a second. */
const BATCH = 5000;
const TOKEN_INDEX = 'search_tokens_token_idx';

/** The search's key-range index, as migration 0010 makes it; a no-op when it exists. */
const ensureTokenIndex = (db: Db) => db.schema.createIndex(TOKEN_INDEX).ifNotExists().on('search_tokens').columns(['type', 'token', 'record_id']).execute();

/**
 * Indexes every live organization and contact again, in batches by id (migration 0010 fills the index
 * this way; run it again after the key format changes). Each batch is one transaction.
 *
 * When no organization or contact has entries yet (migration 0010, a bulk-loaded data set), there is
 * nothing to replace and nothing to find meanwhile: the key-range index is dropped for the backfill and
 * built once afterwards, which is several times faster than keeping it up to date one key at a time
 * (bench: ~880,000 keys inserted in 3.5 s without it, 12.9 s with it). Searches of other types scan
 * meanwhile. A backfill that dies half-way leaves the index missing; the next run makes it again first.
 */
export async function reindexParties(db: Db): Promise<number> {
  await ensureTokenIndex(db);
  const indexed = await db.selectFrom('searchTokens').select('recordId').where('type', 'in', ['organizations', 'contacts']).limit(1).executeTakeFirst();
  const bulk = !indexed;
  if (bulk) await db.schema.dropIndex(TOKEN_INDEX).execute();
  let count = 0;
  try {
    for (const table of ['organizations', 'contacts'] as const) {
      let after = '';
      for (;;) {
        const rows = await db
          .selectFrom(table)
          .select(['id', 'name', 'phones', 'emails', 'deletedAt'])
          .where('deletedAt', 'is', null)
          .where('id', '>', after)
          .orderBy('id')
          .limit(BATCH)
          .execute();
        if (rows.length === 0) break;
        const write = (trx: Db) =>
          writeSearchDocuments(
            trx,
            table,
            rows.map((r) => ({ id: r.id, doc: partySearchDocument(r) })),
            bulk,
          );
        // Inside a migration the caller's transaction is already open.
        await (db.isTransaction ? write(db) : db.transaction().execute(write));
        count += rows.length;
        after = rows[rows.length - 1].id;
      }
    }
  } finally {
    if (bulk) await ensureTokenIndex(db);
  }
  return count;
}
