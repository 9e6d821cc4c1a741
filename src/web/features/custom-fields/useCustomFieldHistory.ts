import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOM_FIELD_ENTITIES, type CustomFieldEntity } from '../../../shared/schemas/custom-fields';
import { useOwnerName } from '../customers/OwnerName';
import { useCustomFieldCatalog } from './api';
import { customValueText } from './customValueText';
import { fieldLabel } from './fieldLabel';

export interface CustomFieldHistory {
  /** The field's label in the interface language for "custom.<key>"; undefined for other fields. */
  label: (field: string) => string | undefined;
  /** A custom value as text; undefined for other fields or values it cannot format. */
  format: (field: string, value: unknown, names?: Record<string, string>) => string | undefined;
}

const isCustomEntity = (type: string): type is CustomFieldEntity => (CUSTOM_FIELD_ENTITIES as readonly string[]).includes(type);

/**
 * For histories and timelines: the audit log names custom values "custom.<key>" and stores their API
 * form (option values, user ids, plain numbers). One cached catalog per record type serves every entry.
 */
export function useCustomFieldHistory(entityType: string): CustomFieldHistory {
  const { t, i18n } = useTranslation();
  const entity = isCustomEntity(entityType) ? entityType : undefined;
  const catalog = useCustomFieldCatalog(entity ?? 'organizations', entity !== undefined);
  const ownerName = useOwnerName();
  return useMemo(() => {
    const byField = new Map((entity ? (catalog.data?.fields ?? []) : []).map((f) => [`custom.${f.key}`, f]));
    return {
      label: (field) => {
        const f = byField.get(field);
        return f ? fieldLabel(f.label, i18n.language) : undefined;
      },
      format: (field, value, names) => {
        const f = byField.get(field);
        if (!f || value === null || value === undefined) return undefined;
        return customValueText(f, value, t, i18n.language, (id) => ownerName(id) ?? names?.[id]);
      },
    };
  }, [entity, catalog.data, i18n.language, ownerName, t]);
}
