import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Assessment,
  AssessmentCreate,
  AssessmentOverview,
  AssessmentScale,
  AssessmentUpdate,
  Dimension,
  DimensionCreate,
  DimensionUpdate,
} from '../../../shared/schemas/assessments';
import { api, http, type Page } from '../../lib/api';
import { auditKeys } from '../audit/api';
import { chainKeys } from '../decision-chain/api';

export const assessmentKeys = {
  all: ['assessments'] as const,
  overview: (organizationId: string) => [...assessmentKeys.all, 'overview', organizationId] as const,
  list: (organizationId: string) => [...assessmentKeys.all, 'list', organizationId] as const,
  dimensions: ['assessment-dimensions'] as const,
};

const PAGE_SIZE = 20;

export function useAssessmentOverview(organizationId: string) {
  return useQuery({
    queryKey: assessmentKeys.overview(organizationId),
    queryFn: () => http.get<AssessmentOverview>('/relationship-assessments/overview', { organizationId }),
    enabled: !!organizationId,
  });
}

/** One account's assessments, newest first. */
export function useAssessments(organizationId: string) {
  return useInfiniteQuery({
    queryKey: assessmentKeys.list(organizationId),
    queryFn: ({ pageParam }) =>
      http.get<Page<Assessment>>('/relationship-assessments', { organizationId, limit: PAGE_SIZE, cursor: pageParam, total: pageParam ? undefined : true }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled: !!organizationId,
  });
}

/** Scoring changes the radar, the list, the dashboard's latest scores and the audit log. */
function useInvalidateAssessments() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: assessmentKeys.all }),
      qc.invalidateQueries({ queryKey: [...chainKeys.all, 'dashboard'] }),
      qc.invalidateQueries({ queryKey: ['relationship-plans'] }),
      qc.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

export function useCreateAssessment() {
  const invalidate = useInvalidateAssessments();
  return useMutation({ mutationFn: (input: AssessmentCreate) => http.post<Assessment>('/relationship-assessments', input), onSuccess: () => invalidate() });
}

export function useUpdateAssessment() {
  const invalidate = useInvalidateAssessments();
  return useMutation({
    mutationFn: ({ id, ...input }: AssessmentUpdate & { id: string }) => http.patch<Assessment>(`/relationship-assessments/${id}`, input),
    onSettled: () => invalidate(),
  });
}

export function useDeleteAssessment() {
  const invalidate = useInvalidateAssessments();
  return useMutation({ mutationFn: (id: string) => http.delete(`/relationship-assessments/${id}`), onSuccess: () => invalidate() });
}

export function useDimensions(opts: { active?: boolean } = {}) {
  return useQuery({
    queryKey: [...assessmentKeys.dimensions, opts],
    queryFn: () => http.get<{ items: Dimension[]; scale: AssessmentScale }>('/assessment-dimensions', opts.active === undefined ? {} : { active: opts.active }),
  });
}

function useInvalidateDimensions() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: assessmentKeys.dimensions }), qc.invalidateQueries({ queryKey: assessmentKeys.all })]);
}

export function useCreateDimension() {
  const invalidate = useInvalidateDimensions();
  return useMutation({ mutationFn: (input: DimensionCreate) => http.post<Dimension>('/assessment-dimensions', input), onSuccess: () => invalidate() });
}

export function useUpdateDimension() {
  const invalidate = useInvalidateDimensions();
  return useMutation({
    mutationFn: ({ id, ...input }: DimensionUpdate & { id: string }) => http.patch<Dimension>(`/assessment-dimensions/${id}`, input),
    onSettled: () => invalidate(),
  });
}

export function useDeleteDimension() {
  const invalidate = useInvalidateDimensions();
  return useMutation({ mutationFn: (id: string) => http.delete(`/assessment-dimensions/${id}`), onSuccess: () => invalidate() });
}

export function useUpdateScale() {
  const invalidate = useInvalidateDimensions();
  return useMutation({
    mutationFn: (input: AssessmentScale) => api<AssessmentScale>('PUT', '/settings/assessment-scale', input),
    onSuccess: () => invalidate(),
  });
}
