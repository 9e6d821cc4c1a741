import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '../../../shared/schemas/custom-fields';
import { OwnerName } from '../customers/OwnerName';
import { fieldLabel } from './fieldLabel';

/** One custom value, read-only, as shown in list cells and on detail pages; "—" when empty. */
export function CustomValue({ field, value }: { field: CustomField; value: unknown }) {
  const { t, i18n } = useTranslation();
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return <Typography.Text type="secondary">—</Typography.Text>;
  }
  const optionLabel = (v: string) => {
    const option = field.options.find((o) => o.value === v);
    return option ? fieldLabel(option.label, i18n.language) : v;
  };
  switch (field.type) {
    case 'boolean':
      return <>{value ? t('common.yes') : t('common.no')}</>;
    case 'number':
      return <>{new Intl.NumberFormat(i18n.language).format(Number(value))}</>;
    case 'money':
      return <>{new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(value))}</>;
    case 'select':
      return <>{optionLabel(String(value))}</>;
    case 'multiSelect':
      return (
        <>
          {(value as string[]).map((v) => (
            <Tag key={v}>{optionLabel(v)}</Tag>
          ))}
        </>
      );
    case 'url':
      return (
        <Typography.Link href={String(value)} target="_blank" rel="noopener noreferrer">
          {String(value)}
        </Typography.Link>
      );
    case 'user':
      return <OwnerName id={String(value)} />;
    case 'longText':
      return <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{String(value)}</Typography.Paragraph>;
    default:
      return <>{String(value)}</>;
  }
}
