import { checkRegion, type RegionValue } from './region-fields.js';
import { CHINA, type Division, regionData } from './regions.data.js';

/**
 * Reads an address typed as free text ("广东省 / 深圳 / 南山区", "China") into codes, for the data
 * migration from free text and for imports. Whatever does not match is handed back as `rest`, to be
 * kept in the street address rather than lost.
 */

// Longest first, so "壮族自治区" goes before "自治区".
const SUFFIXES = ['维吾尔自治区', '壮族自治区', '回族自治区', '特别行政区', '自治区', '自治州', '地区', '省', '市', '盟', '区', '县'];

/** 广东省 → 广东, 新疆维吾尔自治区 → 新疆; names of two characters keep their suffix (东区 stays). */
function shortName(name: string): string {
  for (const s of SUFFIXES) if (name.endsWith(s) && name.length - s.length >= 2) return name.slice(0, -s.length);
  return name;
}

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

function findAmong(divisions: Division[], text: string): Division | undefined {
  const t = norm(text);
  return (
    divisions.find((d) => d.code === t) ??
    divisions.find((d) => norm(d.name.zh) === t) ??
    divisions.find((d) => norm(shortName(d.name.zh)) === norm(shortName(text)))
  );
}

const CHINA_NAMES = new Set(['cn', 'chn', 'china', 'prc', '中国', '中华人民共和国', "people'srepublicofchina"]);

function findCountry(text: string): string | undefined {
  const t = norm(text);
  if (CHINA_NAMES.has(t)) return CHINA;
  return regionData.alpha2(t.toUpperCase()) ?? regionData.countries().find((c) => norm(c.code) === t || norm(c.name.zh) === t || norm(c.name.en) === t)?.code;
}

export interface ParsedRegion {
  value: RegionValue;
  /** The parts that matched nothing, in order, for the street address. */
  rest: string[];
}

export function parseRegionText(input: RegionValue): ParsedRegion {
  const rest: string[] = [];
  const keep = (v: string | null) => {
    if (v?.trim()) rest.push(v.trim());
  };
  // Already valid codes stay as they are.
  const asIs = checkRegion(input);
  if (Object.keys(asIs.errors).length === 0) return { value: asIs.value, rest };

  let country: string | null = null;
  if (input.country?.trim()) {
    country = findCountry(input.country) ?? null;
    if (!country) keep(input.country);
  }
  const parts = [input.province, input.city, input.district];
  const hasParts = parts.some((p) => p?.trim());
  // A country we cannot read is not taken for China: its parts stay text.
  if (country !== CHINA && (input.country?.trim() || !hasParts)) {
    for (const p of parts) keep(p);
    return { value: { country, province: null, city: null, district: null }, rest };
  }

  const value: RegionValue = { country: CHINA, province: null, city: null, district: null };
  const province = input.province?.trim() ? findAmong(regionData.provinces(), input.province) : undefined;
  if (province) value.province = province.code;
  else keep(input.province);
  // A city is looked for in its province; without one, only a name that is unique in China counts.
  const cities = province ? (regionData.children(province.code) ?? []) : [...regionData.all()].filter((d) => d.level === 'city');
  let city = input.city?.trim() ? findAmong(cities, input.city) : undefined;
  if (city && !province && cities.filter((d) => shortName(d.name.zh) === shortName(city?.name.zh ?? '')).length > 1) city = undefined;
  // 北京市 / 朝阳区 names no city: a municipality has only one.
  if (!city && !input.city?.trim() && province && cities.length === 1) city = cities[0];
  // County-level cities under a province (石河子, 济源) are districts in GB/T 2260.
  let district: Division | undefined;
  if (!city && province && input.city?.trim()) {
    district = findAmong(
      cities.flatMap((c) => regionData.children(c.code) ?? []),
      input.city,
    );
    city = district ? regionData.division(district.parent ?? '') : undefined;
  }
  if (city) {
    value.city = city.code;
    value.province = city.parent;
  } else keep(input.city);
  if (!district && city && input.district?.trim()) district = findAmong(regionData.children(city.code) ?? [], input.district);
  if (district) value.district = district.code;
  else keep(input.district);
  return { value, rest };
}
