import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Contact, LifecycleTransition, Organization, OrganizationCreate, OrganizationUpdate } from '../../../shared/schemas/customers';
import { http, type Page } from '../../lib/api';
import type { UrlFilters } from '../../lib/useUrlFilters';
import { activityKeys } from '../activities/api';
import { auditKeys } from '../audit/api';

export const ORGANIZATION_FILTERS = ['q', 'partyType', 'lifecycleStatus', 'tier', 'province', 'ownerId', 'sort'] as const;
/** Query parameters of the list, as they stand in the page's URL; `sort` is e.g. "name" or "-createdAt". */
export type OrganizationFilters = UrlFilters<(typeof ORGANIZATION_FILTERS)[number]>;

export const organizationKeys = {
  all: ['organizations'] as const,
  list: (filters: OrganizationFilters) => [...organizationKeys.all, 'list', filters] as const,
  detail: (id: string) => [...organizationKeys.all, 'detail', id] as const,
  lifecycle: (id: string) => [...organizationKeys.detail(id), 'lifecycle'] as const,
  /** Contact changes make these stale, so they sit under one prefix contact mutations can invalidate. */
  contactsOf: (id?: string) => (id ? ([...organizationKeys.all, 'contacts', id] as const) : ([...organizationKeys.all, 'contacts'] as const)),
};

const PAGE_SIZE = 50;

export function useOrganizations(filters: OrganizationFilters) {
  return useInfiniteQuery({
    queryKey: organizationKeys.list(filters),
    queryFn: ({ pageParam }) =>
      http.get<Page<Organization>>('/organizations', { ...filters, limit: PAGE_SIZE, cursor: pageParam, total: pageParam ? undefined : true }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function fetchOrganization(id: string) {
  return http.get<Organization>(`/organizations/${id}`);
}

export function useOrganization(id: string | undefined) {
  return useQuery({ queryKey: organizationKeys.detail(id ?? ''), queryFn: () => fetchOrganization(id ?? ''), enabled: !!id });
}

export function useLifecycleHistory(id: string) {
  return useQuery({
    queryKey: organizationKeys.lifecycle(id),
    queryFn: () => http.get<{ items: LifecycleTransition[] }>(`/organizations/${id}/lifecycle`),
  });
}

export function useOrganizationContacts(id: string) {
  return useInfiniteQuery({
    queryKey: organizationKeys.contactsOf(id),
    queryFn: ({ pageParam }) =>
      http.get<Page<Contact>>(`/organizations/${id}/contacts`, { limit: 20, cursor: pageParam, sort: 'name', total: pageParam ? undefined : true }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Contacts show their organizations' names, and every change lands in the record's history. */
function useInvalidateOrganizations() {
  const qc = useQueryClient();
  // A deleted record's page is being left; asking for its data again would only flash "not found".
  return (deletedId?: string) => {
    const predicate = (q: { queryKey: readonly unknown[] }) => !deletedId || !q.queryKey.includes(deletedId);
    return Promise.all([
      qc.invalidateQueries({ queryKey: organizationKeys.all, predicate }),
      qc.invalidateQueries({ queryKey: ['contacts'] }),
      qc.invalidateQueries({ queryKey: auditKeys.all, predicate }),
      qc.invalidateQueries({ queryKey: activityKeys.timelines, predicate }),
      // Tasks show the name of the record they are about (none once it is deleted).
      qc.invalidateQueries({ queryKey: ['tasks'], predicate }),
    ]);
  };
}

export function useCreateOrganization() {
  const invalidate = useInvalidateOrganizations();
  return useMutation({ mutationFn: (input: OrganizationCreate) => http.post<Organization>('/organizations', input), onSuccess: () => invalidate() });
}

export function useUpdateOrganization() {
  const invalidate = useInvalidateOrganizations();
  return useMutation({
    mutationFn: ({ id, ...input }: OrganizationUpdate & { id: string }) => http.patch<Organization>(`/organizations/${id}`, input),
    onSettled: () => invalidate(),
  });
}

export function useDeleteOrganization() {
  const invalidate = useInvalidateOrganizations();
  return useMutation({ mutationFn: (id: string) => http.delete(`/organizations/${id}`), onSuccess: (_data, id) => invalidate(id) });
}
