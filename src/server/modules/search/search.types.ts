import type { SearchType } from '../../../shared/schemas/search.js';
import type { SearchableType } from '../../platform/search/searchable.js';
import { contactSearch } from '../contacts/contacts.search.js';
import { organizationSearch } from '../organizations/organizations.search.js';
// @import-searchable:leads
// @import-searchable:opportunities
// @import-searchable:quotes
// @import-searchable:cards-archives

/**
 * Every record type global search covers. A later module (leads, opportunities, …) writes its index
 * entries with writeSearchDocument in its own transactions and adds its SearchableType here.
 */
export const SEARCHABLE_TYPES: Record<SearchType, SearchableType> = {
  organizations: organizationSearch,
  contacts: contactSearch,
  // @searchable:leads
  // @searchable:opportunities
  // @searchable:quotes
  // @searchable:cards-archives
};
