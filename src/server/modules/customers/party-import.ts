import type { z } from 'zod';
import type { CustomFieldType, SelectOption } from '../../../shared/schemas/custom-fields.js';
import type { TIERS } from '../../../shared/schemas/customers.js';
import type { Db } from '../../db/connection.js';
import type { CustomFieldRow } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { customFieldsRepository } from '../custom-fields/custom-fields.repository.js';
import { customFieldsService } from '../custom-fields/custom-fields.service.js';
import { foldHeader, type ImportFieldDef, type RowProblem, splitList } from '../imports/import-entities.js';
import type { RegionValue } from '../regions/region-fields.js';
import { parseRegionText } from '../regions/region-names.js';
import { type PartyInput, parseList, partyChanges, phoneErrors } from './party.js';

/**
 * Import of the fields organizations and contacts share: header synonyms, text → API input
 * (enumerations by English or Chinese label, lists split on separators, addresses read from names),
 * and custom values typed from text, so the records' own create rules can judge them.
 */

/** A built-in column of an import, with the header words (English and Chinese) that map to it. */
export const importField = (key: string, en: string, zh: string, synonyms: string[], required = false): ImportFieldDef => ({
  key,
  label: { en, 'zh-CN': zh },
  required,
  custom: false,
  synonyms,
});

export const PARTY_IMPORT_FIELDS: ImportFieldDef[] = [
  importField('tier', 'Tier', '客户等级', ['等级', '级别', '客户级别', 'level', 'grade', 'rating']),
  importField('source', 'Source', '客户来源', ['来源', 'lead source', '渠道']),
  importField('country', 'Country', '国家', ['国家/地区', 'country/region', 'nation']),
  importField('province', 'Province', '省份', ['省', '省份/直辖市', 'state', 'province/state', '所在省份']),
  importField('city', 'City', '城市', ['市', '所在城市', 'town']),
  importField('district', 'District', '区县', ['区', '县', '区/县', 'county']),
  importField('address', 'Address', '地址', ['详细地址', '街道地址', 'street', 'street address', '通讯地址', '办公地址']),
  importField('phones', 'Phones', '电话', [
    '手机',
    '手机号',
    '手机号码',
    '联系电话',
    '电话号码',
    '座机',
    '固话',
    'phone',
    'mobile',
    'tel',
    'telephone',
    'cell',
    'phone number',
  ]),
  importField('emails', 'E-mails', '邮箱', ['电子邮箱', '电子邮件', '邮件', 'email', 'e-mail', 'mail', 'email address']),
  importField('tags', 'Tags', '标签', ['tag', 'labels']),
  importField('notes', 'Notes', '备注', ['说明', '描述', 'remark', 'remarks', 'comment', 'comments', 'description']),
];

const TIER_WORDS: Record<string, (typeof TIERS)[number]> = {
  key: 'key',
  大客户: 'key',
  重点客户: 'key',
  vip: 'key',
  a: 'A',
  b: 'B',
  c: 'C',
  a类: 'A',
  b类: 'B',
  c类: 'C',
};

/** An enumerated value given as its key, English or Chinese label; unknown text passes through for the schema to reject. */
export function enumValue(text: string | undefined, words: Record<string, string>): string | undefined {
  if (text === undefined) return undefined;
  return words[foldHeader(text)] ?? text.trim();
}

/** The shared part of a create input from a row's text values. */
export function partyInput(v: Record<string, string>) {
  return {
    ...(v.tier !== undefined && { tier: enumValue(v.tier, TIER_WORDS) }),
    ...(v.source !== undefined && { source: v.source }),
    ...(v.address !== undefined && { address: v.address }),
    ...(v.notes !== undefined && { notes: v.notes }),
    ...(v.tags !== undefined && { tags: splitList(v.tags) }),
    ...(v.phones !== undefined && { phones: splitList(v.phones).map((number) => ({ number })) }),
    ...(v.emails !== undefined && { emails: splitList(v.emails).map((address) => ({ address })) }),
  };
}

const REGION_KEYS = ['country', 'province', 'city', 'district'] as const;

/** Province, city and district by name ("广东省", "深圳") or code; a part that names nothing is the row's problem. */
export function regionOf(v: Record<string, string>): { value?: RegionValue; problem?: { field: string; reason: string } } {
  if (!REGION_KEYS.some((k) => v[k] !== undefined)) return {};
  const typed = { country: v.country ?? null, province: v.province ?? null, city: v.city ?? null, district: v.district ?? null };
  const { value, rest } = parseRegionText(typed);
  if (rest.length > 0) {
    const field = REGION_KEYS.find((k) => typed[k] !== null && rest.includes(typed[k]?.trim() ?? '')) ?? 'province';
    return { problem: { field, reason: `Not a known ${field}: ${rest[0]}` } };
  }
  return { value };
}

/** Live custom fields as import fields (their labels are the header synonyms). */
export async function customImportFields(db: Db, entity: string): Promise<ImportFieldDef[]> {
  const rows = await customFieldsRepository.liveFields(db, [entity]);
  return rows.map((r) => ({
    key: `custom.${r.key}`,
    label: { en: r.labelEn, 'zh-CN': r.labelZh },
    required: r.required === 1,
    custom: true,
    synonyms: [r.key],
  }));
}

const YES = new Set(['是', '有', '对', 'y', 'yes', 'true', '1', '√', '✓']);
const NO = new Set(['否', '无', '不是', 'n', 'no', 'false', '0', '×', '✗']);
const DAY_PARTS = /^(\d{4})\D{1,2}(\d{1,2})\D{1,2}(\d{1,2})\D?$/;

