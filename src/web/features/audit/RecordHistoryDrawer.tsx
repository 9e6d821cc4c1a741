import { Drawer, Empty, Flex, Timeline, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { AuditChanges } from './AuditChanges';
import { useRecordHistory } from './api';
import { actionLabel } from './auditLabels';

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
      {record && <History type={type} id={record.id} />}
    </Drawer>
  );
}

function History({ type, id }: { type: string; id: string }) {
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
              <AuditChanges entry={e} />
            </Flex>
          ),
        }))}
      />
      <LoadMore shown={entries.length} hasMore={!!history.hasNextPage} loading={history.isFetchingNextPage} onLoadMore={() => history.fetchNextPage()} />
    </>
  );
}
