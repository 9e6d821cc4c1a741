import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Duplicates } from '../../../shared/schemas/duplicates';
import { api } from '../../lib/api';

export type DuplicateType = 'organizations' | 'contacts';

export interface DuplicateQuery {
  name?: string;
  uscc?: string;
  phones?: string[];
  emails?: string[];
  organizationId?: string;
  excludeId?: string;
}

export const duplicateKeys = {
  all: ['duplicates'] as const,
  check: (type: DuplicateType, q: DuplicateQuery) => [...duplicateKeys.all, type, q] as const,
};

/** Phones and e-mails repeat as parameters (`phones=a&phones=b`), which the shared query-string helper does not do. */
export function fetchDuplicates(type: DuplicateType, q: DuplicateQuery): Promise<Duplicates> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(q)) {
    for (const v of [value ?? []].flat()) if (v) search.append(key, v);
  }
  return api<Duplicates>('GET', `/${type}/duplicates?${search}`);
}

/** True when the query holds something the server can match on. */
export const hasCriteria = (q: DuplicateQuery) => (q.name?.length ?? 0) >= 2 || !!q.uscc || (q.phones?.length ?? 0) > 0 || (q.emails?.length ?? 0) > 0;

export function useDuplicates(type: DuplicateType, q: DuplicateQuery, enabled = true) {
  return useQuery({
    queryKey: duplicateKeys.check(type, q),
    queryFn: () => fetchDuplicates(type, q),
    enabled: enabled && hasCriteria(q),
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}
