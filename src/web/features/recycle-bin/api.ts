import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { DeletedItemSchema } from '../../../shared/schemas/audit';
import { http, type Page } from '../../lib/api';

export type DeletedItem = z.infer<typeof DeletedItemSchema>;

export const recycleBinKeys = {
  all: ['recycle-bin'] as const,
  types: () => [...recycleBinKeys.all, 'types'] as const,
  list: (type: string) => [...recycleBinKeys.all, 'list', type] as const,
};

export function useRecycleBinTypes() {
  return useQuery({ queryKey: recycleBinKeys.types(), queryFn: () => http.get<{ types: string[] }>('/recycle-bin/types') });
}

export function useDeletedItems(type: string | undefined) {
  return useInfiniteQuery({
    queryKey: recycleBinKeys.list(type ?? ''),
    queryFn: ({ pageParam }) => http.get<Page<DeletedItem>>('/recycle-bin', { type, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!type,
  });
}

export function useRestore() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ type, id }: { type: string; id: string }) => http.post<void>(`/recycle-bin/${type}/${id}/restore`),
    onSuccess: (_data, { type }) => Promise.all([qc.invalidateQueries({ queryKey: recycleBinKeys.all }), qc.invalidateQueries({ queryKey: [type] })]),
  });
}
