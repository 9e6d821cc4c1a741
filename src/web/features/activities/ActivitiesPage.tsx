import { DeleteOutlined, EditOutlined, EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Modal, Popconfirm, Space, Table, type TableProps, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Activity } from '../../../shared/schemas/activities';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { can } from '../../lib/permissions';
import { minWidth, noWrap, sortFromTable, sortOrderOf } from '../../lib/tableSort';
import { useShowError } from '../../lib/useShowError';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useCurrentUser } from '../auth/api';
import { ActivityFilterBar } from './ActivityFilterBar';
import { ActivityForm } from './ActivityForm';
import { KIND_COLORS, KIND_ICONS, kindLabel } from './activityKinds';
import { ACTIVITY_FILTERS, useActivities, useDeleteActivity } from './api';

/** The server lists the latest first unless told otherwise. */
const DEFAULT_SORT = '-occurredAt';

/** Every activity the user may see, filtered by kind, owner, organization and dates: e.g. a manager reviewing the team's visits (拜访记录). */
export function ActivitiesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const me = useCurrentUser();
  const [filters, setFilters] = useUrlFilters(ACTIVITY_FILTERS);
  const activities = useActivities(filters);
  const remove = useDeleteActivity();
  // The record stays set while the modal closes, so its title does not flip mid-animation.
  const [modal, setModal] = useState<{ open: boolean; activity: Activity | null }>({ open: false, activity: null });
  const close = () => setModal((m) => ({ ...m, open: false }));

  const rows = useMemo(() => activities.data?.pages.flatMap((p) => p.items) ?? [], [activities.data]);
  const total = activities.data?.pages[0]?.total;
  const filtered = Object.entries(filters).some(([key, value]) => key !== 'sort' && value);
  const sort = filters.sort ?? DEFAULT_SORT;
  const p = me.permissions;
  const mayCreate = can(p, 'activities', 'create');
  const mayUpdate = can(p, 'activities', 'update');
  const mayDelete = can(p, 'activities', 'delete');

  const onDelete = (a: Activity) =>
    remove.mutate(a.id, {
      onSuccess: () => void message.success(t('activities.deleted')),
      onError: (err) => showError(err),
    });

  const columns: TableProps<Activity>['columns'] = [
    {
      ...noWrap,
      title: t('activities.occurredAt'),
      dataIndex: 'occurredAt',
      key: 'occurredAt',
      sorter: true,
      sortDirections: ['descend', 'ascend'],
      sortOrder: sortOrderOf(sort, 'occurredAt'),
      render: formatDateTime,
    },
    {
      ...noWrap,
      title: t('activities.kind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (kind: Activity['kind']) => (
        <Tag color={KIND_COLORS[kind]} icon={KIND_ICONS[kind]}>
          {kindLabel(t, kind)}
        </Tag>
      ),
    },
    {
      ...minWidth(220),
      title: t('activities.subject'),
      dataIndex: 'subject',
      key: 'subject',
      render: (subject: string, a) => (
        <>
          <Typography.Text strong>{subject}</Typography.Text>
          {a.body && (
            <Typography.Paragraph type="secondary" style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 2, tooltip: a.body }}>
              {a.body}
            </Typography.Paragraph>
          )}
        </>
      ),
    },
    {
      title: t('activities.organization'),
      dataIndex: 'organizationName',
      key: 'organization',
      render: (name: string | null, a) =>
        name && can(p, 'organizations', 'read') ? <Link to={`/organizations/${a.organizationId}`}>{name}</Link> : (name ?? '—'),
    },
    {
      title: t('activities.contacts'),
      key: 'contacts',
      render: (_, a) =>
        a.contacts.length === 0
          ? '—'
          : a.contacts.map((c, i) => (
              <span key={c.contactId}>
                {i > 0 && '、'}
                {can(p, 'contacts', 'read') ? <Link to={`/contacts/${c.contactId}`}>{c.contactName}</Link> : c.contactName}
              </span>
            )),
    },
    {
      title: t('activities.location'),
      dataIndex: 'location',
      key: 'location',
      render: (v: string | null) =>
        v ? (
          <span>
            <EnvironmentOutlined /> {v}
          </span>
        ) : (
          '—'
        ),
    },
    { ...noWrap, title: t('customers.owner'), dataIndex: 'ownerName', key: 'owner', render: (v: string | null) => v ?? t('customers.otherUser') },
  ];
  if (mayUpdate || mayDelete) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      ...noWrap,
      render: (_, a) => (
        <Space size={0}>
          {mayUpdate && (
            <Tooltip title={t('common.edit')}>
              <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setModal({ open: true, activity: a })} />
            </Tooltip>
          )}
          {mayDelete && (
            <Popconfirm
              title={t('activities.deleteConfirm', { subject: a.subject })}
              description={t('common.recycleBinHint')}
              okText={t('common.delete')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => onDelete(a)}
            >
              <Tooltip title={t('common.delete')}>
                <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
              </Tooltip>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  const onTableChange: TableProps<Activity>['onChange'] = (_pagination, _filters, sorter) => setFilters({ sort: sortFromTable(sorter) });

  return (
    <>
      <PageHeader
        title={t('activities.title')}
        description={t('activities.description')}
        extra={
          mayCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ open: true, activity: null })}>
              {t('activities.create')}
            </Button>
          )
        }
      />
      <ActivityFilterBar filters={filters} onChange={setFilters} />
      {activities.isError ? (
        <QueryError error={activities.error} onRetry={() => activities.refetch()} />
      ) : (
        <>
          <Table<Activity>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={activities.isLoading || (activities.isFetching && !activities.isFetchingNextPage)}
            pagination={false}
            onChange={onTableChange}
            scroll={{ x: 1000 }}
            tableLayout="auto"
            locale={{ emptyText: <Empty description={t(filtered ? 'activities.noMatch' : 'activities.empty')} /> }}
          />
          {!activities.isLoading && (
            <LoadMore
              shown={rows.length}
              total={total}
              hasMore={!!activities.hasNextPage}
              loading={activities.isFetchingNextPage}
              onLoadMore={() => activities.fetchNextPage()}
            />
          )}
        </>
      )}
      <Modal open={modal.open} title={t(modal.activity ? 'activities.edit' : 'activities.create')} footer={null} onCancel={close} destroyOnHidden width={640}>
        <ActivityForm key={modal.activity?.id ?? 'new'} activity={modal.activity ?? undefined} onDone={close} onCancel={close} />
      </Modal>
    </>
  );
}
