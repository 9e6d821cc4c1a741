import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../shared/schemas/customers';
import { http, type Page } from '../../lib/api';

type Option = { value: string; label: string };

interface Props extends Omit<SelectProps<string[], Option>, 'options' | 'showSearch' | 'mode'> {
  /** Offers the people of this organization (all visible contacts without one). */
  organizationId?: string | null;
  /** Names of contacts already chosen, which a search may not return. */
  known?: Option[];
}

/** Picks several contacts, searched on the server as the user types. */
export function ContactPicker({ organizationId, known = [], onChange, ...props }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  // Chosen contacts keep their labels when a later search no longer returns them.
  const [picked, setPicked] = useState<Option[]>([]);
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);

  const found = useQuery({
    queryKey: ['contacts', 'pick', organizationId ?? '', q],
    queryFn: () => http.get<Page<Contact>>('/contacts', { q, organizationId, limit: 20, sort: 'name' }),
  });
  const options = useMemo(() => {
    const all = new Map<string, Option>();
    for (const o of [...known, ...picked]) all.set(o.value, o);
    for (const c of found.data?.items ?? []) all.set(c.id, { value: c.id, label: c.name });
    return [...all.values()];
  }, [known, picked, found.data]);

  return (
    <Select<string[], Option>
      mode="multiple"
      allowClear
      showSearch={{ filterOption: false, onSearch: setTyped }}
      loading={found.isFetching}
      notFoundContent={t('common.noData')}
      placeholder={t('activities.contactsPlaceholder')}
      options={options}
      onChange={(value, option) => {
        setPicked(Array.isArray(option) ? option : []);
        onChange?.(value, option);
      }}
      {...props}
    />
  );
}
