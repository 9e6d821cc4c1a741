import { useQuery } from '@tanstack/react-query';
import type { CustomFieldCatalog, CustomFieldEntity } from '../../../shared/schemas/custom-fields';
import { http } from '../../lib/api';

export const customFieldKeys = {
  all: ['custom-fields'] as const,
  catalog: (entity: CustomFieldEntity) => [...customFieldKeys.all, entity] as const,
};

/** The groups and fields of one record type, for forms, detail pages, list columns and filters. */
export function useCustomFieldCatalog(entity: CustomFieldEntity) {
  return useQuery({
    queryKey: customFieldKeys.catalog(entity),
    queryFn: () => http.get<CustomFieldCatalog>('/custom-fields', { entity }),
    staleTime: 60_000,
  });
}
