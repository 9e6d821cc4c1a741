import { useTranslation } from 'react-i18next';
import { RecordSelect, type RecordSelectProps, type RecordSelectSource } from '../../components/RecordSelect';
import { contactKeys, fetchContact } from '../contacts/api';

const SOURCE: RecordSelectSource = { path: '/contacts', keyPrefix: contactKeys.all, detailKey: contactKeys.detail, fetchOne: fetchContact };

/** Picks one contact, searched on the server as the user types. */
export function ContactSelect(props: RecordSelectProps) {
  const { t } = useTranslation();
  return <RecordSelect source={SOURCE} placeholder={t('tasks.chooseContact')} {...props} />;
}
