import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomFieldEntity } from '../../../shared/schemas/custom-fields';
import { useOwnerName } from '../customers/OwnerName';
import { useCustomFieldCatalog } from './api';
import { fieldLabel } from './fieldLabel';

/**
 * For histories and timelines: the audit log names custom values "custom.<key>" and stores option
 * values and user ids. `label` gives the field's label, `resolve` (an AuditChanges ResolveName) an
 * option's label or a user's name; both answer undefined for anything else.
 */
export function useCustomFieldHistory(entity: CustomFieldEntity) {
  const { i18n } = useTranslation();
  const catalog = useCustomFieldCatalog(entity);
  const ownerName = useOwnerName();
  return useMemo(() => {
    const byField = new Map((catalog.data?.fields ?? []).map((f) => [`custom.${f.key}`, f]));
    return {
      label: (field: string) => {
        const f = byField.get(field);
        return f ? fieldLabel(f.label, i18n.language) : undefined;
      },
      resolve: (field: string, value: string) => {
        const f = byField.get(field);
        if (f?.type === 'user') return ownerName(value);
        const option = f?.options.find((o) => o.value === value);
        return option ? fieldLabel(option.label, i18n.language) : undefined;
      },
    };
  }, [catalog.data, i18n.language, ownerName]);
}
