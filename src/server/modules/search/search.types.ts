import type { SearchType } from '../../../shared/schemas/search.js';
import type { SearchableType } from '../../platform/search/searchable.js';
import { contactSearch } from '../contacts/contacts.search.js';
import { expansionCardSearch } from '../expansion-cards/expansion-cards.search.js';
import { leadSearch } from '../leads/leads.search.js';
import { opportunitySearch } from '../opportunities/opportunities.search.js';
import { organizationSearch } from '../organizations/organizations.search.js';
import { quoteSearch } from '../quotes/quotes.search.js';

/**
 * Every record type global search covers. A later module (leads, opportunities, …) writes its index
 * entries with writeSearchDocument in its own transactions and adds its SearchableType here.
 */
export const SEARCHABLE_TYPES: Record<SearchType, SearchableType> = {
  organizations: organizationSearch,
  contacts: contactSearch,
  leads: leadSearch,
  opportunities: opportunitySearch,
  quotes: quoteSearch,
  expansion_cards: expansionCardSearch,
};
