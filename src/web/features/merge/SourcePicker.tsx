import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact, Organization } from '../../../shared/schemas/customers';
import { http, type Page } from '../../lib/api';
import { type DuplicateQuery, type DuplicateType, useDuplicates } from '../duplicates/api';
import { DuplicateReasons } from '../duplicates/DuplicateReasons';
import type { PartyRecord } from './api';

/** What the duplicate check is asked about the kept record: its own name, code, numbers and addresses. */
function duplicateQueryOf(type: DuplicateType, r: PartyRecord): DuplicateQuery {
  return {
    name: r.name,
    uscc: type === 'organizations' ? ((r as Organization).uscc ?? undefined) : undefined,
    phones: r.phones.map((p) => p.number),
    emails: r.emails.map((e) => e.address),
    organizationId: type === 'contacts' ? (r as Contact).organizations[0]?.organizationId : undefined,
    excludeId: r.id,
  };
}

interface Props {
  type: DuplicateType;
  target: PartyRecord;
  value: string | null;
  /** The chosen record's name, for when it is no longer among the options. */
  valueName?: string;
  onChange(id: string | null): void;
}

/** Picks the record to merge away: likely duplicates first, then whatever the user searches for by name. */
export function SourcePicker({ type, target, value, valueName, onChange }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);

  const suggested = useDuplicates(type, duplicateQueryOf(type, target));
  const found = useQuery({
    queryKey: [type, 'merge-pick', q],
    queryFn: () => http.get<Page<PartyRecord>>(`/${type}`, { q, limit: 20, sort: 'name' }),
    enabled: q.length > 0,
  });
  const suggestions = suggested.data?.items ?? [];
  const taken = new Set([target.id, ...suggestions.map((s) => s.id)]);
  const results = (found.data?.items ?? []).filter((r) => !taken.has(r.id));
  const options = [
    ...(suggestions.length > 0
      ? [
          {
            label: t('merge.suggestions'),
            title: t('merge.suggestions'),
            options: suggestions.map((s) => ({
              value: s.id,
              text: s.name,
              label: (
                <span>
                  {s.name} <DuplicateReasons reasons={s.reasons} />
                </span>
              ),
            })),
          },
        ]
      : []),
    ...(results.length > 0
      ? [{ label: t('merge.searchResults'), title: t('merge.searchResults'), options: results.map((r) => ({ value: r.id, text: r.name, label: r.name })) }]
      : []),
  ];
  const listed = options.some((g) => g.options.some((o) => o.value === value));
  if (value && !listed && valueName)
    options.unshift({ label: t('merge.source'), title: t('merge.source'), options: [{ value, text: valueName, label: valueName }] });

  return (
    <Select<string>
      style={{ width: '100%', maxWidth: 560 }}
      allowClear
      showSearch={{ filterOption: false, onSearch: setTyped }}
      value={value ?? undefined}
      onChange={(id) => onChange(id ?? null)}
      options={options}
      optionLabelProp="text"
      loading={suggested.isFetching || found.isFetching}
      placeholder={suggested.isFetching ? t('merge.checking') : t('merge.chooseSource')}
      notFoundContent={t('merge.noCandidates')}
      aria-label={t('merge.source')}
    />
  );
}
