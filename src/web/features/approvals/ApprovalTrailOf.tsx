import { Flex, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApprovalRequest } from '../../../shared/schemas/approvals';
import { formatDateTime } from '../../lib/format';
import { ApprovalStatusTag, stepApprover } from './approvalLabels';

/** The steps of one request as the inbox already has them (no extra request). */
export function ApprovalTrailOf({ request }: { request: ApprovalRequest }) {
  const { t } = useTranslation();
  return (
    <Timeline
      style={{ marginTop: 8 }}
      items={request.steps.map((s) => ({
        key: s.id,
        content: (
          <Flex vertical gap={2}>
            <Flex gap={8} align="center">
              <Typography.Text strong>{stepApprover(t, s)}</Typography.Text>
              <ApprovalStatusTag status={s.status} />
            </Flex>
            {s.actedAt && (
              <Typography.Text type="secondary">
                {s.actedByName ?? '—'} · {formatDateTime(s.actedAt)}
              </Typography.Text>
            )}
            {s.comment && <Typography.Text>“{s.comment}”</Typography.Text>}
          </Flex>
        ),
      }))}
    />
  );
}
