import { useMemo } from 'react';
import { useSearchParams } from 'react-router';

export type UrlFilters<K extends string> = Partial<Record<K, string>>;

/** Text filters that live in the URL so a filtered list survives reload and can be shared; unknown parameters are ignored. */
export function useUrlFilters<K extends string>(keys: readonly K[]): [UrlFilters<K>, (patch: UrlFilters<K>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const out: UrlFilters<K> = {};
    for (const key of keys) {
      const value = params.get(key);
      if (value) out[key] = value;
    }
    return out;
  }, [params, keys]);

  const update = (patch: UrlFilters<K>) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(patch) as [string, string | undefined][]) {
          if (value === undefined || value === null || value === '') next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  };
  return [filters, update];
}
