import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Task, TaskCreate, TaskUpdate } from '../../../shared/schemas/tasks';
import { http, type Page, type QueryValue } from '../../lib/api';
import { auditKeys } from '../audit/api';

/** Query parameters of GET /tasks as the web sends them. */
export type TaskQuery = Record<string, QueryValue>;

export const taskKeys = {
  all: ['tasks'] as const,
  list: (query: TaskQuery) => [...taskKeys.all, 'list', query] as const,
  detail: (id: string) => [...taskKeys.all, 'detail', id] as const,
};

const PAGE_SIZE = 50;

export const fetchTask = (id: string) => http.get<Task>(`/tasks/${id}`);

export function useTasks(query: TaskQuery, { pageSize = PAGE_SIZE, enabled = true } = {}) {
  return useInfiniteQuery({
    queryKey: taskKeys.list({ ...query, limit: pageSize }),
    queryFn: ({ pageParam }) => http.get<Page<Task>>('/tasks', { ...query, limit: pageSize, cursor: pageParam, total: pageParam ? undefined : true }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useTask(id: string | undefined, placeholder?: Task) {
  return useQuery({ queryKey: taskKeys.detail(id ?? ''), queryFn: () => fetchTask(id ?? ''), enabled: !!id, placeholderData: placeholder });
}

/**
 * A task shows in task lists, on the calendar (and its feed), on its record's page, and completing
 * a recurring one raises the next; the audit log records every change.
 */
export function useInvalidateTasks() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: taskKeys.all }),
      qc.invalidateQueries({ queryKey: ['calendar'] }),
      qc.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

export function useCreateTask() {
  const invalidate = useInvalidateTasks();
  return useMutation({ mutationFn: (input: TaskCreate) => http.post<Task>('/tasks', input), onSuccess: () => invalidate() });
}

export function useUpdateTask() {
  const invalidate = useInvalidateTasks();
  return useMutation({
    mutationFn: ({ id, ...input }: TaskUpdate & { id: string }) => http.patch<Task>(`/tasks/${id}`, input),
    onSettled: () => invalidate(),
  });
}

export function useDeleteTask() {
  const invalidate = useInvalidateTasks();
  return useMutation({ mutationFn: (id: string) => http.delete(`/tasks/${id}`), onSuccess: () => invalidate() });
}
