import type { ExportFormat } from '../../../shared/schemas/exports';
import type { FilterCondition } from '../../../shared/schemas/list-filters';
import type { ViewEntity } from '../../../shared/schemas/views';

export interface ExportRequest {
  entity: ViewEntity;
  format: ExportFormat;
  q?: string;
  filters: FilterCondition[];
  sort?: string;
  /** The columns shown, in order; undefined = the list's default columns (the server knows them). */
  columns?: string[];
  language: string;
  timeZone?: string;
}

/**
 * The download URL of a list as it stands. A plain link, so the browser streams the file to disk
 * with the session cookie instead of the page holding it in memory.
 */
export function exportUrl(r: ExportRequest): string {
  const params = new URLSearchParams({ format: r.format, lang: r.language.startsWith('zh') ? 'zh-CN' : 'en' });
  if (r.q) params.set('q', r.q);
  if (r.filters.length > 0) params.set('filter', JSON.stringify(r.filters));
  if (r.sort) params.set('sort', r.sort);
  if (r.columns && r.columns.length > 0) params.set('columns', r.columns.join(','));
  if (r.timeZone) params.set('tz', r.timeZone);
  return `/api/${r.entity}/export?${params}`;
}
