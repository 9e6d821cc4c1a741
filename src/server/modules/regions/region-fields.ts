import type { RegionNames } from '../../../shared/schemas/regions.js';
import { CHINA, regionData } from './regions.data.js';

/**
 * The address columns of organizations and contacts: country as ISO 3166-1 alpha-2, and for China
 * province, city and district as GB/T 2260 codes. Other countries have no divisions in our data;
 * their province and city go into the street address, so every stored division is one a filter or
 * report can name.
 */
export interface RegionValue {
  country: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
}

const REGION_KEYS = ['country', 'province', 'city', 'district'] as const;

/** Whether the input touches the address parts (PATCH: absent fields are left alone). */
export const touchesRegion = (input: Partial<Record<(typeof REGION_KEYS)[number], string | null | undefined>>) =>
  REGION_KEYS.some((k) => input[k] !== undefined);

const blank = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v.trim());

/**
 * The region a write leaves on the record (input over current values), with the country made CN
 * when only divisions were given, and per-field messages for what does not fit together.
 */
export function checkRegion(
  input: Partial<Record<(typeof REGION_KEYS)[number], string | null | undefined>>,
  current?: RegionValue,
): { value: RegionValue; errors: Record<string, string> } {
  const pick = (k: (typeof REGION_KEYS)[number]) => (input[k] !== undefined ? blank(input[k]) : (current?.[k] ?? null));
  const value: RegionValue = { country: pick('country')?.toUpperCase() ?? null, province: pick('province'), city: pick('city'), district: pick('district') };
  const errors: Record<string, string> = {};
  const hasDivision = !!(value.province || value.city || value.district);
  if (value.country === null && hasDivision) value.country = CHINA;
  if (value.country !== null && !regionData.country(value.country)) errors.country = 'Not an ISO 3166-1 alpha-2 country code';
  else if (value.country !== CHINA && hasDivision) {
    const field = value.province ? 'province' : value.city ? 'city' : 'district';
    errors[field] = 'Provinces, cities and districts are known only for China (CN); put them in the address';
  } else {
    const levels = [
      ['province', null],
      ['city', 'province'],
      ['district', 'city'],
    ] as const;
    for (const [field, parentField] of levels) {
      const code = value[field];
      if (!code) continue;
      const division = regionData.division(code);
      const parent = parentField ? value[parentField] : null;
      if (!division || division.level !== field) errors[field] = `Not a ${field} code (GB/T 2260)`;
      else if (parentField && !parent) errors[field] = `Choose the ${parentField} first`;
      else if (parentField && division.parent !== parent && !errors[parentField]) errors[field] = `Not in the chosen ${parentField}`;
      if (errors[field]) break;
    }
  }
  return { value, errors };
}

const nameOf = (code: string | null, find: (code: string) => { name: { zh: string; en: string } } | undefined) =>
  code ? (find(code)?.name ?? { zh: code, en: code }) : null;

/** Display names of stored codes; a code the data no longer knows shows as itself. */
export function regionNames(r: RegionValue): RegionNames {
  return {
    country: nameOf(r.country, regionData.country),
    province: nameOf(r.province, regionData.division),
    city: nameOf(r.city, regionData.division),
    district: nameOf(r.district, regionData.division),
  };
}
