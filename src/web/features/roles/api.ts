import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role, RoleCreate, RoleUpdate } from '../../../shared/schemas/roles';
import { fetchAll, http } from '../../lib/api';
import { meKey } from '../auth/api';

export const roleKeys = {
  all: ['roles'] as const,
  list: () => [...roleKeys.all, 'list'] as const,
};

export function useRoles(enabled = true) {
  return useQuery({ queryKey: roleKeys.list(), queryFn: () => fetchAll<Role>('/roles', { sort: 'name' }), enabled });
}

export function useCreateRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RoleCreate) => http.post<Role>('/roles', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: roleKeys.all }),
  });
}

export function useUpdateRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: RoleUpdate & { id: string }) => http.patch<Role>(`/roles/${id}`, input),
    // Editing one's own role changes what the menu may show.
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: roleKeys.all }), qc.invalidateQueries({ queryKey: meKey })]),
  });
}

export function useDeleteRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => http.delete(`/roles/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: roleKeys.all }),
  });
}
