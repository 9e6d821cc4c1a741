import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CustomField,
  CustomFieldCatalog,
  CustomFieldCreateSchema,
  CustomFieldEntity,
  CustomFieldUpdate,
  FieldGroup,
  FieldGroupCreateSchema,
  FieldGroupUpdateSchema,
} from '../../../shared/schemas/custom-fields';
import { http } from '../../lib/api';

export const customFieldKeys = {
  all: ['custom-fields'] as const,
  catalog: (entity: CustomFieldEntity) => [...customFieldKeys.all, entity] as const,
};

/** The groups and fields of one record type, for forms, detail pages, list columns and filters. */
export function useCustomFieldCatalog(entity: CustomFieldEntity, enabled = true) {
  return useQuery({
    queryKey: customFieldKeys.catalog(entity),
    queryFn: () => http.get<CustomFieldCatalog>('/custom-fields', { entity }),
    staleTime: 60_000,
    enabled,
  });
}

type GroupCreate = z.input<typeof FieldGroupCreateSchema>;
type GroupUpdate = z.input<typeof FieldGroupUpdateSchema>;

/** Every definition change refreshes the catalogs (forms, lists and detail pages read them). */
function useCatalogMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: customFieldKeys.all }) });
}

export const useCreateCustomField = () => useCatalogMutation((body: z.input<typeof CustomFieldCreateSchema>) => http.post<CustomField>('/custom-fields', body));
export const useUpdateCustomField = () =>
  useCatalogMutation(({ id, ...body }: CustomFieldUpdate & { id: string }) => http.patch<CustomField>(`/custom-fields/${id}`, body));
export const useDeleteCustomField = () => useCatalogMutation((id: string) => http.delete(`/custom-fields/${id}`));

export const useCreateFieldGroup = () => useCatalogMutation((body: GroupCreate) => http.post<FieldGroup>('/custom-fields/groups', body));
export const useUpdateFieldGroup = () =>
  useCatalogMutation(({ id, ...body }: GroupUpdate & { id: string }) => http.patch<FieldGroup>(`/custom-fields/groups/${id}`, body));
export const useDeleteFieldGroup = () => useCatalogMutation((id: string) => http.delete(`/custom-fields/groups/${id}`));

/** Many position changes in a row (a move renumbers its neighbours), then one refresh. */
export function useReorder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (changes: { kind: 'field' | 'group'; id: string; version: number; position: number }[]) => {
      for (const c of changes) {
        await http.patch(c.kind === 'field' ? `/custom-fields/${c.id}` : `/custom-fields/groups/${c.id}`, { version: c.version, position: c.position });
      }
    },
    onSettled: () => qc.invalidateQueries({ queryKey: customFieldKeys.all }),
  });
}
