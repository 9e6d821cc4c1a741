import { App, Button, Empty, Popconfirm, Segmented, Table, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { useShowError } from '../../lib/useShowError';
import { recordTypeLabel } from '../audit/auditLabels';
import { type DeletedItem, useDeletedItems, useRecycleBinTypes, useRestore } from './api';

export function RecycleBinPage() {
  const { t } = useTranslation();
  const types = useRecycleBinTypes();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const type = chosen ?? types.data?.types[0];

  if (types.isPending) return <PageLoading />;
  if (types.isError) return <QueryError error={types.error} onRetry={() => types.refetch()} />;

  return (
    <>
      <PageHeader title={t('recycleBin.title')} description={t('recycleBin.description')} />
      {types.data.types.length === 0 ? (
        <Empty description={t('recycleBin.noTypes')} />
      ) : (
        <>
          <Segmented<string>
            aria-label={t('recycleBin.type')}
            value={type}
            onChange={setChosen}
            options={types.data.types.map((x) => ({ value: x, label: recordTypeLabel(t, x) }))}
            style={{ marginBottom: 16 }}
          />
          {type && <DeletedList type={type} />}
        </>
      )}
    </>
  );
}

function DeletedList({ type }: { type: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const items = useDeletedItems(type);
  const restore = useRestore();
  const rows = useMemo(() => items.data?.pages.flatMap((p) => p.items) ?? [], [items.data]);

  if (items.isError) return <QueryError error={items.error} onRetry={() => items.refetch()} />;

  const columns: TableProps<DeletedItem>['columns'] = [
    { title: t('recycleBin.itemTitle'), dataIndex: 'title', key: 'title' },
    { title: t('recycleBin.deletedAt'), dataIndex: 'deletedAt', key: 'deletedAt', render: formatDateTime },
    { title: t('recycleBin.deletedBy'), dataIndex: 'deletedByName', key: 'deletedBy', render: (name: string | null) => name ?? '—' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, item) => (
        <Popconfirm
          title={t('recycleBin.restoreConfirm', { title: item.title })}
          okText={t('recycleBin.restore')}
          cancelText={t('common.cancel')}
          onConfirm={() =>
            restore.mutate(
              { type: item.type, id: item.id },
              { onSuccess: () => void message.success(t('recycleBin.restored', { title: item.title })), onError: (err) => showError(err) },
            )
          }
        >
          <Button type="link" size="small">
            {t('recycleBin.restore')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <>
      <Table<DeletedItem>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={items.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('recycleBin.empty')} /> }}
      />
      {!items.isLoading && (
        <LoadMore shown={rows.length} hasMore={!!items.hasNextPage} loading={items.isFetchingNextPage} onLoadMore={() => items.fetchNextPage()} />
      )}
    </>
  );
}
