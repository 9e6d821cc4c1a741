import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Lead, LeadConversionPreview, LeadConvert, LeadCreate, LeadRuleInput, LeadRules, LeadUpdate } from '../../../shared/schemas/leads';
import { api, http, type Page, type QueryValue } from '../../lib/api';
import { auditKeys } from '../audit/api';

export type LeadQuery = Record<string, QueryValue>;

export const leadKeys = {
  all: ['leads'] as const,
  list: (query: LeadQuery) => [...leadKeys.all, 'list', query] as const,
  detail: (id: string) => [...leadKeys.all, 'detail', id] as const,
  preview: (id: string) => [...leadKeys.all, 'preview', id] as const,
  rules: () => [...leadKeys.all, 'rules'] as const,
};

export function useLeads(query: LeadQuery, { pageSize = 50, enabled = true } = {}) {
  return useInfiniteQuery({
    queryKey: leadKeys.list({ ...query, limit: pageSize }),
    queryFn: ({ pageParam }) => http.get<Page<Lead>>('/leads', { ...query, limit: pageSize, cursor: pageParam, total: pageParam ? undefined : true }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useLead(id: string) {
  return useQuery({ queryKey: leadKeys.detail(id), queryFn: () => http.get<Lead>(`/leads/${id}`) });
}

function useInvalidateLeads() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: leadKeys.all }), qc.invalidateQueries({ queryKey: auditKeys.all })]);
}

export function useCreateLead() {
  const invalidate = useInvalidateLeads();
  return useMutation({ mutationFn: (input: LeadCreate) => http.post<Lead>('/leads', input), onSuccess: () => invalidate() });
}

export function useUpdateLead() {
  const invalidate = useInvalidateLeads();
  return useMutation({
    mutationFn: ({ id, ...input }: LeadUpdate & { id: string }) => http.patch<Lead>(`/leads/${id}`, input),
    onSettled: () => invalidate(),
  });
}

export function useDeleteLead() {
  const invalidate = useInvalidateLeads();
  return useMutation({ mutationFn: (id: string) => http.delete(`/leads/${id}`), onSuccess: () => invalidate() });
}

export function useConversionPreview(id: string, enabled: boolean) {
  return useQuery({ queryKey: leadKeys.preview(id), queryFn: () => http.get<LeadConversionPreview>(`/leads/${id}/convert`), enabled });
}

export interface LeadConversion {
  lead: Lead;
  organizationId: string;
  organizationReused: boolean;
  contactId: string;
  contactReused: boolean;
  opportunityId: string | null;
}

/** A conversion creates customers and a deal too: their lists are stale afterwards. */
export function useConvertLead() {
  const qc = useQueryClient();
  const invalidate = useInvalidateLeads();
  return useMutation({
    mutationFn: ({ id, ...input }: LeadConvert & { id: string }) => http.post<LeadConversion>(`/leads/${id}/convert`, input),
    onSuccess: () =>
      Promise.all([
        invalidate(),
        qc.invalidateQueries({ queryKey: ['organizations'] }),
        qc.invalidateQueries({ queryKey: ['contacts'] }),
        qc.invalidateQueries({ queryKey: ['opportunities'] }),
      ]),
  });
}

export function useLeadRules() {
  return useQuery({ queryKey: leadKeys.rules(), queryFn: () => http.get<LeadRules>('/settings/lead-assignment') });
}

export function useSaveLeadRules() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (rules: LeadRuleInput[]) => api<LeadRules>('PUT', '/settings/lead-assignment', { rules }),
    onSuccess: (data) => qc.setQueryData(leadKeys.rules(), data),
  });
}
