import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Board,
  Opportunity,
  OpportunityCreate,
  OpportunityDetail,
  OpportunityUpdate,
  Pipeline,
  PipelineCreate,
  PipelineUpdate,
  StageHistory,
} from '../../../shared/schemas/opportunities';
import { http, type Page, type QueryValue } from '../../lib/api';
import { auditKeys } from '../audit/api';

export type OpportunityQuery = Record<string, QueryValue>;

export const opportunityKeys = {
  all: ['opportunities'] as const,
  list: (query: OpportunityQuery) => [...opportunityKeys.all, 'list', query] as const,
  board: (query: OpportunityQuery) => [...opportunityKeys.all, 'board', query] as const,
  column: (query: OpportunityQuery) => [...opportunityKeys.all, 'column', query] as const,
  detail: (id: string) => [...opportunityKeys.all, 'detail', id] as const,
  history: (id: string) => [...opportunityKeys.all, 'history', id] as const,
};
export const pipelineKeys = { all: ['pipelines'] as const };

const PAGE_SIZE = 50;

export const fetchOpportunity = (id: string) => http.get<OpportunityDetail>(`/opportunities/${id}`);

export function usePipelines() {
  return useQuery({ queryKey: pipelineKeys.all, queryFn: () => http.get<{ items: Pipeline[] }>('/pipelines'), select: (d) => d.items });
}

export function useOpportunities(query: OpportunityQuery, { pageSize = PAGE_SIZE, enabled = true } = {}) {
  return useInfiniteQuery({
    queryKey: opportunityKeys.list({ ...query, limit: pageSize }),
    queryFn: ({ pageParam }) =>
      http.get<Page<Opportunity>>('/opportunities', { ...query, limit: pageSize, cursor: pageParam, total: pageParam ? undefined : true }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useBoard(query: OpportunityQuery, enabled = true) {
  return useQuery({
    queryKey: opportunityKeys.board(query),
    queryFn: () => http.get<Board>('/opportunities/board', query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Further cards of one board column: the list in the board's order, after the column's cursor. */
export function fetchColumnPage(query: OpportunityQuery, stageId: string, cursor: string) {
  return http.get<Page<Opportunity>>('/opportunities', { ...query, stageId, cursor, sort: '-updatedAt', limit: PAGE_SIZE });
}

export function useOpportunity(id: string | undefined) {
  return useQuery({ queryKey: opportunityKeys.detail(id ?? ''), queryFn: () => fetchOpportunity(id ?? ''), enabled: !!id });
}

export function useStageHistory(id: string) {
  return useQuery({ queryKey: opportunityKeys.history(id), queryFn: () => http.get<StageHistory>(`/opportunities/${id}/stage-history`) });
}

/** A deal shows on the board, in lists, on its customer's and contacts' pages; the audit log records every change. */
export function useInvalidateOpportunities() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: opportunityKeys.all }), qc.invalidateQueries({ queryKey: auditKeys.all })]);
}

export function useCreateOpportunity() {
  const invalidate = useInvalidateOpportunities();
  return useMutation({ mutationFn: (input: OpportunityCreate) => http.post<OpportunityDetail>('/opportunities', input), onSuccess: () => invalidate() });
}

export function useUpdateOpportunity() {
  const invalidate = useInvalidateOpportunities();
  return useMutation({
    mutationFn: ({ id, ...input }: OpportunityUpdate & { id: string }) => http.patch<OpportunityDetail>(`/opportunities/${id}`, input),
    onSettled: () => invalidate(),
  });
}

export function useDeleteOpportunity() {
  const invalidate = useInvalidateOpportunities();
  return useMutation({ mutationFn: (id: string) => http.delete(`/opportunities/${id}`), onSuccess: () => invalidate() });
}

export function useSavePipeline() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: (PipelineCreate & { id?: undefined }) | (PipelineUpdate & { id: string })) =>
      id ? http.patch<Pipeline>(`/pipelines/${id}`, input) : http.post<Pipeline>('/pipelines', input),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: pipelineKeys.all }), qc.invalidateQueries({ queryKey: opportunityKeys.all })]),
  });
}

export function useDeletePipeline() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => http.delete(`/pipelines/${id}`), onSuccess: () => qc.invalidateQueries({ queryKey: pipelineKeys.all }) });
}
