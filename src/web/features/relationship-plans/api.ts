import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Activity } from '../../../shared/schemas/activities';
import type { Opportunity } from '../../../shared/schemas/opportunities';
import type { Plan, PlanCreate, PlanSummary, PlanUpdate } from '../../../shared/schemas/relationship-plans';
import type { Task } from '../../../shared/schemas/tasks';
import { http, type Page } from '../../lib/api';
import { auditKeys } from '../audit/api';

export const planKeys = {
  all: ['relationship-plans'] as const,
  list: (organizationId: string) => [...planKeys.all, 'list', organizationId] as const,
  detail: (id: string) => [...planKeys.all, 'detail', id] as const,
};

/** Every plan of one account (one per year, so one page holds decades). */
export function usePlans(organizationId: string) {
  return useQuery({
    queryKey: planKeys.list(organizationId),
    queryFn: () => http.get<Page<PlanSummary>>('/relationship-plans', { organizationId, limit: 200 }),
  });
}

export function usePlan(id: string | undefined) {
  return useQuery({ queryKey: planKeys.detail(id ?? ''), queryFn: () => http.get<Plan>(`/relationship-plans/${id}`), enabled: !!id });
}

function useInvalidatePlans() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: planKeys.all }), qc.invalidateQueries({ queryKey: auditKeys.all })]);
}

export function useCreatePlan() {
  const invalidate = useInvalidatePlans();
  return useMutation({ mutationFn: (input: PlanCreate) => http.post<Plan>('/relationship-plans', input), onSuccess: () => invalidate() });
}

export function useUpdatePlan() {
  const invalidate = useInvalidatePlans();
  return useMutation({
    mutationFn: ({ id, ...input }: PlanUpdate & { id: string }) => http.patch<Plan>(`/relationship-plans/${id}`, input),
    onSettled: () => invalidate(),
  });
}

export function useDeletePlan() {
  const invalidate = useInvalidatePlans();
  return useMutation({ mutationFn: (id: string) => http.delete(`/relationship-plans/${id}`), onSuccess: () => invalidate() });
}

/** Records of the account that a plan can link, for the pickers (the newest 100 of each). */
export function useLinkable(organizationId: string, kind: 'opportunity' | 'activity' | 'task', enabled: boolean) {
  return useQuery({
    queryKey: [...planKeys.all, 'linkable', organizationId, kind],
    enabled,
    queryFn: async (): Promise<{ id: string; label: string }[]> => {
      if (kind === 'opportunity') {
        const page = await http.get<Page<Opportunity>>('/opportunities', { organizationId, limit: 100 });
        return page.items.map((o) => ({ id: o.id, label: o.name }));
      }
      if (kind === 'activity') {
        const page = await http.get<Page<Activity>>('/activities', { organizationId, limit: 100 });
        return page.items.map((a) => ({ id: a.id, label: `${a.occurredAt.slice(0, 10)} ${a.subject}` }));
      }
      const page = await http.get<Page<Task>>('/tasks', { entityType: 'organizations', entityId: organizationId, limit: 100, sort: '-updatedAt' });
      return page.items.map((t) => ({ id: t.id, label: t.title }));
    },
  });
}
