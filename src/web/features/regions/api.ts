import { useQueries, useQuery } from '@tanstack/react-query';
import type { Country, Region, RegionName, RegionPath } from '../../../shared/schemas/regions';
import { http } from '../../lib/api';

/** Division data never changes while the app runs (it ships with the server), so it is fetched once. */
const forever = { staleTime: Number.POSITIVE_INFINITY, gcTime: Number.POSITIVE_INFINITY } as const;

export const regionKeys = {
  children: (parent: string | null) => ['regions', 'children', parent ?? ''] as const,
  path: (code: string) => ['regions', 'path', code] as const,
  countries: ['regions', 'countries'] as const,
};

export const childrenQuery = (parent: string | null) => ({
  queryKey: regionKeys.children(parent),
  queryFn: async () => (await http.get<{ items: Region[] }>('/regions', { parent: parent ?? undefined })).items,
  ...forever,
});

const pathQuery = (code: string) => ({
  queryKey: regionKeys.path(code),
  queryFn: () => http.get<RegionPath>(`/regions/${code}`),
  ...forever,
});

export function useProvinces() {
  return useQuery(childrenQuery(null));
}

export function useCountries() {
  return useQuery({
    queryKey: regionKeys.countries,
    queryFn: async () => (await http.get<{ items: Country[] }>('/regions/countries')).items,
    ...forever,
  });
}

/** The path (province first) of each division code, for pickers and filter chips that hold bare codes. */
export function useRegionPaths(codes: string[]) {
  return useQueries({ queries: codes.map((c) => ({ ...pathQuery(c), enabled: /^\d{6}$/.test(c) })) });
}

/** A name in the interface language: divisions have only Chinese names, countries both. */
export const localName = (name: RegionName | null | undefined, language: string) => (name ? (language.startsWith('zh') ? name.zh : name.en) : '');
