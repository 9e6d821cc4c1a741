import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Contact, ContactCreate, ContactUpdate } from '../../../shared/schemas/customers';
import { http, type Page } from '../../lib/api';
import type { UrlFilters } from '../../lib/useUrlFilters';
import { activityKeys } from '../activities/api';
import { auditKeys } from '../audit/api';
import { organizationKeys } from '../organizations/api';

export const CONTACT_FILTERS = ['q', 'organizationId', 'tier', 'province', 'ownerId', 'sort'] as const;
/** Query parameters of the list, as they stand in the page's URL; `sort` is e.g. "name" or "-createdAt". */
export type ContactFilters = UrlFilters<(typeof CONTACT_FILTERS)[number]>;

export const contactKeys = {
  all: ['contacts'] as const,
  list: (filters: ContactFilters) => [...contactKeys.all, 'list', filters] as const,
  detail: (id: string) => [...contactKeys.all, 'detail', id] as const,
};

const PAGE_SIZE = 50;

export function useContacts(filters: ContactFilters) {
  return useInfiniteQuery({
    queryKey: contactKeys.list(filters),
    queryFn: ({ pageParam }) => http.get<Page<Contact>>('/contacts', { ...filters, limit: PAGE_SIZE, cursor: pageParam, total: pageParam ? undefined : true }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function fetchContact(id: string) {
  return http.get<Contact>(`/contacts/${id}`);
}

export function useContact(id: string | undefined) {
  return useQuery({ queryKey: contactKeys.detail(id ?? ''), queryFn: () => fetchContact(id ?? ''), enabled: !!id });
}

/** An organization's contact panel lists its people, and every change lands in the record's history. */
function useInvalidateContacts() {
  const qc = useQueryClient();
  // A deleted record's page is being left; asking for its data again would only flash "not found".
  return (deletedId?: string) => {
    const predicate = (q: { queryKey: readonly unknown[] }) => !deletedId || !q.queryKey.includes(deletedId);
    return Promise.all([
      qc.invalidateQueries({ queryKey: contactKeys.all, predicate }),
      qc.invalidateQueries({ queryKey: organizationKeys.contactsOf() }),
      qc.invalidateQueries({ queryKey: auditKeys.all, predicate }),
      qc.invalidateQueries({ queryKey: activityKeys.timelines, predicate }),
      // Tasks show the name of the record they are about (none once it is deleted).
      qc.invalidateQueries({ queryKey: ['tasks'], predicate }),
    ]);
  };
}

export function useCreateContact() {
  const invalidate = useInvalidateContacts();
  return useMutation({ mutationFn: (input: ContactCreate) => http.post<Contact>('/contacts', input), onSuccess: () => invalidate() });
}

export function useUpdateContact() {
  const invalidate = useInvalidateContacts();
  return useMutation({
    mutationFn: ({ id, ...input }: ContactUpdate & { id: string }) => http.patch<Contact>(`/contacts/${id}`, input),
    onSettled: () => invalidate(),
  });
}

export function useDeleteContact() {
  const invalidate = useInvalidateContacts();
  return useMutation({ mutationFn: (id: string) => http.delete(`/contacts/${id}`), onSuccess: (_data, id) => invalidate(id) });
}
