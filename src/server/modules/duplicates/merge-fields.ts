import type { Email, Phone } from '../../../shared/schemas/customers.js';
import type { MergeSide } from '../../../shared/schemas/duplicates.js';
import { parseCustomColumn } from '../custom-fields/custom-values.js';
import { parseList } from '../customers/party.js';
import { toE164 } from '../customers/phones.js';

/**
 * The survivor's column values after a merge, from the two rows and the user's choices. Pure, so
 * the rules are tested without a database. Rules: a named field comes from the side named (even
 * when that side is empty: the user chose to clear it); otherwise the survivor keeps its value and
 * takes the other's where it has none. Tags, phones and e-mails are combined unless named. The
 * address is one field (country … street), so a city never lands in another record's province.
 */

export type Choices = Partial<Record<string, MergeSide>>;
type Row = Record<string, unknown> & { tags: string; phones: string; emails: string; custom: string | Record<string, unknown> };

export const ADDRESS_COLUMNS = ['country', 'province', 'city', 'district', 'address'] as const;
const LIMITS = { tags: 50, phones: 20, emails: 20 } as const;
const CUSTOM_KEY = /^custom\.[a-z][a-z0-9_]{0,39}$/;

const isBlank = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

function pick<T>(choice: MergeSide | undefined, target: T, source: T): T {
  if (choice === 'source') return source;
  if (choice === 'target') return target;
  return isBlank(target) ? source : target;
}

/** Both lists, the survivor's first, without repeats by `identity`. */
function union<T>(target: T[], source: T[], identity: (x: T) => string): T[] {
  const seen = new Set(target.map(identity));
  const out = [...target];
  for (const x of source) {
    if (seen.has(identity(x))) continue;
    seen.add(identity(x));
    out.push(x);
  }
  return out;
}

function mergeList<T>(choice: MergeSide | undefined, target: T[], source: T[], identity: (x: T) => string): T[] {
  return choice ? (choice === 'source' ? source : target) : union(target, source, identity);
}

export interface MergedColumns {
  /** Columns to write on the survivor (owner and name key are the caller's: they need rules of their own). */
  columns: Record<string, unknown>;
  errors: Record<string, string>;
}

/**
 * `scalars`: the plain columns of this record type (not name lists, address or custom).
 * `fields`: the names the API accepts besides "custom.<key>".
 */
export function mergeColumns(target: Row, source: Row, choices: Choices, spec: { scalars: readonly string[]; fields: readonly string[] }): MergedColumns {
  const errors: Record<string, string> = {};
  for (const name of Object.keys(choices)) {
    if (!spec.fields.includes(name) && !CUSTOM_KEY.test(name)) errors[`fields.${name}`] = 'No such field';
  }
  const columns: Record<string, unknown> = {};
  for (const c of spec.scalars) columns[c] = pick(choices[c], target[c], source[c]);

  const addressFrom = pick(
    choices.address,
    ADDRESS_COLUMNS.some((c) => !isBlank(target[c])) ? target : null,
    ADDRESS_COLUMNS.some((c) => !isBlank(source[c])) ? source : null,
  );
  for (const c of ADDRESS_COLUMNS) columns[c] = addressFrom ? addressFrom[c] : null;

  const lists = {
    tags: mergeList(choices.tags, parseList<string>(target.tags), parseList<string>(source.tags), (t) => t),
    phones: mergeList(choices.phones, parseList<Phone>(target.phones), parseList<Phone>(source.phones), (p) => toE164(p.number) ?? p.number),
    emails: mergeList(choices.emails, parseList<Email>(target.emails), parseList<Email>(source.emails), (e) => e.address.toLowerCase()),
  };
  for (const [name, list] of Object.entries(lists)) {
    const max = LIMITS[name as keyof typeof LIMITS];
    if (list.length > max) errors[`fields.${name}`] = `Together more than ${max}; keep one side's`;
    columns[name] = JSON.stringify(list);
  }

  const t = parseCustomColumn(target.custom);
  const s = parseCustomColumn(source.custom);
  const custom: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(t), ...Object.keys(s)])) {
    const value = pick(choices[`custom.${key}`], t[key], s[key]);
    // Empty is "absent" in custom values (see custom-values.ts).
    if (!isBlank(value)) custom[key] = value;
  }
  columns.custom = JSON.stringify(custom);
  return { columns, errors };
}
