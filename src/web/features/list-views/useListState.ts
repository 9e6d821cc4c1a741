import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { type FilterCondition, FiltersSchema } from '../../../shared/schemas/list-filters';
import type { ViewConfig } from '../../../shared/schemas/views';

/** What a list shows, as it stands in the page's URL (so reload, back and shared links keep it). */
export interface ListState {
  /** The saved view last chosen; the other parts may since differ from it. */
  viewId?: string;
  q?: string;
  filters: FilterCondition[];
  sort?: string;
  /** Column keys in order; undefined = the default columns. */
  columns?: string[];
}

const PARAMS = { viewId: 'view', q: 'q', filters: 'filter', sort: 'sort', columns: 'cols' } as const;

function parseFilters(raw: string | null): FilterCondition[] {
  if (!raw) return [];
  try {
    const parsed = FiltersSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    // A hand-edited URL: show the list unfiltered rather than fail.
    return [];
  }
}

function write(params: URLSearchParams, key: keyof ListState, value: ListState[keyof ListState]) {
  const name = PARAMS[key];
  let text: string | undefined;
  if (key === 'filters') text = (value as FilterCondition[]).length > 0 ? JSON.stringify(value) : undefined;
  else if (key === 'columns') text = value ? (value as string[]).join(',') : undefined;
  else text = (value as string | undefined) || undefined;
  if (text === undefined) params.delete(name);
  else params.set(name, text);
}

/** The list's state from the URL, and a setter that writes a patch back (a new history entry unless `replace`). */
export function useListState(): [ListState, (patch: Partial<ListState>, opts?: { replace?: boolean }) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo<ListState>(() => {
    const cols = params.get(PARAMS.columns);
    return {
      viewId: params.get(PARAMS.viewId) ?? undefined,
      q: params.get(PARAMS.q) ?? undefined,
      filters: parseFilters(params.get(PARAMS.filters)),
      sort: params.get(PARAMS.sort) ?? undefined,
      columns: cols ? cols.split(',').filter(Boolean) : undefined,
    };
  }, [params]);

  const update = useCallback(
    (patch: Partial<ListState>, opts: { replace?: boolean } = {}) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch) as [keyof ListState, ListState[keyof ListState]][]) {
            if (key === 'filters' && value === undefined) next.delete(PARAMS.filters);
            else write(next, key, value);
          }
          return next;
        },
        { replace: opts.replace ?? false },
      ),
    [setParams],
  );
  return [state, update];
}

/** The state a saved view stands for. */
export function stateOfView(id: string, config: ViewConfig): ListState {
  return {
    viewId: id,
    q: config.q ?? undefined,
    filters: config.filters,
    sort: config.sort ?? undefined,
    columns: config.columns.length > 0 ? config.columns : undefined,
  };
}

/** The view config of the current state (no columns = the default ones). */
export function configOf(state: ListState): ViewConfig {
  return { columns: state.columns ?? [], filters: state.filters, sort: state.sort ?? null, q: state.q ?? null };
}

/** Whether the list shows something other than the saved view. */
export function differsFrom(state: ListState, config: ViewConfig): boolean {
  return JSON.stringify(configOf(state)) !== JSON.stringify({ columns: config.columns, filters: config.filters, sort: config.sort, q: config.q });
}
