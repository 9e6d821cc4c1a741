import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/schemas/users';
import { http, type Page } from '../../lib/api';
import { useCurrentUser } from '../auth/api';
import { fetchUser, userKeys } from './api';

type Option = { value: string; label: string };

const userOption = (u: Pick<User, 'id' | 'name' | 'email'>): Option => ({ value: u.id, label: `${u.name} <${u.email}>` });

/** Searches users on the server as the user types (the list can be far too long to load whole). */
export function UserSelect({ onChange, ...props }: Omit<SelectProps<string, Option>, 'options' | 'showSearch'>) {
  const { t } = useTranslation();
  const me = useCurrentUser();
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
  const found: Option[] = (users.data?.items ?? []).map(userOption);
  const options = picked && !found.some((o) => o.value === picked.value) ? [picked, ...found] : found;

  // A value set by the form (an existing owner, "me" as default) may not be among the search results: look its name up once.
  const value = typeof props.value === 'string' ? props.value : null;
  const missing = value !== null && !options.some((o) => o.value === value);
  const current = useQuery({
    queryKey: userKeys.detail(value ?? ''),
    queryFn: () => fetchUser(value ?? ''),
    enabled: missing && value !== me.user.id,
  });
  if (missing) {
    const label = value === me.user.id ? userOption(me.user).label : current.data ? userOption(current.data).label : undefined;
    if (label) options.unshift({ value, label });
  }

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
