import { useQueryClient } from '@tanstack/react-query';
import { Cascader } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Region } from '../../../shared/schemas/regions';
import { childrenQuery, localName, regionKeys, useProvinces } from './api';

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

interface Common {
  /** How deep the picker goes: 1 province, 2 city, 3 district. */
  depth?: 1 | 2 | 3;
  /** Whether a path may stop above the last level (a form may know only the province; a city filter needs a city). */
  anyLevel?: boolean;
  disabled?: boolean;
  placeholder?: string;
  status?: 'error';
  style?: React.CSSProperties;
  'aria-label'?: string;
  id?: string;
}
type Props =
  | (Common & { multiple?: false; value: string[]; onChange: (path: string[]) => void })
  | (Common & { multiple: true; value: string[][]; onChange: (paths: string[][]) => void });

/**
 * Province → city → district, loading each level from the server when it is opened, so China's
 * divisions never travel in the web bundle. Any level may be the last one chosen.
 */
export function RegionCascader(props: Props) {
  const { depth = 3, anyLevel = true, disabled, placeholder, status, style, id } = props;
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const provinces = useProvinces();
  // Bumped when a level arrives in the query cache, to rebuild the option tree from it.
  const [loaded, setLoaded] = useState(0);

  const options = useMemo(() => {
    void loaded;
    const build = (items: Region[] | undefined, level: number): Option[] =>
      (items ?? []).map((r) => {
        const isLeaf = r.leaf || level >= depth;
        const kids = isLeaf ? undefined : qc.getQueryData<Region[]>(regionKeys.children(r.code));
        return { value: r.code, label: localName(r.name, i18n.language), isLeaf, ...(kids && { children: build(kids, level + 1) }) };
      });
    return build(provinces.data, 1);
  }, [provinces.data, depth, qc, i18n.language, loaded]);

  // A saved value shows its names: load the levels along its path.
  const paths: string[][] = props.multiple ? props.value : [props.value];
  const pathKey = JSON.stringify(paths);
  useEffect(() => {
    const parents = [...new Set((JSON.parse(pathKey) as string[][]).flatMap((p) => p.slice(0, depth - 1)))];
    const missing = parents.filter((code) => !qc.getQueryData(regionKeys.children(code)));
    if (missing.length === 0) return;
    void Promise.all(missing.map((code) => qc.fetchQuery(childrenQuery(code)))).then(() => setLoaded((n) => n + 1));
  }, [pathKey, depth, qc]);

  const loadData = (selected: Option[]) => {
    const last = selected[selected.length - 1];
    if (!last) return;
    void qc.fetchQuery(childrenQuery(last.value)).then(() => setLoaded((n) => n + 1));
  };

  const common = {
    id,
    'aria-label': props['aria-label'],
    options,
    loadData,
    changeOnSelect: anyLevel,
    disabled,
    status,
    style,
    loading: provinces.isLoading,
    placeholder: placeholder ?? t('regions.placeholder'),
    notFoundContent: provinces.isError ? t('regions.loadFailed') : undefined,
    showSearch: { filter: (input: string, path: Option[]) => path.some((o) => o.label.includes(input.trim())) },
    allowClear: true,
  };
  if (props.multiple) {
    const { onChange } = props;
    return (
      <Cascader<Option>
        {...common}
        multiple
        showCheckedStrategy={anyLevel ? Cascader.SHOW_PARENT : Cascader.SHOW_CHILD}
        value={props.value}
        onChange={(v) => onChange((v ?? []).map((p) => p.map(String)))}
      />
    );
  }
  const { onChange } = props;
  return <Cascader<Option> {...common} value={props.value} onChange={(v) => onChange((v ?? []).map(String))} />;
}
