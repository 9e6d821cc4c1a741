import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Import, ImportEntity, ImportMapping, ImportPreview, ImportStart, ImportUploadResult } from '../../../shared/schemas/imports';
import { http, type Page, uploadForm } from '../../lib/api';

export const importKeys = {
  all: ['imports'] as const,
  list: (entity?: ImportEntity) => [...importKeys.all, 'list', entity ?? 'all'] as const,
  one: (id: string) => [...importKeys.all, 'one', id] as const,
};

/** How often a running import is polled for its progress. */
const POLL_MS = 1000;
const isLive = (i: Import | undefined) => !!i && (i.status === 'queued' || i.status === 'running');

export function useImports(entity?: ImportEntity) {
  return useInfiniteQuery({
    queryKey: importKeys.list(entity),
    queryFn: ({ pageParam }) => http.get<Page<Import>>('/imports', { entity, limit: 20, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // The history shows running imports' counts too.
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some(isLive)) ? POLL_MS * 2 : false),
  });
}

export function useImport(id: string) {
  return useQuery({
    queryKey: importKeys.one(id),
    queryFn: () => http.get<Import>(`/imports/${id}`),
    refetchInterval: (q) => (q.state.data === undefined || isLive(q.state.data) ? POLL_MS : false),
  });
}

export function useUploadImport() {
  return useMutation({
    mutationFn: ({ entity, file }: { entity: ImportEntity; file: File }) => {
      const form = new FormData();
      // The entity goes before the file: the server reads the parts in order while the file streams in.
      form.append('entity', entity);
      form.append('file', file, file.name);
      return uploadForm<ImportUploadResult>('/imports', form);
    },
  });
}

export function usePreviewImport() {
  return useMutation({
    mutationFn: ({ id, mapping }: { id: string; mapping: ImportMapping }) => http.post<ImportPreview>(`/imports/${id}/preview`, { mapping }),
  });
}

/** Records appear as the import runs: the lists are refreshed when it ends (ImportProgress). */
export function useInvalidateImported() {
  const qc = useQueryClient();
  return (entity: ImportEntity) => Promise.all([qc.invalidateQueries({ queryKey: [entity] }), qc.invalidateQueries({ queryKey: importKeys.all })]);
}

export function useStartImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: ImportStart & { id: string }) => http.post<Import>(`/imports/${id}/start`, body),
    onSuccess: (imp) => {
      qc.setQueryData(importKeys.one(imp.id), imp);
      void qc.invalidateQueries({ queryKey: importKeys.all });
    },
  });
}

export function useCancelImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => http.post<Import>(`/imports/${id}/cancel`),
    onSuccess: (imp) => {
      qc.setQueryData(importKeys.one(imp.id), imp);
      void qc.invalidateQueries({ queryKey: importKeys.all });
    },
  });
}

export const reportUrl = (id: string) => `/api/imports/${id}/report.csv`;
