import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { UserFilters } from './api';

/** Filters live in the URL so a filtered list survives reload and can be shared. */
export function useUserFilters(): [UserFilters, (patch: Partial<UserFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<UserFilters>(() => {
    const active = params.get('active');
    return {
      q: params.get('q') || undefined,
      teamId: params.get('teamId') || undefined,
      roleId: params.get('roleId') || undefined,
      active: active === 'true' ? true : active === 'false' ? false : undefined,
      sort: params.get('sort') || undefined,
    };
  }, [params]);

  const update = (patch: Partial<UserFilters>) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined || value === null || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        return next;
      },
      { replace: true },
    );
  };
  return [filters, update];
}
