import type { CustomField, CustomValues } from '../../../shared/schemas/custom-fields';

/** What the form holds under `custom`: the record's values as the API gives them (dates as "YYYY-MM-DD"). */
export const customFormValues = (custom: CustomValues | undefined): Record<string, unknown> => ({ ...(custom ?? {}) });

const isEmpty = (v: unknown) => v === null || v === '' || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/**
 * The `custom` body of a create or update: only the live fields (a record may still hold values of
 * deleted ones, which the server would call unknown), trimmed text, and null for a cleared input.
 * An input without a value (undefined) is left out unless the record had one: a cleared select
 * gives undefined, and must clear the stored value.
 */
export function customBody(fields: CustomField[], values: Record<string, unknown> | undefined, original?: CustomValues): CustomValues {
  const out: CustomValues = {};
  for (const f of fields) {
    const v = values?.[f.key];
    if (v === undefined) {
      if (original && original[f.key] !== undefined && original[f.key] !== null) out[f.key] = null;
      continue;
    }
    if (isEmpty(v)) out[f.key] = null;
    else out[f.key] = typeof v === 'string' ? v.trim() : (v as CustomValues[string]);
  }
  return out;
}
