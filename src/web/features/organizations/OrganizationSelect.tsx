import { useTranslation } from 'react-i18next';
import { RecordSelect, type RecordSelectProps, type RecordSelectSource } from '../../components/RecordSelect';
import { fetchOrganization, organizationKeys } from './api';

const SOURCE: RecordSelectSource = {
  path: '/organizations',
  keyPrefix: organizationKeys.all,
  detailKey: organizationKeys.detail,
  fetchOne: fetchOrganization,
};

/** Searches organizations on the server as the user types. */
export function OrganizationSelect(props: RecordSelectProps) {
  const { t } = useTranslation();
  return <RecordSelect source={SOURCE} placeholder={t('contacts.chooseOrganization')} {...props} />;
}
