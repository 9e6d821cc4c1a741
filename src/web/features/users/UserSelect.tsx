import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/schemas/users';
import { http, type Page } from '../../lib/api';
import { userKeys } from './api';

type Option = { value: string; label: string };

/** Searches users on the server as the user types (the list can be far too long to load whole). */
export function UserSelect({ onChange, ...props }: Omit<SelectProps<string, Option>, 'options' | 'showSearch'>) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  // Keeps the chosen user's label when a later search no longer returns them.
  const [picked, setPicked] = useState<Option | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);

  const users = useQuery({
    queryKey: [...userKeys.all, 'pick', q],
    queryFn: () => http.get<Page<User>>('/users', { q, limit: 20, sort: 'name' }),
  });
  const found: Option[] = (users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` }));
  const options = picked && !found.some((o) => o.value === picked.value) ? [picked, ...found] : found;

  return (
    <Select<string, Option>
      allowClear
      showSearch={{ filterOption: false, onSearch: setTyped }}
      loading={users.isFetching}
      notFoundContent={t('common.noData')}
      options={options}
      onChange={(value, option) => {
        setPicked(option && !Array.isArray(option) ? option : null);
        onChange?.(value, option);
      }}
      {...props}
    />
  );
}
