import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { CalendarItem } from '../../../shared/schemas/calendar';
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

/** A new feed URL replaces the previous one; the server keeps only its hash, so it can be shown just once. */
export function useCreateFeedToken() {
  return useMutation({
    mutationFn: (timeZone: string | undefined) => http.post<{ url: string }>('/calendar/feed-token', timeZone ? { timeZone } : {}),
  });
}
