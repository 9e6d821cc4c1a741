import type { BilingualLabel, CustomField } from '../../../shared/schemas/custom-fields.js';
import type { Contact, Organization } from '../../../shared/schemas/customers.js';
import type { ExportLanguage } from '../../../shared/schemas/exports.js';
import { CUSTOM_PREFIX, viewFieldsOf } from '../../../shared/schemas/view-fields.js';
import type { ViewEntity } from '../../../shared/schemas/views.js';
import { badRequest } from '../../platform/errors.js';
import type { Cell } from './formula.js';
import { BOOLEAN_LABELS, ENUM_LABELS, HEADER_LABELS, POOL_LABEL } from './labels.js';

export type ExportRecord = Organization | Contact;

/** Names the cells of one batch refer to, looked up once per batch. */
export interface Lookups {
  users: Map<string, string>;
  teams: Map<string, string>;
}

export interface ExportColumn {
  key: string;
  header: string;
  value: (record: ExportRecord, names: Lookups) => Cell;
  /** User ids this column shows for a record (owner, custom "user" fields), for the batch lookup. */
  userIds?: (record: ExportRecord) => (string | null | undefined)[];
}

export interface ColumnContext {
  entity: ViewEntity;
  lang: ExportLanguage;
  /** Formats an ISO timestamp in the caller's time zone. */
  time: (iso: string) => string;
}

const blank = (v: string | null | undefined): Cell => (v === null || v === undefined || v === '' ? null : v);
const field = (r: ExportRecord, key: string) => (r as unknown as Record<string, unknown>)[key];
const labelIn = (label: BilingualLabel, lang: ExportLanguage) => label[lang] || label[lang === 'en' ? 'zh-CN' : 'en'];

function enumCell(key: string, lang: ExportLanguage) {
  return (r: ExportRecord): Cell => {
    const v = field(r, key) as string | null;
    return v === null ? null : (ENUM_LABELS[key]?.[v]?.[lang] ?? v);
  };
}

function regionCell(part: 'country' | 'province' | 'city' | 'district', lang: ExportLanguage) {
  return (r: ExportRecord): Cell => {
    const name = r.regionNames[part];
    // Exports show names; a code the region data does not know is still better than nothing.
    return name ? (lang === 'zh-CN' ? name.zh : name.en) : blank(r[part]);
  };
}

function builtinValue(key: string, ctx: ColumnContext): Pick<ExportColumn, 'value' | 'userIds'> {
  const { lang } = ctx;
  switch (key) {
    case 'partyType':
    case 'lifecycleStatus':
    case 'tier':
      return { value: enumCell(key, lang) };
    case 'ownerId':
      return { value: (r, n) => (r.ownerId ? (n.users.get(r.ownerId) ?? null) : POOL_LABEL[lang]), userIds: (r) => [r.ownerId] };
    case 'teamId':
      return { value: (r, n) => (r.teamId ? (n.teams.get(r.teamId) ?? null) : null) };
    case 'country':
    case 'province':
    case 'city':
    case 'district':
      return { value: regionCell(key, lang) };
    case 'tags':
      return { value: (r) => blank(r.tags.join(', ')) };
    case 'phones':
      return { value: (r) => blank(r.phones.map((p) => p.number).join(', ')) };
    case 'emails':
      return { value: (r) => blank(r.emails.map((e) => e.address).join(', ')) };
    case 'reach':
      return { value: (r) => blank([r.phones[0]?.number, r.emails[0]?.address].filter(Boolean).join(' / ')) };
    case 'organizations':
      return {
        value: (r) =>
          'organizations' in r ? blank(r.organizations.map((m) => (m.title ? `${m.organizationName} (${m.title})` : m.organizationName)).join('; ')) : null,
      };
    case 'lastActivityAt':
    case 'createdAt':
    case 'updatedAt':
      return {
        value: (r) => {
          const v = field(r, key) as string | null;
          return v ? ctx.time(v) : null;
        },
      };
    default:
      return { value: (r) => blank(field(r, key) as string | null) };
  }
}

