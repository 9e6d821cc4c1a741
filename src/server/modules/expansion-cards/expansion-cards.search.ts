import type { SearchableType, SearchPresentation } from '../../platform/search/searchable.js';
import { cardVisibleTo } from './card-visibility.js';

/**
 * Expansion cards in global search, indexed by title and the target person's name. Found only by
 * the people who may open the card (its confidentiality, not the key_accounts record scope).
 */
export const expansionCardSearch: SearchableType = {
  type: 'expansion_cards',
  module: 'key_accounts',
  table: 'expansionCards',
  titleColumn: 'title',
  scope: { owner: 'expansionCards.ownerId' },
  visibleTo: (actor) => cardVisibleTo(actor),
  async present(db, ids) {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('expansionCards')
      .leftJoin('organizations', 'organizations.id', 'expansionCards.organizationId')
      .select(['expansionCards.id', 'expansionCards.title', 'organizations.name as organizationName'])
      .where('expansionCards.id', 'in', ids)
      .execute();
    return new Map<string, SearchPresentation>(rows.map((r) => [r.id, { title: r.title, subtitle: r.organizationName ?? null }]));
  },
};
