import { Button, Progress, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Import } from '../../../shared/schemas/imports';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { useCurrentUser } from '../auth/api';
import { reportUrl, useImports } from './api';
import { ImportStatusTag } from './ImportStatusTag';
import { importableEntities } from './importEntities';

/** The imports the user may see (their own, or their team's or everyone's by scope), newest first. */
export function ImportsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const query = useImports();
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const entities = importableEntities(me.permissions);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <>
      <PageHeader
        title={t('imports.historyTitle')}
        description={t('imports.historyDescription')}
        extra={entities.map((e) => (
          <Link key={e} to={`/imports/new?entity=${e}`}>
            <Button>{t('imports.newOf', { entity: t(`imports.entities.${e}`) })}</Button>
          </Link>
        ))}
      />
      <Table<Import>
        rowKey="id"
        loading={query.isPending}
        dataSource={items}
        pagination={false}
        onRow={(r) => ({ onClick: () => navigate(`/imports/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('imports.file'), dataIndex: 'fileName', render: (v: string, r) => <Link to={`/imports/${r.id}`}>{v}</Link> },
          { title: t('imports.entity'), dataIndex: 'entity', render: (e: string) => t(`imports.entities.${e}`) },
          { title: t('imports.status'), render: (_, r) => <ImportStatusTag imp={r} /> },
          {
            title: t('imports.progress'),
            width: 180,
            render: (_, r) => (r.totalRows ? <Progress size="small" percent={Math.floor((r.rowsProcessed / r.totalRows) * 100)} /> : null),
          },
          { title: t('imports.created'), dataIndex: 'rowsCreated' },
          { title: t('imports.updated'), dataIndex: 'rowsUpdated' },
          { title: t('imports.skipped'), dataIndex: 'rowsSkipped' },
          { title: t('imports.failed'), dataIndex: 'rowsFailed' },
          { title: t('imports.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          {
            title: t('imports.report'),
            render: (_, r) =>
              r.rowsFailed > 0 ? (
                <a href={reportUrl(r.id)} download onClick={(e) => e.stopPropagation()}>
                  {t('imports.downloadReport')}
                </a>
              ) : null,
          },
        ]}
      />
      <LoadMore shown={items.length} hasMore={!!query.hasNextPage} loading={query.isFetchingNextPage} onLoadMore={() => void query.fetchNextPage()} />
    </>
  );
}
