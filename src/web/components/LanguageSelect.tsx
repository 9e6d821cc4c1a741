import { GlobalOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, languageName } from '../i18n';

/** Used where nobody is signed in yet; signed-in users switch in the user menu so the choice is saved. */
export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  return (
    <Select
      aria-label={t('nav.language')}
      value={i18n.language}
      onChange={(lng) => void i18n.changeLanguage(lng)}
      prefix={<GlobalOutlined />}
      variant="borderless"
      popupMatchSelectWidth={false}
      options={LANGUAGES.map((lng) => ({ value: lng, label: languageName(t, lng) }))}
    />
  );
}
