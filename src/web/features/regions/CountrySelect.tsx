import { Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localName, useCountries } from './api';

interface Common {
  id?: string;
  status?: 'error';
  style?: React.CSSProperties;
  'aria-label'?: string;
}
type Props =
  | (Common & { multiple?: false; value?: string | null; onChange?: (code: string | null) => void })
  | (Common & { multiple: true; value: string[]; onChange: (codes: string[]) => void });

/** ISO 3166 countries by name in the interface language (China first), searchable by name or code. */
export function CountrySelect(props: Props) {
  const { id, status, style } = props;
  const { t, i18n } = useTranslation();
  const countries = useCountries();
  const options = useMemo(
    () => (countries.data ?? []).map((c) => ({ value: c.code, label: localName(c.name, i18n.language), search: `${c.code} ${c.name.zh} ${c.name.en}` })),
    [countries.data, i18n.language],
  );
  const common = {
    id,
    status,
    style,
    'aria-label': props['aria-label'],
    options,
    loading: countries.isLoading,
    allowClear: true,
    showSearch: { optionFilterProp: 'search' },
    placeholder: t('regions.countryPlaceholder'),
  };
  if (props.multiple) {
    const { onChange } = props;
    return <Select<string[]> {...common} mode="multiple" value={props.value} onChange={(v) => onChange(v ?? [])} />;
  }
  const { onChange } = props;
  return <Select<string | undefined> {...common} value={props.value ?? undefined} onChange={(v) => onChange?.(v ?? null)} />;
}
