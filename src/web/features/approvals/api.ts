import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApprovalRequest, ApprovalSettingsInput, ApprovalSubjectType } from '../../../shared/schemas/approvals';
import { api, http, type Page } from '../../lib/api';
import { auditKeys } from '../audit/api';

export type ApprovalBox = 'inbox' | 'mine' | 'done' | 'all';

export interface ApprovalSettings {
  policies: (ApprovalSettingsInput['policies'][number] & { id: string; roleName: string | null; finalRoleName: string | null })[];
  managers: { teamId: string; teamName: string | null; userId: string; userName: string | null }[];
}

export const approvalKeys = {
  all: ['approvals'] as const,
  list: (box: ApprovalBox) => [...approvalKeys.all, 'list', box] as const,
  count: () => [...approvalKeys.all, 'count'] as const,
  trail: (type: ApprovalSubjectType, id: string) => [...approvalKeys.all, 'trail', type, id] as const,
  settings: () => [...approvalKeys.all, 'settings'] as const,
};

export function useApprovals(box: ApprovalBox) {
  return useInfiniteQuery({
    queryKey: approvalKeys.list(box),
    queryFn: ({ pageParam }) => http.get<Page<ApprovalRequest>>('/approvals', { box, limit: 30, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The nav badge: refreshed every minute and whenever a decision is made here. */
export function useApprovalCount(enabled = true) {
  return useQuery({
    queryKey: approvalKeys.count(),
    queryFn: () => http.get<{ inbox: number }>('/approvals/count'),
    refetchInterval: 60_000,
    enabled,
  });
}

export function useApprovalTrail(type: ApprovalSubjectType, id: string) {
  return useQuery({ queryKey: approvalKeys.trail(type, id), queryFn: () => http.get<{ items: ApprovalRequest[] }>('/approvals/trail', { type, id }) });
}

/** A decision moves the request between boxes and changes its quote or order. */
export function useDecide() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, outcome, comment }: { id: string; outcome: 'approve' | 'reject'; comment?: string }) =>
      http.post<ApprovalRequest>(`/approvals/${id}/${outcome}`, { comment: comment || undefined }),
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: approvalKeys.all }),
        qc.invalidateQueries({ queryKey: ['quotes'] }),
        qc.invalidateQueries({ queryKey: ['orders'] }),
        qc.invalidateQueries({ queryKey: auditKeys.all }),
      ]),
  });
}

export function useApprovalSettings() {
  return useQuery({ queryKey: approvalKeys.settings(), queryFn: () => http.get<ApprovalSettings>('/settings/approvals') });
}

export function useSaveApprovalSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ApprovalSettingsInput) => api<ApprovalSettings>('PUT', '/settings/approvals', input),
    onSuccess: (data) => qc.setQueryData(approvalKeys.settings(), data),
  });
}
