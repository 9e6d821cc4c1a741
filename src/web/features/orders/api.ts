import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  InstallmentPlan,
  Order,
  OrderCreate,
  OrderDetail,
  OrderSettings,
  OrderTransition,
  OrderUpdate,
  Payment,
  PaymentCreate,
  ReceivablePage,
} from '../../../shared/schemas/orders';
import { api, http, type Page } from '../../lib/api';
import { auditKeys } from '../audit/api';

export const ORDER_FILTERS = ['q', 'status', 'kind', 'ownerId', 'sort'] as const;
export type OrderQuery = {
  q?: string;
  status?: string;
  kind?: string;
  ownerId?: string;
  sort?: string;
  organizationId?: string;
  contactId?: string;
  opportunityId?: string;
};
export type PaymentQuery = { orderId?: string; organizationId?: string; receivedFrom?: string; receivedTo?: string; sort?: string };
export type ReceivableQuery = { asOf?: string; bucket?: string; overdue?: string; organizationId?: string; orderId?: string; ownerId?: string };

export const orderKeys = {
  all: ['orders'] as const,
  list: (q: OrderQuery) => [...orderKeys.all, 'list', q] as const,
  detail: (id: string) => [...orderKeys.all, 'detail', id] as const,
  payments: (q: PaymentQuery) => [...orderKeys.all, 'payments', q] as const,
  receivables: (q: ReceivableQuery) => [...orderKeys.all, 'receivables', q] as const,
  settings: ['orders', 'settings'] as const,
};

export function useOrders(q: OrderQuery, { pageSize = 50 } = {}) {
  return useInfiniteQuery({
    queryKey: [...orderKeys.list(q), pageSize],
    queryFn: ({ pageParam }) => http.get<Page<Order>>('/orders', { ...q, limit: pageSize, cursor: pageParam, total: pageParam ? undefined : true }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useOrder(id: string) {
  return useQuery({ queryKey: orderKeys.detail(id), queryFn: () => http.get<OrderDetail>(`/orders/${id}`) });
}

export function usePayments(q: PaymentQuery, { pageSize = 50, enabled = true } = {}) {
  return useInfiniteQuery({
    queryKey: [...orderKeys.payments(q), pageSize],
    queryFn: ({ pageParam }) => http.get<Page<Payment>>('/payments', { ...q, limit: pageSize, cursor: pageParam, total: pageParam ? undefined : true }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useReceivables(q: ReceivableQuery) {
  return useInfiniteQuery({
    queryKey: orderKeys.receivables(q),
    queryFn: ({ pageParam }) => http.get<ReceivablePage>('/receivables', { ...q, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Orders, payments and receivables move together (a payment changes all three), as does the record history. */
function useInvalidate() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: orderKeys.all }),
      qc.invalidateQueries({ queryKey: auditKeys.all }),
      qc.invalidateQueries({ queryKey: ['approvals'] }),
      qc.invalidateQueries({ queryKey: ['notifications'] }),
    ]);
}

export function useCreateOrder() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (input: OrderCreate) => http.post<OrderDetail>('/orders', input), onSuccess: () => invalidate() });
}

export function useUpdateOrder(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (input: OrderUpdate) => http.patch<OrderDetail>(`/orders/${id}`, input), onSuccess: () => invalidate() });
}

export function useTransitionOrder(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (input: OrderTransition) => http.post<OrderDetail>(`/orders/${id}/transition`, input), onSuccess: () => invalidate() });
}

export function useReplacePlan(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (input: InstallmentPlan) => api<OrderDetail>('PUT', `/orders/${id}/installments`, input), onSuccess: () => invalidate() });
}

export function useDeleteOrder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => http.delete<void>(`/orders/${id}`),
    onSuccess: (_d, id) => qc.invalidateQueries({ queryKey: orderKeys.all, predicate: (q) => !q.queryKey.includes(id) }),
  });
}

export function useRecordPayment() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (input: PaymentCreate) => http.post<Payment>('/payments', input), onSuccess: () => invalidate() });
}

export function useDeletePayment() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => http.delete<void>(`/payments/${id}`), onSuccess: () => invalidate() });
}

export function useRemindNow() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: () => http.post<{ reminded: number }>('/receivables/remind', {}), onSuccess: () => invalidate() });
}

export function useOrderSettings() {
  return useQuery({ queryKey: orderKeys.settings, queryFn: () => http.get<OrderSettings>('/settings/orders') });
}

export function useSaveOrderSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: OrderSettings) => api<OrderSettings>('PUT', '/settings/orders', input),
    onSuccess: (data) => qc.setQueryData(orderKeys.settings, data),
  });
}
