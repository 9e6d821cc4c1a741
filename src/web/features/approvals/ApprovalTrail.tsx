import { Card, Empty, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApprovalSubjectType } from '../../../shared/schemas/approvals';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { ApprovalTrailOf } from './ApprovalTrailOf';
import { useApprovalTrail } from './api';
import { ApprovalStatusTag, approvalWhat } from './approvalLabels';

/**
 * Every approval request of a quote or an order with each step (who, when, comment), newest request
 * first; for the record's detail page.
 */
export function ApprovalTrail({ type, id }: { type: ApprovalSubjectType; id: string }) {
  const { t } = useTranslation();
  const trail = useApprovalTrail(type, id);
  if (trail.isPending) return <PageLoading />;
  if (trail.isError) return <QueryError error={trail.error} onRetry={() => trail.refetch()} />;
  if (trail.data.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('approvals.noTrail')} />;
  return (
    <Flex vertical gap={12}>
      {trail.data.items.map((r) => (
        <Card
          key={r.id}
          size="small"
          title={
            <Flex gap={8} align="center" wrap>
              <span>{approvalWhat(t, r)}</span>
              <ApprovalStatusTag status={r.status} />
            </Flex>
          }
          extra={
            <Typography.Text type="secondary">
              {t('approvals.submittedBy', { name: r.submittedByName ?? '—' })} · {formatDateTime(r.createdAt)}
            </Typography.Text>
          }
        >
          <ApprovalTrailOf request={r} />
        </Card>
      ))}
    </Flex>
  );
}
