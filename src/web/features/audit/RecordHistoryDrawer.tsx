import { Drawer } from 'antd';
import { useTranslation } from 'react-i18next';
import { RecordHistory } from './RecordHistory';

interface Props {
  type: string;
  /** The record to show; null keeps the drawer closed. */
  record: { id: string; title: string } | null;
  onClose: () => void;
}

/** Every audited change of one record, newest first. */
export function RecordHistoryDrawer({ type, record, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer title={record ? t('history.title', { title: record.title }) : ''} open={record !== null} onClose={onClose} size={520} destroyOnHidden>
      {record && <RecordHistory type={type} id={record.id} />}
    </Drawer>
  );
}