function customValue(cf: CustomField, lang: ExportLanguage): Pick<ExportColumn, 'value' | 'userIds'> {
  const raw = (r: ExportRecord) => (r.custom as Record<string, unknown>)[cf.key];
  const option = (v: string) => {
    const o = cf.options.find((x) => x.value === v);
    return o ? labelIn(o.label, lang) : v;
  };
  switch (cf.type) {
    case 'number':
    case 'money':
      return {
        value: (r) => {
          const v = raw(r);
          return typeof v === 'number' ? v : null;
        },
      };
    case 'boolean':
      return {
        value: (r) => {
          const v = raw(r);
          return typeof v === 'boolean' ? BOOLEAN_LABELS[v ? 'true' : 'false'][lang] : null;
        },
      };
    case 'select':
      return {
        value: (r) => {
          const v = raw(r);
          return typeof v === 'string' ? option(v) : null;
        },
      };
    case 'multiSelect':
      return {
        value: (r) => {
          const v = raw(r);
          return Array.isArray(v) && v.length > 0 ? v.map((x) => option(String(x))).join(', ') : null;
        },
      };
    case 'user':
      return {
        value: (r, n) => {
          const v = raw(r);
          return typeof v === 'string' ? (n.users.get(v) ?? null) : null;
        },
        userIds: (r) => {
          const v = raw(r);
          return [typeof v === 'string' ? v : null];
        },
      };
    default:
      return {
        value: (r) => {
          const v = raw(r);
          return v === null || v === undefined || v === '' ? null : String(v);
        },
      };
  }
}

/**
 * The columns of an export in the order asked for (`columns`, comma-separated keys as in a saved
 * view), or the list's default columns. 400 naming `columns` for a key the list does not have.
 */
export function resolveColumns(ctx: ColumnContext, columns: string | undefined, customFields: CustomField[]): ExportColumn[] {
  const fields = viewFieldsOf(ctx.entity, customFields).filter((f) => !f.filterOnly);
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const keys = columns
    ? columns
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean)
    : fields.filter((f) => f.defaultVisible).map((f) => f.key);
  const unknown = keys.filter((k) => !byKey.has(k));
  const repeated = keys.filter((k, i) => keys.indexOf(k) !== i);
  if (keys.length === 0 || keys.length > 60 || unknown.length > 0 || repeated.length > 0) {
    const why =
      unknown.length > 0
        ? `Unknown field(s): ${unknown.join(', ')}`
        : repeated.length > 0
          ? `Listed twice: ${repeated.join(', ')}`
          : 'Give one to sixty field keys';
    throw badRequest('validation_failed', 'Invalid columns', { columns: why });
  }
  const custom = new Map(customFields.map((c) => [`${CUSTOM_PREFIX}${c.key}`, c]));
  return keys.map((key) => {
    const cf = custom.get(key);
    if (cf) return { key, header: labelIn(cf.label, ctx.lang), ...customValue(cf, ctx.lang) };
    return { key, header: HEADER_LABELS[ctx.entity][key]?.[ctx.lang] ?? key, ...builtinValue(key, ctx) };
  });
}

/** "2026-11-29 22:33" in the given IANA zone; 400 naming `tz` for a zone the runtime does not know. */
export function timeFormatter(tz: string | undefined): (iso: string) => string {
  let format: Intl.DateTimeFormat;
  try {
    // sv-SE writes dates the ISO way (year-month-day, 24-hour clock), whatever the file's language.
    format = new Intl.DateTimeFormat('sv-SE', {
      timeZone: tz || 'UTC',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
  } catch {
    throw badRequest('validation_failed', 'Invalid time zone', { tz: 'Give an IANA time zone such as Asia/Shanghai' });
  }
  return (iso) => format.format(new Date(iso));
}
