import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MailSettings, MailSettingsUpdate, TrackingSettings } from '../../../shared/schemas/tracking-settings';
import { api, http } from '../../lib/api';
import { auditKeys } from '../audit/api';

export const settingsKeys = {
  mail: ['settings', 'mail'] as const,
  tracking: ['settings', 'tracking'] as const,
};

export const useMailSettings = () => useQuery({ queryKey: settingsKeys.mail, queryFn: () => http.get<MailSettings>('/settings/mail') });

export function useUpdateMailSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: MailSettingsUpdate) => api<MailSettings>('PUT', '/settings/mail', input),
    onSuccess: (saved) => {
      qc.setQueryData(settingsKeys.mail, saved);
      void qc.invalidateQueries({ queryKey: auditKeys.all });
    },
  });
}

export const useSendTestMail = () => useMutation({ mutationFn: () => http.post<{ to: string }>('/settings/mail/test') });

export const useTrackingSettings = () => useQuery({ queryKey: settingsKeys.tracking, queryFn: () => http.get<TrackingSettings>('/settings/tracking') });

export function useUpdateTrackingSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: TrackingSettings) => api<TrackingSettings>('PUT', '/settings/tracking', input),
    onSuccess: (saved) => {
      qc.setQueryData(settingsKeys.tracking, saved);
      void qc.invalidateQueries({ queryKey: auditKeys.all });
    },
  });
}
