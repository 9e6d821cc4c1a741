import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { SearchResult, SearchType } from '../../../shared/schemas/search';
import { http } from '../../lib/api';

export const searchKeys = {
  all: ['search'] as const,
  results: (q: string) => [...searchKeys.all, 'results', q] as const,
  recent: ['search', 'recent'] as const,
};

const LIMIT = 20;

export function useSearch(q: string) {
  return useQuery({
    queryKey: searchKeys.results(q),
    queryFn: () => http.get<SearchResult>('/search', { q, limit: LIMIT }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function useRecentItems(enabled: boolean) {
  return useQuery({ queryKey: searchKeys.recent, queryFn: () => http.get<SearchResult>('/search/recent', { limit: 8 }), enabled });
}

/** Tells the server a detail page was opened (once per record shown), so search ranks it higher for this user. */
export function useRecordView(type: SearchType, id: string | undefined) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!id) return;
    http
      .post('/search/recent', { type, id })
      .then(() => queryClient.invalidateQueries({ queryKey: searchKeys.all }))
      // A lost "recently viewed" note is not worth bothering the user about.
      .catch(() => undefined);
  }, [type, id, queryClient]);
}

/** Where a search result opens. */
export const RECORD_PATHS: Record<SearchType, (id: string) => string> = {
  organizations: (id) => `/organizations/${id}`,
  contacts: (id) => `/contacts/${id}`,
  leads: (id) => `/leads/${id}`,
  opportunities: (id) => `/opportunities/${id}`,
  quotes: (id) => `/quotes/${id}`,
  expansion_cards: (id) => `/expansion-cards/${id}`,
};
