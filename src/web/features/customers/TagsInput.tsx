import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';

/** Free tags: type and press Enter (or a comma) to add one; works inside Form.Item. */
export function TagsInput(props: Omit<SelectProps<string[]>, 'mode' | 'options'>) {
  const { t } = useTranslation();
  return (
    <Select<string[]>
      mode="tags"
      tokenSeparators={[',', '，', ';', '；']}
      placeholder={t('customers.tagsPlaceholder')}
      notFoundContent={null}
      suffixIcon={null}
      maxCount={50}
      {...props}
    />
  );
}
