import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/schemas/audit';
import { formatDateTime } from '../../lib/format';
import { useCustomFieldHistory } from '../custom-fields/useCustomFieldHistory';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Turns a referenced id (teamId, roleId, …) into a name when the page knows it. */
export type ResolveName = (field: string, id: string) => string | undefined;

function show(field: string, value: unknown, resolve?: ResolveName): string {
  if (value === null || value === undefined || value === '') return '∅';
  if (typeof value === 'string') {
    if (ISO_TIME.test(value)) return formatDateTime(value);
    return resolve?.(field, value) ?? value;
  }
  // Lists such as tags or phones read as "a, b"; a phone {label, number} as "Work 0755-1234".
  if (Array.isArray(value)) return value.length === 0 ? '∅' : value.map((item) => show(field, item, resolve)).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([key, v]) => show(key, v, resolve))
      .join(' ');
  }
  return JSON.stringify(value);
}

/**
 * "field: before → after" per changed field; for events without changes (sign-ins), their details.
 * Users and teams the entry refers to are named by the server (`names`), so a reader who cannot list
 * them still reads names; custom fields show their label and formatted values.
 */
export function AuditChanges({ entry, resolve: pageResolve }: { entry: Pick<AuditEntry, 'changes' | 'meta' | 'entityType' | 'names'>; resolve?: ResolveName }) {
  const { t } = useTranslation();
  const custom = useCustomFieldHistory(entry.entityType);
  const names = entry.names;
  const resolve: ResolveName = (field, id) => names?.[id] ?? pageResolve?.(field, id);
  const value = (field: string, v: unknown) => custom.format(field, v, names) ?? show(field, v, resolve);
  // The record's own id says nothing to a reader; a first value (a create) needs no "∅ →" before it.
  const changes = Object.entries(entry.changes ?? {}).filter(([field]) => field !== 'id');
  if (changes.length > 0) {
    return (
      <ul style={{ margin: 0, paddingLeft: 16 }}>
        {changes.map(([field, { before, after }]) => (
          <li key={field}>
            <Typography.Text strong>{custom.label(field) ?? t(`fields.${field}`, { defaultValue: field })}</Typography.Text>:{' '}
            {before !== null && before !== undefined && (
              <>
                <Typography.Text type="secondary">{value(field, before)}</Typography.Text> →{' '}
              </>
            )}
            <Typography.Text>{value(field, after)}</Typography.Text>
          </li>
        ))}
      </ul>
    );
  }
  const meta = Object.entries(entry.meta ?? {});
  if (meta.length === 0) return null;
  return (
    <Typography.Text type="secondary">
      {meta.map(([key, value]) => `${t(`fields.${key}`, { defaultValue: key })}: ${show(key, value, resolve)}`).join(', ')}
    </Typography.Text>
  );
}
