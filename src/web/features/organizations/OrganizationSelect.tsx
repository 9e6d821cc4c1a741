import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../shared/schemas/customers';
import { http, type Page } from '../../lib/api';
import { fetchOrganization, organizationKeys } from './api';

type Option = { value: string; label: string };

/** Searches organizations on the server as the user types; a value set by the form shows its name. */
export function OrganizationSelect({ onChange, ...props }: Omit<SelectProps<string, Option>, 'options' | 'showSearch'>) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  // Keeps the chosen organization's label when a later search no longer returns it.
  const [picked, setPicked] = useState<Option | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);

  const found = useQuery({
    queryKey: [...organizationKeys.all, 'pick', q],
    queryFn: () => http.get<Page<Organization>>('/organizations', { q, limit: 20, sort: 'name' }),
  });
  const options: Option[] = (found.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  if (picked && !options.some((o) => o.value === picked.value)) options.unshift(picked);

  // The organization being edited or pre-linked may not be among the results: its detail (often cached already) gives the name.
  const value = typeof props.value === 'string' ? props.value : null;
  const missing = value !== null && !options.some((o) => o.value === value);
  const current = useQuery({ queryKey: organizationKeys.detail(value ?? ''), queryFn: () => fetchOrganization(value ?? ''), enabled: missing });
  if (missing && current.data) options.unshift({ value: current.data.id, label: current.data.name });

  return (
    <Select<string, Option>
      allowClear
      showSearch={{ filterOption: false, onSearch: setTyped }}
      loading={found.isFetching}
      notFoundContent={t('common.noData')}
      placeholder={t('contacts.chooseOrganization')}
      options={options}
      onChange={(next, option) => {
        setPicked(option && !Array.isArray(option) ? option : null);
        onChange?.(next, option);
      }}
      {...props}
    />
  );
}
