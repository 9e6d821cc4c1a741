import { AuditOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApprovalCount } from './api';

/** The approvals menu icon with the number of requests waiting for the user; the menu hands it the icon class (spacing). */
export function ApprovalsNavIcon({ className }: { className?: string }) {
  const { t } = useTranslation();
  const count = useApprovalCount();
  const n = count.data?.inbox ?? 0;
  return (
    <Badge count={n} size="small" offset={[4, -2]} title={t('approvals.waitingCount', { count: n })} className={className}>
      <AuditOutlined />
    </Badge>
  );
}
