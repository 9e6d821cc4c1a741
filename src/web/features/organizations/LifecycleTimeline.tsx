import { ArrowRightOutlined } from '@ant-design/icons';
import { Empty, Flex, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { LifecycleTag } from '../customers/CustomerTags';
import { LIFECYCLE_COLORS, type LifecycleStatus } from '../customers/customerLabels';
import { useLifecycleHistory } from './api';

const DOT_COLORS: Record<string, string> = { blue: 'blue', gold: 'orange', green: 'green', default: 'gray' };

/** Every lifecycle transition of an organization (from → to, who, when, why), newest first. */
export function LifecycleTimeline({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const history = useLifecycleHistory(organizationId);

  if (history.isPending) return <PageLoading />;
  if (history.isError) return <QueryError error={history.error} onRetry={() => history.refetch()} />;
  const items = [...history.data.items].sort((a, b) => b.at.localeCompare(a.at));
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('organizations.lifecycleEmpty')} />;

  return (
    <Timeline
      items={items.map((x) => ({
        key: x.id,
        color: DOT_COLORS[LIFECYCLE_COLORS[x.toStatus as LifecycleStatus]] ?? 'gray',
        content: (
          <Flex vertical gap={2}>
            <span>
              {x.fromStatus ? (
                <>
                  <LifecycleTag status={x.fromStatus} />
                  <ArrowRightOutlined aria-label={t('organizations.lifecycleTo')} style={{ marginRight: 8 }} />
                </>
              ) : (
                <Typography.Text type="secondary" style={{ marginRight: 8 }}>
                  {t('organizations.lifecycleStart')}
                </Typography.Text>
              )}
              <LifecycleTag status={x.toStatus} />
            </span>
            <Typography.Text type="secondary">
              {x.actorName ?? t('audit.system')} · {formatDateTime(x.at)}
            </Typography.Text>
            {x.reason && <Typography.Text>{x.reason}</Typography.Text>}
          </Flex>
        ),
      }))}
    />
  );
}
