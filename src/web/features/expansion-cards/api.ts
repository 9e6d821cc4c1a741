import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Contact } from '../../../shared/schemas/customers';
import type { ExpansionCard, ExpansionCardCreate, ExpansionCardSummary, ExpansionCardUpdate } from '../../../shared/schemas/expansion-cards';
import { http, type Page, type QueryValue } from '../../lib/api';
import { auditKeys } from '../audit/api';

export type CardQuery = Record<string, QueryValue>;

export const cardKeys = {
  all: ['expansion-cards'] as const,
  list: (query: CardQuery) => [...cardKeys.all, 'list', query] as const,
  detail: (id: string) => [...cardKeys.all, 'detail', id] as const,
};

const PAGE_SIZE = 50;

export function useCards(query: CardQuery, { pageSize = PAGE_SIZE } = {}) {
  return useInfiniteQuery({
    queryKey: cardKeys.list({ ...query, limit: pageSize }),
    queryFn: ({ pageParam }) =>
      http.get<Page<ExpansionCardSummary>>('/expansion-cards', { ...query, limit: pageSize, cursor: pageParam, total: pageParam ? undefined : true }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useCard(id: string) {
  return useQuery({ queryKey: cardKeys.detail(id), queryFn: () => http.get<ExpansionCard>(`/expansion-cards/${id}`), retry: false });
}

/** The people of an organization, to choose the card's target person from. */
export function useOrganizationPeople(organizationId: string | undefined) {
  return useQuery({
    queryKey: ['organizations', 'people', organizationId],
    queryFn: () => http.get<Page<Contact>>(`/organizations/${organizationId}/contacts`, { limit: 200, sort: 'name' }),
    enabled: !!organizationId,
  });
}

function useInvalidateCards() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: cardKeys.all }), qc.invalidateQueries({ queryKey: auditKeys.all })]);
}

export function useCreateCard() {
  const invalidate = useInvalidateCards();
  return useMutation({ mutationFn: (input: ExpansionCardCreate) => http.post<ExpansionCard>('/expansion-cards', input), onSuccess: () => invalidate() });
}

export function useUpdateCard(id: string) {
  const invalidate = useInvalidateCards();
  return useMutation({ mutationFn: (input: ExpansionCardUpdate) => http.patch<ExpansionCard>(`/expansion-cards/${id}`, input), onSettled: () => invalidate() });
}

export function useDeleteCard() {
  const invalidate = useInvalidateCards();
  return useMutation({ mutationFn: (id: string) => http.delete(`/expansion-cards/${id}`), onSuccess: () => invalidate() });
}

export function useAddReview(id: string) {
  const invalidate = useInvalidateCards();
  return useMutation({
    mutationFn: (input: { reviewedOn: string; text: string; nextReviewOn?: string | null }) =>
      http.post<ExpansionCard>(`/expansion-cards/${id}/reviews`, input),
    onSuccess: () => invalidate(),
  });
}

export function useHandover(id: string) {
  const invalidate = useInvalidateCards();
  return useMutation({
    mutationFn: (input: { ownerId: string; version: number }) =>
      http.post<{ id: string; ownerId: string; version: number }>(`/expansion-cards/${id}/handover`, input),
    onSuccess: () => invalidate(),
  });
}
