import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Login, Me } from '../../../shared/schemas/auth';
import type { Locale } from '../../../shared/schemas/common';
import { ApiError, http, setCsrfToken } from '../../lib/api';

export const meKey = ['auth', 'me'] as const;

type LoginResult = Me & { token: string };

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await http.get<Me>('/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/** For pages under the authenticated layout, where `me` is always loaded. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser needs a signed-in user');
  return data;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Login) => http.post<LoginResult>('/auth/login', input),
    onSuccess: ({ token: _token, ...me }) => {
      setCsrfToken(me.csrfToken);
      qc.setQueryData(meKey, me);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => http.post<void>('/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(meKey, null);
    },
  });
}

export function useUpdateMe() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { name?: string; locale?: Locale }) => http.patch<Me>('/auth/me', input),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      qc.setQueryData(meKey, me);
    },
  });
}
