import { Empty, Flex, Timeline, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { AuditChanges, type ResolveName } from './AuditChanges';
import { useRecordHistory } from './api';
import { actionLabel } from './auditLabels';

/** Every audited change of one record, newest first; in the history drawer and on detail pages. */
export function RecordHistory({ type, id, resolve }: { type: string; id: string; resolve?: ResolveName }) {
  const { t } = useTranslation();
  const history = useRecordHistory(type, id);
  const entries = useMemo(() => history.data?.pages.flatMap((p) => p.items) ?? [], [history.data]);

  if (history.isPending) return <PageLoading />;
  if (history.isError) return <QueryError error={history.error} onRetry={() => history.refetch()} />;
  if (entries.length === 0) return <Empty description={t('history.empty')} />;

  return (
    <>
      <Timeline
        items={entries.map((e) => ({
          key: e.id,
          content: (
            <Flex vertical gap={2}>
              <Typography.Text>
                <Typography.Text strong>{actionLabel(t, e.action)}</Typography.Text> · {e.actorName ?? t('audit.system')}
              </Typography.Text>
              <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
              <AuditChanges entry={e} resolve={resolve} />
            </Flex>
          ),
        }))}
      />
      <LoadMore shown={entries.length} hasMore={!!history.hasNextPage} loading={history.isFetchingNextPage} onLoadMore={() => history.fetchNextPage()} />
    </>
  );
}
