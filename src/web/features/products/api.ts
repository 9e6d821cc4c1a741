import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PriceList, PriceListCreate, PriceListUpdate, Product, ProductCreate, ProductUpdate } from '../../../shared/schemas/products';
import { http, type Page, type QueryValue } from '../../lib/api';
import { auditKeys } from '../audit/api';

export type ProductQuery = Record<string, QueryValue>;

export const productKeys = {
  all: ['products'] as const,
  list: (query: ProductQuery) => [...productKeys.all, 'list', query] as const,
  detail: (id: string) => [...productKeys.all, 'detail', id] as const,
};
export const priceListKeys = {
  all: ['price-lists'] as const,
  list: (query: ProductQuery) => [...priceListKeys.all, 'list', query] as const,
  detail: (id: string) => [...priceListKeys.all, 'detail', id] as const,
};

const PAGE_SIZE = 50;

export const fetchProduct = (id: string) => http.get<Product>(`/products/${id}`);
export const fetchPriceList = (id: string) => http.get<PriceList>(`/price-lists/${id}`);

function usePaged<T>(key: readonly unknown[], path: string, query: ProductQuery, pageSize: number) {
  return useInfiniteQuery({
    queryKey: [...key, 'list', { ...query, limit: pageSize }],
    queryFn: ({ pageParam }) => http.get<Page<T>>(path, { ...query, limit: pageSize, cursor: pageParam, total: pageParam ? undefined : true }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export const useProducts = (query: ProductQuery, { pageSize = PAGE_SIZE } = {}) => usePaged<Product>(productKeys.all, '/products', query, pageSize);
export const usePriceLists = (query: ProductQuery, { pageSize = PAGE_SIZE } = {}) => usePaged<PriceList>(priceListKeys.all, '/price-lists', query, pageSize);

export function usePriceList(id: string | undefined) {
  return useQuery({ queryKey: priceListKeys.detail(id ?? ''), queryFn: () => fetchPriceList(id ?? ''), enabled: !!id });
}

/** Products show in price lists (their items) and the audit log; price lists in quote forms. */
function useInvalidate() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: productKeys.all }),
      qc.invalidateQueries({ queryKey: priceListKeys.all }),
      qc.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

export function useSaveProduct() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: (ProductCreate | ProductUpdate) & { id?: string }) =>
      id ? http.patch<Product>(`/products/${id}`, input) : http.post<Product>('/products', input),
    onSettled: () => invalidate(),
  });
}

export function useDeleteProduct() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => http.delete(`/products/${id}`), onSuccess: () => invalidate() });
}

export function useSavePriceList() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: (PriceListCreate | PriceListUpdate) & { id?: string }) =>
      id ? http.patch<PriceList>(`/price-lists/${id}`, input) : http.post<PriceList>('/price-lists', input),
    onSettled: () => invalidate(),
  });
}

export function useDeletePriceList() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => http.delete(`/price-lists/${id}`), onSuccess: () => invalidate() });
}
