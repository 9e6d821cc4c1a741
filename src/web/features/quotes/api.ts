import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CompanySettings, Quote, QuoteCreate, QuoteUpdate } from '../../../shared/schemas/quotes';
import { api, http, type Page, type QueryValue } from '../../lib/api';
import { auditKeys } from '../audit/api';

export type QuoteQuery = Record<string, QueryValue>;
export type QuoteVersion = { id: string; revision: number; status: Quote['status']; total: string; createdAt: string; supersededById: string | null };

export const quoteKeys = {
  all: ['quotes'] as const,
  list: (query: QuoteQuery) => [...quoteKeys.all, 'list', query] as const,
  detail: (id: string) => [...quoteKeys.all, 'detail', id] as const,
  versions: (id: string) => [...quoteKeys.all, 'versions', id] as const,
};
const companyKey = ['settings', 'company'] as const;

const PAGE_SIZE = 50;

export function useQuotes(query: QuoteQuery, { pageSize = PAGE_SIZE, enabled = true } = {}) {
  return useInfiniteQuery({
    queryKey: quoteKeys.list({ ...query, limit: pageSize }),
    queryFn: ({ pageParam }) => http.get<Page<Quote>>('/quotes', { ...query, limit: pageSize, cursor: pageParam, total: pageParam ? undefined : true }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useQuote(id: string | undefined) {
  return useQuery({ queryKey: quoteKeys.detail(id ?? ''), queryFn: () => http.get<Quote>(`/quotes/${id}`), enabled: !!id });
}

export function useQuoteVersions(id: string) {
  return useQuery({ queryKey: quoteKeys.versions(id), queryFn: () => http.get<{ items: QuoteVersion[] }>(`/quotes/${id}/versions`) });
}

/** A quote change shows in lists, versions, the approval inbox and the audit log. */
function useInvalidate() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: quoteKeys.all }),
      qc.invalidateQueries({ queryKey: ['approvals'] }),
      qc.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

export function useSaveQuote() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: (QuoteCreate | QuoteUpdate) & { id?: string }) =>
      id ? http.patch<Quote>(`/quotes/${id}`, input) : http.post<Quote>('/quotes', input),
    onSettled: () => invalidate(),
  });
}

export type QuoteAction = 'send' | 'accept' | 'reject' | 'revise';

export function useQuoteAction() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version, action }: { id: string; version: number; action: QuoteAction }) => http.post<Quote>(`/quotes/${id}/${action}`, { version }),
    onSettled: () => invalidate(),
  });
}

export function useDeleteQuote() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => http.delete(`/quotes/${id}`), onSuccess: () => invalidate() });
}

/** Where the browser opens the printable quote (the session cookie authorizes it). */
export const quotePdfUrl = (id: string, lang: string) => `/api/quotes/${id}/pdf?lang=${lang === 'zh-CN' ? 'zh-CN' : 'en'}`;

export function useCompanySettings() {
  return useQuery({ queryKey: companyKey, queryFn: () => http.get<CompanySettings>('/settings/company') });
}

export function useSaveCompanySettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CompanySettings) => api<CompanySettings>('PUT', '/settings/company', input),
    onSuccess: (saved) => qc.setQueryData(companyKey, saved),
  });
}
