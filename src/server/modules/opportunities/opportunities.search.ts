import { formatMinor, toMinorNumber } from '../../../shared/money.js';
import type { Db } from '../../db/connection.js';
import { writeSearchDocument, writeSearchDocuments } from '../../platform/search/index-writer.js';
import type { SearchableType, SearchPresentation } from '../../platform/search/searchable.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { OPPORTUNITY_SCOPE } from './opportunities.repository.js';
import type { OpportunityRow } from './opportunities.tables.js';

/** What global search knows of a deal: its name. Written in the transaction that writes the row. */
export function indexOpportunity(trx: Db, row: Pick<OpportunityRow, 'id' | 'name' | 'deletedAt'>) {
  return writeSearchDocument(trx, 'opportunities', row.id, row.deletedAt ? null : { title: row.name });
}

/** Deals inserted in bulk (imports). */
export function indexNewOpportunities(trx: Db, rows: Pick<OpportunityRow, 'id' | 'name'>[]) {
  return writeSearchDocuments(
    trx,
    'opportunities',
    rows.map((r) => ({ id: r.id, doc: { title: r.name } })),
  );
}

/** Opportunities in global search: scoped like GET /api/opportunities/:id; the customer and amount as subtitle. */
export const opportunitySearch: SearchableType = {
  type: 'opportunities',
  module: 'opportunities',
  table: 'opportunities',
  titleColumn: 'name',
  scope: OPPORTUNITY_SCOPE,
  async present(db, ids) {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('opportunities').select(['id', 'name', 'amountMinor', 'currency', 'organizationId']).where('id', 'in', ids).execute();
    const organizations = await organizationsService.namesOf(
      { db },
      rows.map((r) => r.organizationId),
    );
    return new Map<string, SearchPresentation>(
      rows.map((r) => [
        r.id,
        { title: r.name, subtitle: [organizations.get(r.organizationId), formatMinor(toMinorNumber(r.amountMinor), r.currency)].filter(Boolean).join(' · ') },
      ]),
    );
  },
};