/** A custom value typed from its cell text; what cannot be read stays text, so the field's own check names the problem. */
function typedCustom(field: CustomFieldRow, text: string): unknown {
  const options = () => JSON.parse(field.options) as SelectOption[];
  const option = (t: string) => {
    const folded = foldHeader(t);
    return options().find((o) => [o.value, o.label.en, o.label['zh-CN']].some((x) => foldHeader(x) === folded))?.value ?? t;
  };
  switch (field.type as CustomFieldType) {
    case 'number':
    case 'money': {
      const n = Number(text.replace(/[,，\s¥￥$元]/g, ''));
      return text.trim() !== '' && Number.isFinite(n) ? n : text;
    }
    case 'boolean': {
      const t = text.trim().toLowerCase();
      return YES.has(t) ? true : NO.has(t) ? false : text;
    }
    case 'date': {
      const m = DAY_PARTS.exec(text.trim());
      return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : text;
    }
    case 'select':
      return option(text);
    case 'multiSelect':
      return splitList(text).map(option);
    default:
      return text;
  }
}

/** Custom values of a row, typed; undefined when no custom column is mapped. */
export function customInput(v: Record<string, string>, fields: CustomFieldRow[]): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const text = v[`custom.${field.key}`];
    if (text !== undefined) out[field.key] = typedCustom(field, text);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** zod issues as row problems on the field they concern ("phones.0.number" → phones). */
export function zodProblems(row: number, error: z.ZodError): RowProblem[] {
  const fieldOf = (path: PropertyKey[]) => (path[0] === 'custom' && path.length > 1 ? `custom.${String(path[1])}` : path.length > 0 ? String(path[0]) : null);
  return error.issues.map((i) => ({ row, field: fieldOf(i.path), reason: i.message }));
}

/** Per-field messages as row problems ("custom.revenue" stays itself; "phones.1.number" → phones). */
export function fieldProblems(row: number, fields: Record<string, string>): RowProblem[] {
  return Object.entries(fields).map(([k, reason]) => ({ row, field: k.startsWith('custom.') ? k : k.split('.')[0], reason }));
}

/**
 * Custom values checked by the custom-fields rules. Only called when a custom column is mapped or a
 * field is required: on a million rows, skipping it otherwise saves a million lookups.
 */
export async function checkCustom(ctx: Ctx, entity: string, fields: CustomFieldRow[], custom: Record<string, unknown> | undefined) {
  if (custom === undefined && !fields.some((x) => x.required === 1)) return { errors: {}, values: {} };
  return customFieldsService.prepareValues(ctx.db, entity, custom as never, null);
}

export { phoneErrors };

/** A prepared row with the keys that identify its record ("uscc:…", "name:…", "phone:+86…", "email:…"), strongest first. */
export interface Keyed {
  row: number;
  keys: string[];
}

export interface BatchPlan<P extends Keyed> {
  creates: P[];
  updates: { id: string; row: P }[];
  skipped: number;
  /** Rows merged into a record created earlier in the same batch (update mode): they count as updates. */
  merged: number;
}

/**
 * Sorts a batch into creates, updates and skips. `existing` maps keys to live records found in the
 * database (earlier batches of the same file included, since they are committed). Rows repeating a
 * record of this batch: skipped, merged into it (update, the later cells win), or created (create).
 */
export function planBatch<P extends Keyed>(
  rows: P[],
  existing: Map<string, string>,
  mode: 'skip' | 'update' | 'create',
  merge: (into: P, from: P) => void,
): BatchPlan<P> {
  const plan: BatchPlan<P> = { creates: [], updates: [], skipped: 0, merged: 0 };
  const pending = new Map<string, P>();
  for (const row of rows) {
    if (mode === 'create') {
      plan.creates.push(row);
      continue;
    }
    const id = row.keys.map((k) => existing.get(k)).find(Boolean);
    const earlier = id ? undefined : row.keys.map((k) => pending.get(k)).find(Boolean);
    if (mode === 'skip' && (id || earlier)) plan.skipped++;
    else if (id) plan.updates.push({ id, row });
    else if (earlier) {
      merge(earlier, row);
      for (const k of row.keys) if (!pending.has(k)) pending.set(k, earlier);
      plan.merged++;
    } else {
      plan.creates.push(row);
      for (const k of row.keys) pending.set(k, row);
    }
  }
  return plan;
}

/** Batches of rows small enough for one INSERT on both dialects (bound-parameter limits). */
export function* slices<T>(items: T[], size = 200): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** A stored JSON list with the row's items added (by `keyOf`); undefined when the row gave none. */
function unionJson<T>(current: string, added: T[] | undefined, keyOf: (x: T) => string): T[] | undefined {
  if (added === undefined) return undefined;
  const have = parseList<T>(current);
  const seen = new Set(have.map(keyOf));
  return [...have, ...added.filter((x) => !seen.has(keyOf(x)))];
}

/**
 * The shared columns an update from a row changes: given cells only; tags, phones and e-mails are
 * added to, not replaced, so an import never loses what people entered by hand.
 */
export function partyUpdateChanges(
  current: { tags: string; phones: string; emails: string },
  input: Partial<PartyInput>,
  given: Set<string>,
  nameKey: (name: string) => string,
) {
  const only = <K extends keyof PartyInput>(k: K) => (given.has(k) ? input[k] : undefined);
  return partyChanges(
    {
      name: only('name'),
      tier: only('tier'),
      source: only('source'),
      address: only('address'),
      notes: only('notes'),
      tags: unionJson<string>(current.tags, only('tags'), (t) => t),
      phones: unionJson(current.phones, only('phones'), (x) => x.number.replace(/\D/g, '')),
      emails: unionJson(current.emails, only('emails'), (x) => x.address),
    },
    nameKey,
  );
}
