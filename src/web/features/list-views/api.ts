import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FilterCondition } from '../../../shared/schemas/list-filters';
import type { BulkRequest, BulkResult, View, ViewCreate, ViewEntity, ViewUpdate } from '../../../shared/schemas/views';
import { http, type Page } from '../../lib/api';
import { auditKeys } from '../audit/api';

export const viewKeys = {
  all: ['views'] as const,
  list: (entity: ViewEntity) => [...viewKeys.all, entity] as const,
};

const PAGE_SIZE = 50;

export type ListPage<T> = Page<T> & { totalCapped?: boolean };

export interface ListQuery {
  q?: string;
  filters: FilterCondition[];
  sort?: string;
}

/**
 * One list of records in keyset pages. Keyed under the entity (e.g. ['organizations', …]) so every
 * change to a record, wherever it is made, refreshes the list too.
 */
export function useRecordList<T>(entity: ViewEntity, query: ListQuery) {
  const filter = query.filters.length > 0 ? JSON.stringify(query.filters) : undefined;
  const params = { q: query.q, filter, sort: query.sort };
  return useInfiniteQuery({
    queryKey: [entity, 'list', 'view', params],
    queryFn: ({ pageParam }) => http.get<ListPage<T>>(`/${entity}`, { ...params, limit: PAGE_SIZE, cursor: pageParam, total: pageParam ? undefined : true }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useViews(entity: ViewEntity) {
  return useQuery({ queryKey: viewKeys.list(entity), queryFn: () => http.get<{ items: View[] }>('/views', { entity }) });
}

function useInvalidateViews() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: viewKeys.all });
}

export function useCreateView() {
  const invalidate = useInvalidateViews();
  return useMutation({ mutationFn: (input: ViewCreate) => http.post<View>('/views', input), onSettled: () => invalidate() });
}

export function useUpdateView() {
  const invalidate = useInvalidateViews();
  return useMutation({
    mutationFn: ({ id, ...input }: ViewUpdate & { id: string }) => http.patch<View>(`/views/${id}`, input),
    onSettled: () => invalidate(),
  });
}

export function useDeleteView() {
  const invalidate = useInvalidateViews();
  return useMutation({ mutationFn: (id: string) => http.delete(`/views/${id}`), onSettled: () => invalidate() });
}

/** Bulk changes touch the records, their history and, for organizations, the contacts that show their names. */
export function useBulkAction(entity: ViewEntity) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: BulkRequest) => http.post<BulkResult>(`/${entity}/bulk`, input),
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: [entity] }),
        qc.invalidateQueries({ queryKey: [entity === 'organizations' ? 'contacts' : 'organizations'] }),
        qc.invalidateQueries({ queryKey: auditKeys.all }),
      ]),
  });
}
