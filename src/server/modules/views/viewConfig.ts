import type { CustomFieldType } from '../../../shared/schemas/custom-fields.js';
import { OPS_BY_KIND, viewFieldsOf } from '../../../shared/schemas/view-fields.js';
import type { ViewConfig, ViewEntity } from '../../../shared/schemas/views.js';
import { badRequest } from '../../platform/errors.js';

/**
 * Checks that a view only names fields the list has: columns, filter fields (with an operator of
 * their kind) and sort fields must be built-in or an existing custom field. A view saved against a
 * custom field that is later deleted keeps working on the web (unknown columns are skipped), but a
 * new or changed view must be valid now. Answers one 400 naming every bad path.
 */
export function assertValidConfig(entity: ViewEntity, config: ViewConfig, customFields: { key: string; type: CustomFieldType }[]): void {
  const fields = new Map(
    viewFieldsOf(
      entity,
      customFields.map((c) => ({ ...c, showInList: false })),
    ).map((f) => [f.key, f]),
  );
  const errors: Record<string, string> = {};

  const seen = new Set<string>();
  config.columns.forEach((key, i) => {
    const field = fields.get(key);
    if (!field || field.filterOnly) errors[`config.columns.${i}`] = `Unknown field "${key}"`;
    else if (seen.has(key)) errors[`config.columns.${i}`] = `"${key}" is listed twice`;
    seen.add(key);
  });

  config.filters.forEach((c, i) => {
    const kind = fields.get(c.field)?.kind;
    if (!kind) errors[`config.filters.${i}.field`] = `Unknown or not filterable field "${c.field}"`;
    else if (!OPS_BY_KIND[kind].includes(c.op)) errors[`config.filters.${i}.op`] = `"${c.op}" is not available; use ${OPS_BY_KIND[kind].join(', ')}`;
  });

  if (config.sort) {
    const parts = config.sort.split(',').map((s) => s.trim().replace(/^-/, ''));
    const bad = parts.find((p) => !fields.get(p)?.sortable);
    if (parts.length > 3 || bad !== undefined) {
      errors['config.sort'] = bad !== undefined ? `Cannot sort by "${bad}"` : 'Give one to three fields';
    }
  }

  if (Object.keys(errors).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', errors);
}
