import { useTranslation } from 'react-i18next';
import type { RegionName as Name, RegionNames } from '../../../shared/schemas/regions';
import { localName, useCountries, useRegionPaths } from './api';

/** One stored code as its name in the interface language. */
export function RegionName({ name }: { name: Name | null | undefined }) {
  const { i18n } = useTranslation();
  return <>{localName(name, i18n.language)}</>;
}

/** "广东省 深圳市 南山区" from whichever parts are set; the country is named when it is not China. */
export function regionText(r: { country: string | null; regionNames?: RegionNames }, language: string): string {
  const n = r.regionNames;
  if (!n) return '';
  return [r.country === 'CN' ? null : n.country, n.province, n.city, n.district]
    .map((x) => localName(x, language))
    .filter(Boolean)
    .join(' ');
}

/** The name of a bare code (a filter's value): a country, or a division looked up on the server. */
export function RegionCodeName({ code, country }: { code: string; country: boolean }) {
  const { i18n } = useTranslation();
  const countries = useCountries();
  const [path] = useRegionPaths(country ? [] : [code]);
  const name = country ? countries.data?.find((c) => c.code === code)?.name : path?.data?.name;
  return <>{name ? localName(name, i18n.language) : code}</>;
}
