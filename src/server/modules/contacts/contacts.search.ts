import type { SearchableType, SearchPresentation } from '../../platform/search/searchable.js';
import { firstContactPoint } from '../customers/party-search.js';
import { CONTACT_SCOPE } from './contacts.repository.js';

/** Contacts in global search: scoped like GET /api/contacts/:id; the main organization (or an e-mail/phone) as subtitle. */
export const contactSearch: SearchableType = {
  type: 'contacts',
  module: 'contacts',
  table: 'contacts',
  titleColumn: 'name',
  scope: CONTACT_SCOPE,
  async present(db, ids) {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('contacts').select(['id', 'name', 'phones', 'emails']).where('id', 'in', ids).execute();
    // Where they work is shown whatever the actor's organization scope, as on the contact's own page.
    const works = await db
      .selectFrom('contactOrganizations')
      .innerJoin('organizations', 'organizations.id', 'contactOrganizations.organizationId')
      .select(['contactOrganizations.contactId', 'organizations.name', 'contactOrganizations.position'])
      .where('contactOrganizations.contactId', 'in', ids)
      .where('organizations.deletedAt', 'is', null)
      .orderBy('contactOrganizations.position')
      .execute();
    const main = new Map<string, string>();
    for (const w of works) if (!main.has(w.contactId)) main.set(w.contactId, w.name);
    return new Map<string, SearchPresentation>(rows.map((r) => [r.id, { title: r.name, subtitle: main.get(r.id) ?? firstContactPoint(r) }]));
  },
};
