import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Activity, ActivityCreate, ActivityUpdate, TimelineItem } from '../../../shared/schemas/activities';
import { http, type Page } from '../../lib/api';
import type { UrlFilters } from '../../lib/useUrlFilters';
import { auditKeys } from '../audit/api';

export const ACTIVITY_FILTERS = ['q', 'kind', 'ownerId', 'organizationId', 'from', 'to', 'sort'] as const;
/** Query parameters of the list as they stand in the page's URL; `from`/`to` are ISO times (`to` exclusive). */
export type ActivityFilters = UrlFilters<(typeof ACTIVITY_FILTERS)[number]>;

/** The record a timeline belongs to. */
export type TimelineOf = { organizationId: string; contactId?: undefined } | { contactId: string; organizationId?: undefined };

export const activityKeys = {
  all: ['activities'] as const,
  list: (filters: ActivityFilters) => [...activityKeys.all, 'list', filters] as const,
  /** Timelines show the record's changes too, so record mutations invalidate them by this prefix. */
  timelines: ['activities', 'timeline'] as const,
  timeline: (of: TimelineOf) => [...activityKeys.all, 'timeline', of.organizationId ?? of.contactId ?? ''] as const,
};

const PAGE_SIZE = 50;
const TIMELINE_PAGE = 20;

export function useActivities(filters: ActivityFilters) {
  return useInfiniteQuery({
    queryKey: activityKeys.list(filters),
    queryFn: ({ pageParam }) =>
      http.get<Page<Activity>>('/activities', { ...filters, limit: PAGE_SIZE, cursor: pageParam, total: pageParam ? undefined : true }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useTimeline(of: TimelineOf) {
  return useInfiniteQuery({
    queryKey: activityKeys.timeline(of),
    queryFn: ({ pageParam }) =>
      http.get<{ items: TimelineItem[]; nextCursor: string | null }>('/activities/timeline', { ...of, limit: TIMELINE_PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/**
 * An activity shows on timelines and lists, and moves the last contact of its organization and
 * contacts (shown on their pages and lists).
 */
function useInvalidateActivities() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: activityKeys.all }),
      qc.invalidateQueries({ queryKey: ['organizations'] }),
      qc.invalidateQueries({ queryKey: ['contacts'] }),
      qc.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

export function useCreateActivity() {
  const invalidate = useInvalidateActivities();
  return useMutation({ mutationFn: (input: ActivityCreate) => http.post<Activity>('/activities', input), onSuccess: () => invalidate() });
}

export function useUpdateActivity() {
  const invalidate = useInvalidateActivities();
  return useMutation({
    mutationFn: ({ id, ...input }: ActivityUpdate & { id: string }) => http.patch<Activity>(`/activities/${id}`, input),
    onSettled: () => invalidate(),
  });
}

export function useDeleteActivity() {
  const invalidate = useInvalidateActivities();
  return useMutation({ mutationFn: (id: string) => http.delete(`/activities/${id}`), onSuccess: () => invalidate() });
}
