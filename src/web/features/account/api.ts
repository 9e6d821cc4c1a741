import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ApiToken, ApiTokenCreatedSchema, PasswordChangeSchema, SessionSchema } from '../../../shared/schemas/auth';
import { http } from '../../lib/api';

export type Session = z.infer<typeof SessionSchema>;
export type ApiTokenCreated = z.infer<typeof ApiTokenCreatedSchema>;
export type PasswordChange = z.infer<typeof PasswordChangeSchema>;

export const accountKeys = {
  tokens: ['account', 'tokens'] as const,
  sessions: ['account', 'sessions'] as const,
};

export function useApiTokens() {
  return useQuery({ queryKey: accountKeys.tokens, queryFn: () => http.get<{ items: ApiToken[] }>('/auth/tokens') });
}

export function useCreateApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; expiresInDays: number | null }) => http.post<ApiTokenCreated>('/auth/tokens', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountKeys.tokens }),
  });
}

export function useRevokeApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => http.delete(`/auth/tokens/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountKeys.tokens }),
  });
}

export function useSessions() {
  return useQuery({ queryKey: accountKeys.sessions, queryFn: () => http.get<{ items: Session[] }>('/auth/sessions') });
}

export function useRevokeSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => http.delete(`/auth/sessions/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: PasswordChange) => http.post<void>('/auth/password', input),
    // The server signs out the other sessions.
    onSuccess: () => qc.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
}
