import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '../../../shared/schemas/custom-fields';
import { BUILTIN_VIEW_FIELDS, CUSTOM_PREFIX, customFieldKind, type FieldKind } from '../../../shared/schemas/view-fields';
import type { ViewEntity } from '../../../shared/schemas/views';
import { formatDate } from '../../lib/format';
import { useCustomFieldCatalog } from '../custom-fields/api';
import { CustomValue } from '../custom-fields/CustomValue';
import { fieldLabel } from '../custom-fields/fieldLabel';

export interface FieldOption {
  value: string;
  label: string;
}

/** What a page tells the kit about one of its built-in fields: how it is named and shown. */
export interface BuiltinColumn<T> {
  label: string;
  render?: (record: T) => ReactNode;
  /** enum values as words (party type, lifecycle…). */
  optionLabel?: (value: string) => string;
  /** Keep the cell on one line (dates, names of people, tags). */
  noWrap?: boolean;
  minWidth?: number;
}

/** One field of a list as the kit uses it: column, filter and sort in one. */
export interface ListField<T> {
  key: string;
  label: string;
  kind?: FieldKind;
  sortable: boolean;
  options?: FieldOption[];
  ref?: 'user' | 'team' | 'organization' | 'country' | 'region';
  filterOnly: boolean;
  defaultVisible: boolean;
  custom?: CustomField;
  render: (record: T) => ReactNode;
  noWrap: boolean;
  minWidth?: number;
}

type AnyRecord = { custom?: Record<string, unknown> } & object;

function plainValue(kind: FieldKind | undefined, value: unknown): ReactNode {
  if (value === null || value === undefined) return '';
  if (kind === 'timestamp') return formatDate(String(value));
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/**
 * The fields of an entity's list: the built-in ones the page describes (in the shared order of
 * view-fields.ts) and the custom fields of the catalog as "custom.<key>".
 */
export function useListFields<T extends AnyRecord>(entity: ViewEntity, builtins: Record<string, BuiltinColumn<T>>) {
  const { i18n } = useTranslation();
  const catalog = useCustomFieldCatalog(entity);
  const language = i18n.language;
  const fields = useMemo(() => {
    const out: ListField<T>[] = [];
    for (const meta of BUILTIN_VIEW_FIELDS[entity]) {
      const col = builtins[meta.key];
      if (!col) continue;
      out.push({
        key: meta.key,
        label: col.label,
        kind: meta.kind,
        sortable: !!meta.sortable,
        options: meta.options?.map((value) => ({ value, label: col.optionLabel ? col.optionLabel(value) : value })),
        ref: meta.ref,
        filterOnly: !!meta.filterOnly,
        defaultVisible: !!meta.defaultVisible,
        render: col.render ?? ((r) => plainValue(meta.kind, (r as Record<string, unknown>)[meta.key])),
        noWrap: !!col.noWrap,
        minWidth: col.minWidth,
      });
    }
    for (const cf of catalog.data?.fields ?? []) {
      const { kind, sortable } = customFieldKind(cf.type);
      out.push({
        key: `${CUSTOM_PREFIX}${cf.key}`,
        label: fieldLabel(cf.label, language),
        kind,
        sortable,
        options: cf.options.length > 0 ? cf.options.map((o) => ({ value: o.value, label: fieldLabel(o.label, language) })) : undefined,
        ref: cf.type === 'user' ? 'user' : undefined,
        filterOnly: false,
        defaultVisible: cf.showInList,
        custom: cf,
        render: (r) => <CustomValue field={cf} value={r.custom?.[cf.key]} />,
        noWrap: cf.type !== 'longText' && cf.type !== 'multiSelect',
      });
    }
    return out;
  }, [entity, builtins, catalog.data, language]);
  const byKey = useMemo(() => new Map(fields.map((f) => [f.key, f])), [fields]);
  return { fields, byKey, loading: catalog.isLoading };
}

/** The columns shown when the user has not chosen any. */
export const defaultColumns = <T,>(fields: ListField<T>[]) => fields.filter((f) => f.defaultVisible && !f.filterOnly).map((f) => f.key);
