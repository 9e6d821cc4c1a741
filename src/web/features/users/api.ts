import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { User, UserCreate, UserUpdate } from '../../../shared/schemas/users';
import { fetchAll, http, type Page } from '../../lib/api';
import { meKey } from '../auth/api';
import { roleKeys } from '../roles/api';
import { teamKeys } from '../teams/api';

export interface UserFilters {
  q?: string;
  teamId?: string;
  roleId?: string;
  active?: boolean;
  /** e.g. "name" or "-createdAt" */
  sort?: string;
}

export const userKeys = {
  all: ['users'] as const,
  list: (filters: UserFilters) => [...userKeys.all, 'list', filters] as const,
  detail: (id: string) => [...userKeys.all, 'detail', id] as const,
};

const PAGE_SIZE = 50;

export function useUsers(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: userKeys.list(filters),
    queryFn: ({ pageParam }) => http.get<Page<User>>('/users', { ...filters, limit: PAGE_SIZE, cursor: pageParam, total: pageParam ? undefined : true }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function fetchUser(id: string) {
  return http.get<User>(`/users/${id}`);
}

/**
 * Names of every user the caller may see, by id: one cached load (200 per request) shared by every
 * list cell that shows an owner, instead of a request per row.
 */
export function useUserNames(enabled = true) {
  return useQuery({
    queryKey: [...userKeys.all, 'names'],
    queryFn: async () => Object.fromEntries((await fetchAll<User>('/users', { sort: 'name' })).map((u) => [u.id, u.name])) as Record<string, string>,
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** Users count toward team and role member counts, so those lists go stale with them; so does `me` when one edits oneself. */
function useInvalidateUsers() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: userKeys.all }),
      qc.invalidateQueries({ queryKey: teamKeys.all }),
      qc.invalidateQueries({ queryKey: roleKeys.all }),
      qc.invalidateQueries({ queryKey: meKey }),
    ]);
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: (input: UserCreate) => http.post<User>('/users', input), onSuccess: invalidate });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, ...input }: UserUpdate & { id: string }) => http.patch<User>(`/users/${id}`, input),
    onSettled: invalidate,
  });
}

export function useDeleteUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: (id: string) => http.delete(`/users/${id}`), onSuccess: invalidate });
}
