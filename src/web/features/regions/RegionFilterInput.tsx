import { useRegionPaths } from './api';
import { CountrySelect } from './CountrySelect';
import { RegionCascader } from './RegionCascader';

const DEPTH = { province: 1, city: 2, district: 3 } as const;
type Level = keyof typeof DEPTH;
const isLevel = (key: string): key is Level => key in DEPTH;

interface Props {
  /** country, province, city or district */
  field: string;
  many: boolean;
  value: unknown;
  onChange: (value: string | string[] | null) => void;
  'aria-label': string;
  status?: 'error';
  style?: React.CSSProperties;
}

/**
 * The value of a filter on a region field: codes picked by name, a country from the list or a
 * division through the cascader down to the field's level (a city filter takes a city).
 */
export function RegionFilterInput({ field, many, value, onChange, ...common }: Props) {
  const codes = (Array.isArray(value) ? value : value ? [value] : []).map(String);
  const paths = useRegionPaths(isLevel(field) ? codes : []);
  if (!isLevel(field)) {
    if (many) return <CountrySelect {...common} multiple value={codes} onChange={onChange} />;
    return <CountrySelect {...common} value={codes[0] ?? null} onChange={onChange} />;
  }
  const depth = DEPTH[field];
  const pathOf = (i: number) => paths[i]?.data?.path.map((p) => p.code) ?? [];
  const complete = (p: string[]) => (p.length === depth ? p[depth - 1] : null);
  if (many) {
    return (
      <RegionCascader
        {...common}
        multiple
        depth={depth}
        anyLevel={false}
        value={codes.map((_, i) => pathOf(i)).filter((p) => p.length > 0)}
        onChange={(ps) => onChange(ps.map(complete).filter((c): c is string => !!c))}
      />
    );
  }
  return <RegionCascader {...common} depth={depth} anyLevel={false} value={pathOf(0)} onChange={(p) => onChange(complete(p))} />;
}
