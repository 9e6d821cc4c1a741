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

/** Indexes rows inserted in bulk (imports) in the inserting transaction; reindexParties uses it too. */
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

const BATCH = 500;

/**
 * Indexes every live organization and contact again, in batches by id (migration 0010 fills the index
 * this way; run it again after the key format changes). Each batch is one transaction.
 */
export async function reindexParties(db: Db): Promise<number> {
  let count = 0;
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
      const write = (trx: Db) => indexNewParties(trx, table, rows);
      // Inside a migration the caller's transaction is already open.
      await (db.isTransaction ? write(db) : db.transaction().execute(write));
      count += rows.length;
      after = rows[rows.length - 1].id;
    }
  }
  return count;
}
