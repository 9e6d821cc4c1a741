import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SalesReport, SalesReportKey } from '../../../shared/schemas/reports';
import { http, type QueryValue } from '../../lib/api';

export const salesReportKeys = {
  all: ['salesReports'] as const,
  report: (report: SalesReportKey, query: Record<string, QueryValue>) => [...salesReportKeys.all, report, query] as const,
};

export function useSalesReport(report: SalesReportKey, query: Record<string, QueryValue>) {
  return useQuery({
    queryKey: salesReportKeys.report(report, query),
    queryFn: () => http.get<SalesReport>(`/reports/sales/${report}`, query),
    placeholderData: keepPreviousData,
  });
}

/** The download link of a report's table: a plain link, so the browser saves the file with the session cookie. */
export function reportFileUrl(report: SalesReportKey, query: Record<string, QueryValue>, format: 'csv' | 'xlsx', language: string): string {
  const params = new URLSearchParams({ format, lang: language.startsWith('zh') ? 'zh-CN' : 'en' });
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  return `/api/reports/sales/${report}?${params}`;
}
