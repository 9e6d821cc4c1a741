import type { SearchableType, SearchPresentation } from '../../platform/search/searchable.js';
import { firstContactPoint } from '../customers/party-search.js';
import { ORGANIZATION_SCOPE } from './organizations.repository.js';

/** Organizations in global search: scoped exactly like GET /api/organizations/:id; the industry as subtitle. */
export const organizationSearch: SearchableType = {
  type: 'organizations',
  module: 'organizations',
  table: 'organizations',
  titleColumn: 'name',
  scope: ORGANIZATION_SCOPE,
  async present(db, ids) {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('organizations').select(['id', 'name', 'industry', 'phones', 'emails']).where('id', 'in', ids).execute();
    return new Map<string, SearchPresentation>(rows.map((r) => [r.id, { title: r.name, subtitle: r.industry ?? firstContactPoint(r) }]));
  },
};
