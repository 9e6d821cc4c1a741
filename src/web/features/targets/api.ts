import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Target, TargetCreate, TargetUpdate } from '../../../shared/schemas/targets';
import { fetchAll, http, type QueryValue } from '../../lib/api';

export const targetKeys = {
  all: ['targets'] as const,
  year: (query: Record<string, QueryValue>) => [...targetKeys.all, 'year', query] as const,
};

/** Every target of one year, period kind, subject kind and currency: one grid's worth (a few hundred at most). */
export function useYearTargets(query: { year: number; period: string; subjectType: string; currency: string }) {
  return useQuery({ queryKey: targetKeys.year(query), queryFn: () => fetchAll<Target>('/targets', query) });
}

export function useSaveTarget() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ({ id: string } & TargetUpdate) | TargetCreate) =>
      'id' in input ? http.patch<Target>(`/targets/${input.id}`, { amount: input.amount, version: input.version }) : http.post<Target>('/targets', input),
    onSettled: () => qc.invalidateQueries({ queryKey: targetKeys.all }),
  });
}

export function useDeleteTarget() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => http.delete(`/targets/${id}`), onSettled: () => qc.invalidateQueries({ queryKey: targetKeys.all }) });
}
