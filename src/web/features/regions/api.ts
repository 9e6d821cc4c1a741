import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
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

const REGION_FIELDS = new Set(['country', 'province', 'city', 'district']);

/**
 * Names for region codes met in a record's history (audit entries hold codes). Returns undefined
 * until a code's name has arrived, then re-renders the caller; each code is asked for once.
 */
export function useRegionNameResolver(): (field: string, code: string) => string | undefined {
  const qc = useQueryClient();
  const { i18n } = useTranslation();
  const [arrived, setArrived] = useState(0);
  const asked = useRef(new Set<string>());
  // biome-ignore lint/correctness/useExhaustiveDependencies: `arrived` makes a new resolver once names come in
  return useCallback(
    (field: string, code: string) => {
      if (!REGION_FIELDS.has(field)) return undefined;
      const ask = (key: string, fetch: () => Promise<unknown>) => {
        if (asked.current.has(key)) return;
        asked.current.add(key);
        void fetch().then(
          () => setArrived((n) => n + 1),
          () => undefined,
        );
      };
      if (field === 'country') {
        const countries = qc.getQueryData<Country[]>(regionKeys.countries);
        if (!countries)
          ask('countries', () =>
            qc.fetchQuery({
              queryKey: regionKeys.countries,
              queryFn: async () => (await http.get<{ items: Country[] }>('/regions/countries')).items,
              ...forever,
            }),
          );
        const name = countries?.find((c) => c.code === code)?.name;
        return name ? localName(name, i18n.language) : undefined;
      }
      if (!/^\d{6}$/.test(code)) return undefined;
      const path = qc.getQueryData<RegionPath>(regionKeys.path(code));
      if (!path) ask(code, () => qc.fetchQuery(pathQuery(code)));
      return path ? localName(path.name, i18n.language) : undefined;
    },
    [qc, i18n.language, arrived],
  );
}
