import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Attachment, EnterpriseArchive, EnterpriseArchiveUpdate, SupplierArchive, SupplierArchiveUpdate } from '../../../shared/schemas/archives';
import { api, http, uploadForm } from '../../lib/api';

export const archiveKeys = {
  all: ['archives'] as const,
  enterprise: (organizationId: string) => [...archiveKeys.all, 'enterprise', organizationId] as const,
  supplier: (organizationId: string) => [...archiveKeys.all, 'supplier', organizationId] as const,
};

export function useEnterpriseArchive(organizationId: string, { enabled = true } = {}) {
  return useQuery({
    queryKey: archiveKeys.enterprise(organizationId),
    queryFn: () => http.get<EnterpriseArchive>(`/archives/${organizationId}`),
    retry: false,
    enabled,
  });
}

export function useSaveEnterpriseArchive(organizationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: EnterpriseArchiveUpdate) => api<EnterpriseArchive>('PUT', `/archives/${organizationId}`, input),
    onSuccess: (data) => qc.setQueryData(archiveKeys.enterprise(organizationId), data),
  });
}

export function useSupplierArchive(organizationId: string) {
  return useQuery({
    queryKey: archiveKeys.supplier(organizationId),
    queryFn: () => http.get<SupplierArchive>(`/archives/${organizationId}/supplier`),
    retry: false,
  });
}

export function useSaveSupplierArchive(organizationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SupplierArchiveUpdate) => api<SupplierArchive>('PUT', `/archives/${organizationId}/supplier`, input),
    onSuccess: (data) => qc.setQueryData(archiveKeys.supplier(organizationId), data),
  });
}

export function useUploadAttachment(organizationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ section, file }: { section: string; file: File }) => {
      const form = new FormData();
      form.append('section', section);
      form.append('file', file);
      return uploadForm<Attachment>(`/archives/${organizationId}/attachments`, form);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: archiveKeys.enterprise(organizationId) }),
  });
}

export function useDeleteAttachment(organizationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => http.delete(`/archives/${organizationId}/attachments/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: archiveKeys.enterprise(organizationId) }),
  });
}

export const attachmentUrl = (organizationId: string, id: string) => `/api/archives/${organizationId}/attachments/${id}`;
