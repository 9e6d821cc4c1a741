import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { AuditEntry } from '../../../shared/schemas/audit';
import { http, type Page } from '../../lib/api';

export interface AuditFilters {
  action?: string;
  entityType?: string;
  actorId?: string;
  /** ISO timestamps; `to` is exclusive. */
  from?: string;
  to?: string;
}

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditFilters) => [...auditKeys.all, 'list', filters] as const,
  record: (type: string, id: string) => [...auditKeys.all, 'record', type, id] as const,
};

export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(filters),
    queryFn: ({ pageParam }) => http.get<Page<AuditEntry>>('/audit-log', { ...filters, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useRecordHistory(type: string, id: string | null) {
  return useInfiniteQuery({
    queryKey: auditKeys.record(type, id ?? ''),
    queryFn: ({ pageParam }) => http.get<Page<AuditEntry>>(`/audit-log/records/${type}/${id}`, { limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: id !== null,
  });
}
