import type { TFunction } from 'i18next';
import type { CustomField } from '../../../shared/schemas/custom-fields';
import { fieldLabel } from './fieldLabel';

/**
 * One custom value as plain text, formatted as CustomValue shows it (option labels, grouped numbers,
 * money with two decimals, yes/no); for places that print text, such as histories. A user field
 * answers undefined when `userName` does not know the id, so the caller can try other names.
 */
export function customValueText(
  field: Pick<CustomField, 'type' | 'options'>,
  value: unknown,
  t: TFunction,
  language: string,
  userName: (id: string) => string | undefined,
): string | undefined {
  const optionLabel = (v: unknown) => {
    const option = field.options.find((o) => o.value === v);
    return option ? fieldLabel(option.label, language) : String(v);
  };
  switch (field.type) {
    case 'boolean':
      return typeof value === 'boolean' ? (value ? t('common.yes') : t('common.no')) : undefined;
    case 'number':
      return typeof value === 'number' ? new Intl.NumberFormat(language).format(value) : undefined;
    case 'money':
      return typeof value === 'number' ? new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value) : undefined;
    case 'select':
      return optionLabel(value);
    case 'multiSelect':
      return Array.isArray(value) ? value.map(optionLabel).join(', ') : undefined;
    case 'user':
      return typeof value === 'string' ? userName(value) : undefined;
    default:
      return undefined;
  }
}
