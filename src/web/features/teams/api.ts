import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Team, TeamCreate, TeamUpdate } from '../../../shared/schemas/teams';
import { fetchAll, http } from '../../lib/api';

export const teamKeys = {
  all: ['teams'] as const,
  list: () => [...teamKeys.all, 'list'] as const,
};

/** Every team the user may see; the tree is small enough to load whole (200 per request). */
export function useAllTeams(enabled = true) {
  return useQuery({ queryKey: teamKeys.list(), queryFn: () => fetchAll<Team>('/teams', { sort: 'name' }), enabled });
}

export function useCreateTeam() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: TeamCreate) => http.post<Team>('/teams', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: teamKeys.all }),
  });
}

export function useUpdateTeam() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: TeamUpdate & { id: string }) => http.patch<Team>(`/teams/${id}`, input),
    onSettled: () => qc.invalidateQueries({ queryKey: teamKeys.all }),
  });
}

export function useDeleteTeam() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => http.delete(`/teams/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: teamKeys.all }),
  });
}
