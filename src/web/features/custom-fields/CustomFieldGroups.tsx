import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomFieldEntity, CustomValues } from '../../../shared/schemas/custom-fields';
import { useCustomFieldCatalog } from './api';
import { CustomValue } from './CustomValue';
import { fieldLabel } from './fieldLabel';
import { fieldSections, isWide } from './fieldSections';

/** A record's custom values, read-only, one titled block per group (empty values show "—"). */
export function CustomFieldGroups({ entity, values }: { entity: CustomFieldEntity; values: CustomValues | undefined }) {
  const { t, i18n } = useTranslation();
  const catalog = useCustomFieldCatalog(entity);
  return (
    <>
      {fieldSections(catalog.data, i18n.language, t('customFields.other')).map((section) => (
        <Descriptions
          key={section.key}
          title={section.title}
          column={{ xs: 1, md: 2 }}
          size="small"
          style={{ marginTop: 16 }}
          items={section.fields.map((f) => ({
            key: f.key,
            label: fieldLabel(f.label, i18n.language),
            ...(isWide(f) && { span: 'filled' as const }),
            children: <CustomValue field={f} value={values?.[f.key]} />,
          }))}
        />
      ))}
    </>
  );
}
