import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarItem, FeedStatus } from '../../../shared/schemas/calendar';
import { http } from '../../lib/api';

export const calendarKeys = {
  all: ['calendar'] as const,
  range: (from: string, to: string) => [...calendarKeys.all, from, to] as const,
};

export function useCalendar(from: string, to: string) {
  return useQuery({
    queryKey: calendarKeys.range(from, to),
    queryFn: () => http.get<{ items: CalendarItem[] }>('/calendar', { from, to }),
    placeholderData: keepPreviousData,
  });
}

const feedKey = [...calendarKeys.all, 'feed'] as const;

/** Whether the user has a working feed URL (the URL itself cannot be shown again). */
export function useFeedStatus(enabled: boolean) {
  return useQuery({ queryKey: feedKey, queryFn: () => http.get<FeedStatus>('/calendar/feed-token'), enabled });
}

/** A new feed URL replaces the previous one; the server keeps only its hash, so it can be shown just once. */
export function useCreateFeedToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (timeZone: string | undefined) => http.post<{ url: string }>('/calendar/feed-token', timeZone ? { timeZone } : {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: feedKey }),
  });
}

export function useRevokeFeedToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => http.delete<void>('/calendar/feed-token'),
    onSuccess: () => qc.invalidateQueries({ queryKey: feedKey }),
  });
}
