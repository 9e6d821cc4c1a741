import type { BilingualLabel, CustomField, CustomFieldEntity, CustomFieldType, FieldGroup, SelectOption } from '../../../shared/schemas/custom-fields.js';
import type { CustomFieldRow, FieldGroupRow } from '../../db/schema.js';

const labelOf = (row: { labelEn: string; labelZh: string }): BilingualLabel => ({ en: row.labelEn, 'zh-CN': row.labelZh });

/** `liveGroups`: ids of the live groups; a field of a group in the recycle bin shows under "Other" until it comes back. */
export function presentField(row: CustomFieldRow, liveGroups?: Set<string>): CustomField {
  return {
    id: row.id,
    entity: row.entity as CustomFieldEntity,
    key: row.key,
    label: labelOf(row),
    type: row.type as CustomFieldType,
    options: JSON.parse(row.options) as SelectOption[],
    required: row.required === 1,
    groupId: row.groupId && (!liveGroups || liveGroups.has(row.groupId)) ? row.groupId : null,
    position: row.position,
    showInList: row.showInList === 1,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export function presentGroup(row: FieldGroupRow): FieldGroup {
  return { id: row.id, entity: row.entity as CustomFieldEntity, label: labelOf(row), position: row.position, version: row.version };
}

/** What the audit log records of a field definition. */
export function auditableField(row: CustomFieldRow): Record<string, unknown> {
  const { createdAt, updatedAt, version, ...rest } = presentField(row);
  return rest;
}

export function auditableGroup(row: FieldGroupRow): Record<string, unknown> {
  const { version, ...rest } = presentGroup(row);
  return rest;
}

/** The recycle bin's title: both labels (one when they agree or one is empty). */
export function titleOf(row: { labelEn: string; labelZh: string; key?: string }): string {
  const labels = [...new Set([row.labelZh, row.labelEn].map((l) => l.trim()).filter(Boolean))].join(' / ');
  return row.key ? `${labels} (${row.key})` : labels;
}
