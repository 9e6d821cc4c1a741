import { formatMinor } from '../../../shared/money.js';
import type { Db } from '../../db/connection.js';
import { writeSearchDocument } from '../../platform/search/index-writer.js';
import type { SearchableType, SearchPresentation } from '../../platform/search/searchable.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { QUOTE_SCOPE } from './quotes.repository.js';
import type { QuoteRow } from './quotes.tables.js';

/**
 * What global search knows of a quote: its number, and the customer's name and the subject as other
 * names (so "华联" finds the customer's quotes). Only the latest version of a number is indexed;
 * written in the transaction that writes the row. A later rename of the customer is not followed.
 */
export async function indexQuote(trx: Db, row: Pick<QuoteRow, 'id' | 'number' | 'title' | 'organizationId' | 'deletedAt' | 'supersededById'>) {
  if (row.deletedAt || row.supersededById) return writeSearchDocument(trx, 'quotes', row.id, null);
  const org = (await organizationsService.namesOf({ db: trx }, [row.organizationId])).get(row.organizationId);
  return writeSearchDocument(trx, 'quotes', row.id, { title: row.number, names: [org, row.title].filter((n): n is string => !!n) });
}

/** Quotes in global search: scoped like GET /api/quotes/:id; customer, version and total as subtitle. */
export const quoteSearch: SearchableType = {
  type: 'quotes',
  module: 'quotes',
  table: 'quotes',
  titleColumn: 'number',
  scope: QUOTE_SCOPE,
  async present(db, ids) {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('quotes')
      .select(['id', 'number', 'revision', 'totalMinor', 'currency', 'organizationId'])
      .where('id', 'in', ids)
      .execute();
    const organizations = await organizationsService.namesOf(
      { db },
      rows.map((r) => r.organizationId),
    );
    return new Map<string, SearchPresentation>(
      rows.map((r) => [
        r.id,
        {
          title: `${r.number} v${r.revision}`,
          subtitle: [organizations.get(r.organizationId), formatMinor(r.totalMinor, r.currency)].filter(Boolean).join(' · '),
        },
      ]),
    );
  },
};
