import { AppstoreOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Input, Popconfirm, Segmented, Select, Table } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Lead } from '../../../shared/schemas/leads';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { ImportButton } from '../imports/ImportButton';
import { UserSelect } from '../users/UserSelect';
import { type LeadQuery, useDeleteLead, useLeads } from './api';
import { LeadFormDrawer } from './LeadFormDrawer';
import { LeadKanban } from './LeadKanban';
import { LeadStatusTag, useLeadOptions } from './leadLabels';
import { ProvinceSelect } from './ProvinceSelect';

function LeadTable({ query, mayDelete }: { query: LeadQuery; mayDelete: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [sort, setSort] = useState('-createdAt');
  const list = useLeads({ ...query, sort });
  const remove = useDeleteLead();
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  if (list.isError) return <QueryError error={list.error} onRetry={() => list.refetch()} />;
  const order = (field: string) => (sort === field ? ('ascend' as const) : sort === `-${field}` ? ('descend' as const) : null);
  return (
    <>
      <Table<Lead>
        rowKey="id"
        loading={list.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('leads.empty')} /> }}
        onChange={(_, __, sorter) => {
          const s = sorter as SorterResult<Lead>;
          setSort(s.order ? `${s.order === 'descend' ? '-' : ''}${String(s.field)}` : '-createdAt');
        }}
        columns={[
          { title: t('leads.name'), dataIndex: 'name', sorter: true, sortOrder: order('name'), render: (_, l) => <Link to={`/leads/${l.id}`}>{l.name}</Link> },
          { title: t('leads.company'), dataIndex: 'company' },
          { title: t('leads.statusLabel'), render: (_, l) => <LeadStatusTag status={l.status} /> },
          { title: t('leads.sourceLabel'), render: (_, l) => t(`leads.source.${l.source}`) },
          { title: t('leads.province'), render: (_, l) => l.provinceName ?? '' },
          { title: t('leads.owner'), render: (_, l) => l.ownerName ?? '' },
          { title: t('leads.createdAt'), dataIndex: 'createdAt', sorter: true, sortOrder: order('createdAt'), render: (v: string) => formatDateTime(v) },
          { title: t('leads.updatedAt'), dataIndex: 'updatedAt', sorter: true, sortOrder: order('updatedAt'), render: (v: string) => formatDateTime(v) },
          ...(mayDelete
            ? [
                {
                  title: t('common.actions'),
                  render: (_: unknown, l: Lead) => (
                    <Popconfirm
                      title={t('leads.deleteConfirm', { name: l.name })}
                      onConfirm={() => remove.mutate(l.id, { onSuccess: () => void message.success(t('leads.deleted')), onError: (err) => showError(err) })}
                    >
                      <Button type="link" danger size="small">
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      <LoadMore
        shown={rows.length}
        total={list.data?.pages[0]?.total}
        hasMore={!!list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoadMore={() => list.fetchNextPage()}
      />
    </>
  );
}

/** Leads (线索) as a list or a kanban by status, with the same filters. */
export function LeadsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [drawer, setDrawer] = useState(false);
  const { sources, statuses } = useLeadOptions();
  const view = params.get('view') === 'list' ? 'list' : 'kanban';
  const set = (key: string, value: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const query: LeadQuery = {
    q: params.get('q') || undefined,
    source: params.get('source') || undefined,
    ownerId: params.get('ownerId') || undefined,
    provinceCode: params.get('provinceCode') || undefined,
    ...(view === 'list' && { status: params.get('status') || undefined }),
  };
  const mayCreate = can(me.permissions, 'leads', 'create');
  return (
    <>
      <PageHeader
        title={t('leads.title')}
        description={t('leads.description')}
        extra={
          <>
            {mayCreate && <ImportButton entity="leads" />}
            {mayCreate && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer(true)}>
                {t('leads.create')}
              </Button>
            )}
          </>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Segmented
          value={view}
          onChange={(v) => set('view', v === 'list' ? 'list' : null)}
          options={[
            { value: 'kanban', label: t('leads.kanban'), icon: <AppstoreOutlined /> },
            { value: 'list', label: t('leads.list'), icon: <UnorderedListOutlined /> },
          ]}
        />
        <Input.Search
          allowClear
          placeholder={t('leads.searchPlaceholder')}
          defaultValue={params.get('q') ?? ''}
          onSearch={(v) => set('q', v.trim())}
          style={{ width: 220 }}
        />
        {view === 'list' && (
          <Select
            allowClear
            placeholder={t('leads.statusLabel')}
            options={statuses}
            value={params.get('status') || undefined}
            onChange={(v) => set('status', v)}
            style={{ width: 130 }}
          />
        )}
        <Select
          allowClear
          placeholder={t('leads.sourceLabel')}
          options={sources}
          value={params.get('source') || undefined}
          onChange={(v) => set('source', v)}
          style={{ width: 130 }}
        />
        <ProvinceSelect value={params.get('provinceCode') || undefined} onChange={(v) => set('provinceCode', v)} />
        {can(me.permissions, 'leads', 'read') && me.permissions.leads?.scope !== 'own' && (
          <UserSelect
            allowClear
            placeholder={t('leads.owner')}
            value={params.get('ownerId') || undefined}
            onChange={(v) => set('ownerId', v)}
            style={{ width: 220 }}
          />
        )}
      </Flex>
      {view === 'kanban' ? (
        <LeadKanban query={query} mayUpdate={can(me.permissions, 'leads', 'update')} />
      ) : (
        <LeadTable query={query} mayDelete={can(me.permissions, 'leads', 'delete')} />
      )}
      <LeadFormDrawer open={drawer} lead={null} onClose={() => setDrawer(false)} onCreated={(l) => navigate(`/leads/${l.id}`)} />
    </>
  );
}
