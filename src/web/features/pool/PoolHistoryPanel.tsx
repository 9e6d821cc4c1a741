import { Button, Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../shared/schemas/customers';
import type { PoolEvent } from '../../../shared/schemas/pool';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { usePoolEvents } from './api';

const COLORS: Record<PoolEvent['kind'], string> = { claim: 'green', assign: 'blue', release: 'gray', warning: 'orange', auto_return: 'red' };

/** Claims, releases, assignments, warnings and automatic returns of one organization, newest first. */
export function PoolHistoryPanel({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const events = usePoolEvents(organization.id);
  if (events.isPending) return <PageLoading />;
  if (events.isError) return <QueryError error={events.error} onRetry={() => events.refetch()} />;
  const items = events.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pool.noHistory')} />;

  const person = (name: string | null, id: string | null) => (id ? (name ?? t('customers.otherUser')) : t('pool.system'));
  return (
    <>
      <Timeline
        items={items.map((e) => ({
          key: e.id,
          color: COLORS[e.kind],
          children: (
            <>
              <Typography.Text strong>{t(`pool.events.${e.kind}`)}</Typography.Text> <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
              <div>
                {t('pool.eventLine', {
                  actor: person(e.actorName, e.actorId),
                  from: e.fromOwnerId ? (e.fromOwnerName ?? t('customers.otherUser')) : t('pool.pool'),
                  to: e.toOwnerId ? (e.toOwnerName ?? t('customers.otherUser')) : t('pool.pool'),
                })}
              </div>
              {e.reason && (
                <Typography.Text type="secondary">
                  {t('pool.reason')}: {e.kind === 'release' ? e.reason : t(`pool.reasons.${e.reason}`, { defaultValue: e.reason })}
                </Typography.Text>
              )}
            </>
          ),
        }))}
      />
      {events.hasNextPage && (
        <Button size="small" loading={events.isFetchingNextPage} onClick={() => events.fetchNextPage()}>
          {t('list.loadMore')}
        </Button>
      )}
    </>
  );
}
