import type { Email, Phone, TIERS } from '../../../shared/schemas/customers.js';
import type { ContactRow, OrganizationRow } from '../../db/schema.js';
import { regionNames } from '../regions/region-fields.js';
import { toE164 } from './phones.js';

/**
 * What organizations and contacts have in common (name, owner, tier, address, tags, phones,
 * e-mails, notes): the columns written from API input and the API fields read back.
 */

type Tier = (typeof TIERS)[number];

export interface PartyInput {
  name: string;
  tier?: string | null;
  source?: string | null;
  country?: string | null;
  province?: string | null;
  city?: string | null;
  district?: string | null;
  address?: string | null;
  tags?: string[];
  phones?: Phone[];
  emails?: Email[];
  notes?: string | null;
}

const TEXT_FIELDS = ['tier', 'source', 'country', 'province', 'city', 'district', 'address', 'notes'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

export type PartyColumns = Pick<OrganizationRow, 'name' | 'nameKey' | 'tags' | 'phones' | 'emails' | TextField>;

/** An emptied form field is "no value", not an empty string that filters and exports must special-case. */
export const blankToNull = (v: string | null | undefined): string | null => (v === undefined || v === null || v.trim() === '' ? null : v);

/** The columns for the fields present in `input` (PATCH semantics: absent fields are left alone). */
export function partyChanges(input: Partial<PartyInput>, nameKey: (name: string) => string): Partial<PartyColumns> {
  const out: Partial<PartyColumns> = {};
  if (input.name !== undefined) Object.assign(out, { name: input.name, nameKey: nameKey(input.name) });
  for (const f of TEXT_FIELDS) if (input[f] !== undefined) out[f] = blankToNull(input[f]);
  if (input.tags !== undefined) out.tags = JSON.stringify([...new Set(input.tags)]);
  if (input.phones !== undefined) out.phones = JSON.stringify(input.phones.map(({ label, number }) => (label ? { label, number } : { number })));
  if (input.emails !== undefined) out.emails = JSON.stringify(input.emails.map(({ label, address }) => (label ? { label, address } : { address })));
  return out;
}

/** All common columns of a new record: given fields, the rest empty. */
export function newPartyColumns(input: PartyInput, nameKey: (name: string) => string): PartyColumns {
  const empty = Object.fromEntries(TEXT_FIELDS.map((f) => [f, null])) as Record<TextField, null>;
  return { ...empty, tags: '[]', phones: '[]', emails: '[]', ...partyChanges(input, nameKey) } as PartyColumns;
}

/** Per-field messages for phone numbers that are not valid numbers ("phones.1.number"). */
export function phoneErrors(phones: Phone[] | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  phones?.forEach((p, i) => {
    if (!toE164(p.number)) fields[`phones.${i}.number`] = 'Not a valid phone number';
  });
  return fields;
}

export interface ContactPoint {
  kind: 'phone' | 'email';
  value: string;
}

/** Normalised phones (E.164) and e-mails (lower case) of a record, without repeats. */
export function contactPointsOf(row: Pick<PartyColumns, 'phones' | 'emails'>): ContactPoint[] {
  const phones = parseList<Phone>(row.phones)
    .map((p) => toE164(p.number))
    .filter((v): v is string => !!v);
  const emails = parseList<Email>(row.emails).map((e) => e.address.toLowerCase());
  return [
    ...[...new Set(phones)].map((value) => ({ kind: 'phone' as const, value })),
    ...[...new Set(emails)].map((value) => ({ kind: 'email' as const, value })),
  ];
}

export const parseList = <T>(json: string): T[] => JSON.parse(json) as T[];

/** Custom-field values (none defined yet): jsonb arrives parsed from PostgreSQL, text from SQLite. */
export const parseCustom = (v: OrganizationRow['custom']): Record<string, unknown> => (typeof v === 'string' ? JSON.parse(v) : v);

/** The API fields both record types share. */
export function presentParty(row: OrganizationRow | ContactRow) {
  return {
    id: row.id,
    name: row.name,
    ownerId: row.ownerId,
    teamId: row.teamId,
    tier: row.tier as Tier | null,
    source: row.source,
    country: row.country,
    province: row.province,
    city: row.city,
    district: row.district,
    regionNames: regionNames(row),
    address: row.address,
    tags: parseList<string>(row.tags),
    phones: parseList<Phone>(row.phones),
    emails: parseList<Email>(row.emails),
    notes: row.notes,
    lastActivityAt: row.lastActivityAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}
