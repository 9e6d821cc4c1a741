import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Chain,
  ChainSave,
  Coverage,
  CoverageSettings,
  Dashboard,
  NodePatch,
  Relation,
  RelationCreate,
  RelationUpdate,
} from '../../../shared/schemas/decision-chain';
import { api, http } from '../../lib/api';
import { auditKeys } from '../audit/api';

export const chainKeys = {
  all: ['decision-chain'] as const,
  chain: (organizationId: string) => [...chainKeys.all, 'chain', organizationId] as const,
  coverage: (organizationId: string, staleDays?: number) => [...chainKeys.all, 'coverage', organizationId, staleDays ?? null] as const,
  relations: (organizationId: string) => [...chainKeys.all, 'relations', organizationId] as const,
  dashboard: (tier?: string) => [...chainKeys.all, 'dashboard', tier ?? null] as const,
  settings: ['decision-chain', 'settings'] as const,
};

export function useChain(organizationId: string) {
  return useQuery({ queryKey: chainKeys.chain(organizationId), queryFn: () => http.get<Chain>(`/accounts/${organizationId}/decision-chain`) });
}

/** Coverage, dashboard counts and the audit trail all follow the chain. */
function useInvalidateDerived() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: [...chainKeys.all, 'coverage'] }),
      qc.invalidateQueries({ queryKey: [...chainKeys.all, 'dashboard'] }),
      qc.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

/** Saves the whole graph; the answer is the saved chain, which replaces the cached one. */
export function useSaveChain(organizationId: string) {
  const qc = useQueryClient();
  const invalidate = useInvalidateDerived();
  return useMutation({
    mutationFn: (input: ChainSave) => api<Chain>('PUT', `/accounts/${organizationId}/decision-chain`, input),
    onSuccess: (chain) => {
      qc.setQueryData(chainKeys.chain(organizationId), chain);
      return invalidate();
    },
  });
}

/** A drag: only the person's position travels, the cached chain takes the new version. */
export function usePatchNode(organizationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: NodePatch & { id: string }) =>
      http.patch<{ version: number; node: Chain['nodes'][number] }>(`/accounts/${organizationId}/decision-chain/nodes/${id}`, input),
    onSuccess: ({ version, node }) =>
      qc.setQueryData<Chain>(chainKeys.chain(organizationId), (old) =>
        old ? { ...old, version, nodes: old.nodes.map((n) => (n.id === node.id ? node : n)) } : old,
      ),
  });
}

export function useCoverage(organizationId: string, staleDays?: number) {
  return useQuery({
    queryKey: chainKeys.coverage(organizationId, staleDays),
    queryFn: () => http.get<Coverage>(`/accounts/${organizationId}/coverage`, { staleDays }),
  });
}

export function useRelations(organizationId: string) {
  return useQuery({
    queryKey: chainKeys.relations(organizationId),
    queryFn: () => http.get<{ items: Relation[] }>(`/accounts/${organizationId}/relations`),
  });
}

export function useSaveRelation(organizationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: (RelationCreate & { id?: undefined }) | (RelationUpdate & { id: string })) => {
      const { id, ...body } = input;
      return id
        ? http.patch<Relation>(`/accounts/${organizationId}/relations/${id}`, body)
        : http.post<Relation>(`/accounts/${organizationId}/relations`, body);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: chainKeys.relations(organizationId) }),
  });
}

export function useDeleteRelation(organizationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => http.delete(`/accounts/${organizationId}/relations/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: chainKeys.relations(organizationId) }),
  });
}

export function useKeyAccountDashboard(tier?: string) {
  return useQuery({ queryKey: chainKeys.dashboard(tier), queryFn: () => http.get<Dashboard>('/accounts/dashboard', { tier }) });
}

export function useCoverageSettings() {
  return useQuery({ queryKey: chainKeys.settings, queryFn: () => http.get<CoverageSettings>('/settings/key-accounts') });
}

export function useUpdateCoverageSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CoverageSettings) => api<CoverageSettings>('PUT', '/settings/key-accounts', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: chainKeys.all }),
  });
}

/** The PUT body that reproduces a chain as read: every edit starts from this and changes one thing. */
export function toSave(chain: Chain): ChainSave {
  return {
    version: chain.version,
    departments: chain.departments.map((d) => ({ id: d.id, name: d.name, parentId: d.parentId, sortOrder: d.sortOrder })),
    nodes: chain.nodes.map((n) => ({
      id: n.id,
      contactId: n.contactId,
      departmentId: n.departmentId,
      title: n.title,
      buyingRole: n.buyingRole,
      support: n.support,
      favouredCompetitor: n.favouredCompetitor,
      strength: n.strength,
      level: n.level,
      risingStar: n.risingStar,
      ourOwnerId: n.ourOwnerId,
      x: n.x,
      y: n.y,
      notes: n.notes,
    })),
    edges: chain.edges.map((e) => ({ id: e.id, from: e.from, to: e.to, kind: e.kind, hidden: e.hidden, note: e.note })),
  };
}
