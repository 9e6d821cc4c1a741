import { type QueryKey, useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { http, type Page } from '../lib/api';

type Option = { value: string; label: string };

export interface RecordSelectSource {
  /** List endpoint searched with `q`, e.g. "/organizations". */
  path: string;
  /** Query key prefix of the record type, so its mutations refresh the choices. */
  keyPrefix: QueryKey;
  detailKey(id: string): QueryKey;
  fetchOne(id: string): Promise<{ id: string; name: string }>;
}

export type RecordSelectProps = Omit<SelectProps<string, Option>, 'options' | 'showSearch'>;

/** Picks one record, searched on the server as the user types; a value set by the form shows its name. */
export function RecordSelect({ source, onChange, ...props }: RecordSelectProps & { source: RecordSelectSource }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  // Keeps the chosen record's label when a later search no longer returns it.
  const [picked, setPicked] = useState<Option | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);

  const found = useQuery({
    queryKey: [...source.keyPrefix, 'pick', q],
    queryFn: () => http.get<Page<{ id: string; name: string }>>(source.path, { q, limit: 20, sort: 'name' }),
  });
  const options: Option[] = (found.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }));
  if (picked && !options.some((o) => o.value === picked.value)) options.unshift(picked);

  // The record being edited or pre-linked may not be among the results: its detail (often cached already) gives the name.
  const value = typeof props.value === 'string' ? props.value : null;
  const missing = value !== null && !options.some((o) => o.value === value);
  const current = useQuery({ queryKey: source.detailKey(value ?? ''), queryFn: () => source.fetchOne(value ?? ''), enabled: missing });
  if (missing && current.data) options.unshift({ value: current.data.id, label: current.data.name });

  return (
    <Select<string, Option>
      allowClear
      showSearch={{ filterOption: false, onSearch: setTyped }}
      loading={found.isFetching}
      notFoundContent={t('common.noData')}
      options={options}
      onChange={(next, option) => {
        setPicked(option && !Array.isArray(option) ? option : null);
        onChange?.(next, option);
      }}
      {...props}
    />
  );
}
