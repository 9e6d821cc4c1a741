import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Import } from '../../../shared/schemas/imports';

const COLORS: Record<Import['status'], string> = {
  uploaded: 'default',
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
  cancelled: 'warning',
};

export function ImportStatusTag({ imp }: { imp: Import }) {
  const { t } = useTranslation();
  const cancelling = imp.cancelRequested && (imp.status === 'running' || imp.status === 'queued');
  return <Tag color={COLORS[imp.status]}>{cancelling ? t('imports.statuses.cancelling') : t(`imports.statuses.${imp.status}`)}</Tag>;
}
