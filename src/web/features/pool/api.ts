import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Organization } from '../../../shared/schemas/customers';
import type { PoolEvent, PoolOrganization, PoolSettings, PoolSummary } from '../../../shared/schemas/pool';
import { api, http, type Page } from '../../lib/api';
import { activityKeys } from '../activities/api';
import { auditKeys } from '../audit/api';
import { organizationKeys } from '../organizations/api';

export interface PoolFilters {
  q?: string;
  tier?: string;
}

export const poolKeys = {
  all: ['pool'] as const,
  list: (filters: PoolFilters) => [...poolKeys.all, 'list', filters] as const,
  summary: () => [...poolKeys.all, 'summary'] as const,
  events: (id: string) => [...poolKeys.all, 'events', id] as const,
  settings: ['settings', 'pool'] as const,
};

const PAGE_SIZE = 50;

export function usePoolOrganizations(filters: PoolFilters) {
  return useInfiniteQuery({
    queryKey: poolKeys.list(filters),
    queryFn: ({ pageParam }) => http.get<Page<PoolOrganization>>('/pool/organizations', { ...filters, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export const usePoolSummary = () => useQuery({ queryKey: poolKeys.summary(), queryFn: () => http.get<PoolSummary>('/pool/summary') });

export function usePoolEvents(organizationId: string) {
  return useInfiniteQuery({
    queryKey: poolKeys.events(organizationId),
    queryFn: ({ pageParam }) => http.get<Page<PoolEvent>>(`/organizations/${organizationId}/pool-events`, { limit: 10, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/**
 * A claim or release changes the pool, the organization, its history and timeline. After a release
 * the record may be out of the user's sight and the page moves to the pool, so the queries are only
 * marked stale: refetching the open record would just answer 404s; whatever mounts next refetches.
 */
function useInvalidateAfterMove({ refetch }: { refetch: boolean }) {
  const qc = useQueryClient();
  const refetchType = refetch ? 'active' : 'none';
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: poolKeys.all, refetchType }),
      qc.invalidateQueries({ queryKey: organizationKeys.all, refetchType }),
      qc.invalidateQueries({ queryKey: auditKeys.all, refetchType }),
      qc.invalidateQueries({ queryKey: activityKeys.timelines, refetchType }),
    ]);
}

export function useClaim() {
  const invalidate = useInvalidateAfterMove({ refetch: true });
  return useMutation({ mutationFn: (id: string) => http.post<Organization>(`/organizations/${id}/claim`), onSuccess: () => invalidate() });
}

export function useRelease() {
  const invalidate = useInvalidateAfterMove({ refetch: false });
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => http.post<PoolEvent>(`/organizations/${id}/release`, { reason }),
    onSuccess: () => invalidate(),
  });
}

export const usePoolSettings = () => useQuery({ queryKey: poolKeys.settings, queryFn: () => http.get<PoolSettings>('/settings/pool') });

export function useUpdatePoolSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: PoolSettings) => api<PoolSettings>('PUT', '/settings/pool', input),
    onSuccess: (saved) => {
      qc.setQueryData(poolKeys.settings, saved);
      void qc.invalidateQueries({ queryKey: poolKeys.all });
      void qc.invalidateQueries({ queryKey: auditKeys.all });
    },
  });
}
