import type { CustomFieldType, CustomValues, SelectOption } from '../../../shared/schemas/custom-fields.js';
import type { Db } from '../../db/connection.js';
import type { CustomFieldRow } from '../../db/schema.js';
import { customFieldsRepository as repo } from './custom-fields.repository.js';

/**
 * Custom values as sent on a record's create or update, checked against the live field definitions.
 * Values are stored in their API form (text, number, "YYYY-MM-DD", string[], boolean, user id);
 * an emptied value is removed from the JSON rather than stored as "" or [], so "empty" is one
 * thing (absent) for filters, sorts and exports.
 */

const LIMITS = { text: 500, longText: 10_000, url: 800 } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Larger numbers lose precision as JSON doubles. */
const MAX_NUMBER = 1e15;

type Checked = { value: unknown } | { error: string };

const isEmpty = (v: unknown) => v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

function checkText(v: unknown, max: number): Checked {
  if (typeof v !== 'string') return { error: 'Enter text' };
  const text = v.trim();
  return text.length > max ? { error: `Too long (at most ${max} characters)` } : { value: text };
}

function checkUrl(v: unknown): Checked {
  const text = checkText(v, LIMITS.url);
  if ('error' in text) return text;
  try {
    const url = new URL(text.value as string);
    if (url.protocol === 'http:' || url.protocol === 'https:') return text;
  } catch {
    // not a URL at all
  }
  return { error: 'Enter a web address starting with http:// or https://' };
}

function checkDate(v: unknown): Checked {
  // A real calendar day: "2024-02-30" rolls over or is invalid, and then does not come back as itself.
  const time = typeof v === 'string' && DAY.test(v) ? Date.parse(`${v}T00:00:00Z`) : Number.NaN;
  if (!Number.isNaN(time) && new Date(time).toISOString().startsWith(v as string)) return { value: v };
  return { error: 'Enter a date as YYYY-MM-DD' };
}

function checkNumber(v: unknown, money: boolean): Checked {
  if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > MAX_NUMBER) return { error: 'Enter a number' };
  // Cents must survive as typed: 12.345 is a typo, not an amount.
  if (money && Math.abs(Math.round(v * 100) - v * 100) > 1e-6) return { error: 'Enter an amount with at most two decimals' };
  return { value: money ? Math.round(v * 100) / 100 : v };
}

/** One non-empty value against its field (user ids are checked afterwards, together). */
function checkValue(type: CustomFieldType, options: SelectOption[], v: unknown): Checked {
  switch (type) {
    case 'text':
      return checkText(v, LIMITS.text);
    case 'longText':
      return checkText(v, LIMITS.longText);
    case 'url':
      return checkUrl(v);
    case 'number':
      return checkNumber(v, false);
    case 'money':
      return checkNumber(v, true);
    case 'date':
      return checkDate(v);
    case 'boolean':
      return typeof v === 'boolean' ? { value: v } : { error: 'Enter true or false' };
    case 'select':
      return typeof v === 'string' && options.some((o) => o.value === v) ? { value: v } : { error: 'Choose one of the options' };
    case 'multiSelect': {
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && options.some((o) => o.value === x))) {
        return { error: 'Choose options from the list' };
      }
      return { value: [...new Set(v)] };
    }
    case 'user':
      return typeof v === 'string' && UUID.test(v) ? { value: v.toLowerCase() } : { error: 'No such user' };
  }
}

export interface PreparedValues {
  /** Per-field messages keyed "custom.<key>"; empty when everything is valid. */
  errors: Record<string, string>;
  /** The whole object to store (stored values merged with the sent ones); undefined when nothing was sent on update. */
  values?: Record<string, unknown>;
}

/**
 * Checks `sent` and merges it into `stored` (null on create, where required fields must be given).
 * Unknown keys, wrong types, options that do not exist, bad dates and URLs, and user ids that
 * name nobody are all reported at once.
 */
export async function prepareCustomValues(
  db: Db,
  entity: string,
  sent: CustomValues | undefined,
  stored: Record<string, unknown> | null,
): Promise<PreparedValues> {
  const creating = stored === null;
  if (!creating && sent === undefined) return { errors: {} };
  const given = sent ?? {};
  const fields = new Map<string, CustomFieldRow>((await repo.liveFields(db, [entity])).map((f) => [f.key, f]));
  const errors: Record<string, string> = {};
  const values: Record<string, unknown> = { ...(stored ?? {}) };
  const users = new Map<string, string>();

  for (const [key, raw] of Object.entries(given)) {
    const field = fields.get(key);
    if (!field) {
      errors[`custom.${key}`] = 'Unknown field';
      continue;
    }
    if (isEmpty(raw)) {
      if (field.required === 1) errors[`custom.${key}`] = 'Required';
      delete values[key];
      continue;
    }
    const checked = checkValue(field.type as CustomFieldType, JSON.parse(field.options) as SelectOption[], raw);
    if ('error' in checked) errors[`custom.${key}`] = checked.error;
    else {
      values[key] = checked.value;
      if (field.type === 'user') users.set(key, checked.value as string);
    }
  }
  if (creating) {
    for (const field of fields.values()) {
      if (field.required === 1 && !(field.key in given) && !errors[`custom.${field.key}`]) errors[`custom.${field.key}`] = 'Required';
    }
  }
  const known = await repo.existingUserIds(db, [...new Set(users.values())]);
  for (const [key, id] of users) if (!known.has(id)) errors[`custom.${key}`] = 'No such user';
  return { errors, values };
}

/** Parses the `custom` column: jsonb arrives parsed from PostgreSQL, text from SQLite. */
export const parseCustomColumn = (v: string | Record<string, unknown>): Record<string, unknown> => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * What the API shows of a record's values: those of live fields only. A deleted field's values stay
 * stored so that restoring the field brings them back, but until then the field does not exist for
 * readers (nor for forms, lists, filters or exports). `'all'` keeps every value (the audit log's view).
 */
export function liveCustomValues(values: Record<string, unknown>, liveKeys: ReadonlySet<string> | 'all'): Record<string, unknown> {
  if (liveKeys === 'all') return values;
  return Object.fromEntries(Object.entries(values).filter(([key]) => liveKeys.has(key)));
}

/** Custom values as separate audit fields ("custom.revenue"), so the history shows each change on its own. */
export function auditableCustom(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [`custom.${k}`, v]));
}
