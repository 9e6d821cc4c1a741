import type { SearchableType, SearchPresentation } from '../../platform/search/searchable.js';
import { LEAD_SCOPE } from './leads.repository.js';

/** Leads in global search: scoped like GET /api/leads/:id; the company (or phone, e-mail) as subtitle. */
export const leadSearch: SearchableType = {
  type: 'leads',
  module: 'leads',
  table: 'leads',
  titleColumn: 'name',
  scope: LEAD_SCOPE,
  async present(db, ids) {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('leads').select(['id', 'name', 'company', 'phone', 'email']).where('id', 'in', ids).execute();
    return new Map<string, SearchPresentation>(rows.map((r) => [r.id, { title: r.name, subtitle: r.company ?? r.phone ?? r.email }]));
  },
};
