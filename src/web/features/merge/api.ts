import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Contact, Organization } from '../../../shared/schemas/customers';
import type { MergeBody } from '../../../shared/schemas/duplicates';
import { http, type Page } from '../../lib/api';
import type { DuplicateType } from '../duplicates/api';

export type PartyRecord = Organization | Contact;

/**
 * A merge changes records of many modules (contacts, activities, tasks, history), so every cached
 * query is refreshed. The merged-away record's are only marked stale: refetching them now would
 * answer 404 on the merge page before it has moved on to the survivor.
 */
export function useMerge(type: DuplicateType) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ targetId, ...body }: MergeBody & { targetId: string }) => http.post<PartyRecord>(`/${type}/${targetId}/merge`, body),
    onSuccess: (_data, { sourceId }) => {
      const gone = (q: { queryKey: readonly unknown[] }) => q.queryKey.includes(sourceId);
      void qc.invalidateQueries({ predicate: gone, refetchType: 'none' });
      void qc.invalidateQueries({ predicate: (q) => !gone(q) });
    },
    // A stale version (409) or a record gone meanwhile: the page shows what is there now.
    onError: () => qc.invalidateQueries({ queryKey: [type] }),
  });
}

/** How many of something linked to a record the user can see: a one-row page with its total; null when the list is not available. */
function useLinkedCount(key: string, path: string, params: Record<string, string>, enabled: boolean) {
  return useQuery({
    queryKey: ['merge', 'count', key, params],
    queryFn: async () => (await http.get<Page<unknown>>(path, { ...params, limit: 1, total: true })).total ?? 0,
    enabled,
    retry: false,
  });
}

/** What moves to the survivor: people (organizations), organizations (contacts), activities and tasks. */
export function useMoveCounts(type: DuplicateType, source: PartyRecord | undefined) {
  const id = source?.id ?? '';
  const isOrg = type === 'organizations';
  const people = useLinkedCount('contacts', `/organizations/${id}/contacts`, {}, !!source && isOrg);
  const activities = useLinkedCount('activities', '/activities', isOrg ? { organizationId: id } : { contactId: id }, !!source);
  const tasks = useLinkedCount('tasks', '/tasks', { entityType: type, entityId: id }, !!source);
  return {
    contacts: isOrg ? people.data : undefined,
    organizations: !isOrg && source ? (source as Contact).organizations.length : undefined,
    activities: activities.data,
    tasks: tasks.data,
  };
}
