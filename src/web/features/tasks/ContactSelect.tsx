import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../shared/schemas/customers';
import { http, type Page } from '../../lib/api';
import { contactKeys, fetchContact } from '../contacts/api';

type Option = { value: string; label: string };

/** Picks one contact, searched on the server as the user types; a value set by the form shows its name. */
export function ContactSelect({ onChange, ...props }: Omit<SelectProps<string, Option>, 'options' | 'showSearch'>) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<Option | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);

  const found = useQuery({
    queryKey: [...contactKeys.all, 'pick', '', q],
    queryFn: () => http.get<Page<Contact>>('/contacts', { q, limit: 20, sort: 'name' }),
  });
  const options: Option[] = (found.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  if (picked && !options.some((o) => o.value === picked.value)) options.unshift(picked);

  const value = typeof props.value === 'string' ? props.value : null;
  const missing = value !== null && !options.some((o) => o.value === value);
  const current = useQuery({ queryKey: contactKeys.detail(value ?? ''), queryFn: () => fetchContact(value ?? ''), enabled: missing });
  if (missing && current.data) options.unshift({ value: current.data.id, label: current.data.name });

  return (
    <Select<string, Option>
      allowClear
      showSearch={{ filterOption: false, onSearch: setTyped }}
      loading={found.isFetching}
      notFoundContent={t('common.noData')}
      placeholder={t('tasks.chooseContact')}
      options={options}
      onChange={(next, option) => {
        setPicked(option && !Array.isArray(option) ? option : null);
        onChange?.(next, option);
      }}
      {...props}
    />
  );
}
