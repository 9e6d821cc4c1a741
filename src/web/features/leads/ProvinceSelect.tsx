import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { childrenQuery, localName } from '../regions/api';

/** A province (GB/T 2260 code) filter or field. */
export function ProvinceSelect({ value, onChange, width = 140 }: { value?: string | null; onChange?: (v: string | undefined) => void; width?: number }) {
  const { t, i18n } = useTranslation();
  const provinces = useQuery(childrenQuery(null));
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('leads.province')}
      loading={provinces.isPending}
      options={(provinces.data ?? []).map((r) => ({ value: r.code, label: localName(r.name, i18n.language) }))}
      value={value ?? undefined}
      onChange={onChange}
      style={{ width }}
    />
  );
}
