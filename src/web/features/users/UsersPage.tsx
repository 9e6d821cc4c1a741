import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Popconfirm, Space, Table, type TableProps, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/schemas/users';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { RecordHistoryDrawer } from '../audit/RecordHistoryDrawer';
import { useCurrentUser } from '../auth/api';
import { useRoles } from '../roles/api';
import { roleDisplayName } from '../roles/roleDisplayName';
import { useAllTeams } from '../teams/api';
import { useDeleteUser, useUpdateUser, useUsers } from './api';
import { UserFilterBar } from './UserFilterBar';
import { UserFormDrawer } from './UserFormDrawer';
import { useUserFilters } from './useUserFilters';

type SortOrder = 'ascend' | 'descend' | null;

function sortOrderOf(sort: string | undefined, field: string): SortOrder {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const me = useCurrentUser();
  const [filters, setFilters] = useUserFilters();
  const users = useUsers(filters);
  const teams = useAllTeams(can(me.permissions, 'teams', 'read'));
  const roles = useRoles(can(me.permissions, 'roles', 'read'));
  const update = useUpdateUser();
  const remove = useDeleteUser();
  // The user stays set while the drawer closes, so its title does not flip to "New user" mid-animation.
  const [drawer, setDrawer] = useState<{ open: boolean; user: User | null }>({ open: false, user: null });
  const setEditing = (user: User | null) => setDrawer({ open: true, user });
  const [history, setHistory] = useState<{ id: string; title: string } | null>(null);

  const teamNames = useMemo(() => new Map((teams.data ?? []).map((x) => [x.id, x.name])), [teams.data]);
  const roleNames = useMemo(() => new Map((roles.data ?? []).map((x) => [x.id, roleDisplayName(t, x.name, x.builtinKey)])), [roles.data, t]);
  const rows = useMemo(() => users.data?.pages.flatMap((p) => p.items) ?? [], [users.data]);
  const total = users.data?.pages[0]?.total;

  const mayCreate = can(me.permissions, 'users', 'create');
  const mayUpdate = can(me.permissions, 'users', 'update');
  const mayDelete = can(me.permissions, 'users', 'delete');

  const setActive = (user: User, active: boolean) =>
    update.mutate(
      { id: user.id, version: user.version, active },
      {
        onSuccess: () => void message.success(active ? t('users.activated') : t('users.deactivated')),
        onError: (err) => showError(err),
      },
    );

  const onDelete = (user: User) =>
    remove.mutate(user.id, {
      onSuccess: () => void message.success(t('users.deleted')),
      onError: (err) => showError(err),
    });

  const columns: TableProps<User>['columns'] = [
    { title: t('users.name'), dataIndex: 'name', key: 'name', sorter: true, sortOrder: sortOrderOf(filters.sort, 'name') },
    { title: t('users.email'), dataIndex: 'email', key: 'email', sorter: true, sortOrder: sortOrderOf(filters.sort, 'email') },
    { title: t('users.team'), dataIndex: 'teamId', key: 'team', render: (id: string | null) => (id ? (teamNames.get(id) ?? '—') : '—') },
    { title: t('users.role'), dataIndex: 'roleId', key: 'role', render: (id: string) => roleNames.get(id) ?? '—' },
    {
      title: t('users.status'),
      dataIndex: 'active',
      key: 'active',
      render: (active: boolean) => (active ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>),
    },
    { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', key: 'lastLoginAt', render: (v: string | null) => formatDateTime(v) || t('common.never') },
    {
      title: t('users.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      sorter: true,
      sortOrder: sortOrderOf(filters.sort, 'createdAt'),
      render: formatDateTime,
    },
  ];
  columns.push({
    title: t('common.actions'),
    key: 'actions',
    fixed: 'right',
    render: (_, user) => (
      <Space size={0} wrap>
        <Button type="link" size="small" onClick={() => setHistory({ id: user.id, title: user.name })}>
          {t('history.open')}
        </Button>
        {mayUpdate && (
          <Button type="link" size="small" onClick={() => setEditing(user)}>
            {t('common.edit')}
          </Button>
        )}
        {mayUpdate &&
          (user.active ? (
            <Popconfirm
              title={t('users.deactivateConfirm', { name: user.name })}
              description={t('users.deactivateHint')}
              okText={t('users.deactivate')}
              cancelText={t('common.cancel')}
              onConfirm={() => setActive(user, false)}
            >
              <Button type="link" size="small">
                {t('users.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button type="link" size="small" onClick={() => setActive(user, true)}>
              {t('users.activate')}
            </Button>
          ))}
        {mayDelete && (
          <Popconfirm
            title={t('users.deleteConfirm', { name: user.name })}
            description={t('common.recycleBinHint')}
            okText={t('common.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => onDelete(user)}
          >
            <Button type="link" size="small" danger>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    ),
  });

  const onTableChange: TableProps<User>['onChange'] = (_pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.columnKey as string | undefined;
    if (!field || !s.order) setFilters({ sort: undefined });
    else setFilters({ sort: s.order === 'descend' ? `-${field}` : field });
  };

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          mayCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
              {t('users.create')}
            </Button>
          )
        }
      />
      <UserFilterBar filters={filters} onChange={setFilters} />
      {users.isError ? (
        <QueryError error={users.error} onRetry={() => users.refetch()} />
      ) : (
        <>
          <Table<User>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={users.isLoading || (users.isFetching && !users.isFetchingNextPage)}
            pagination={false}
            onChange={onTableChange}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('users.empty')} /> }}
          />
          {!users.isLoading && (
            <LoadMore
              shown={rows.length}
              total={total}
              hasMore={!!users.hasNextPage}
              loading={users.isFetchingNextPage}
              onLoadMore={() => users.fetchNextPage()}
            />
          )}
        </>
      )}
      <RecordHistoryDrawer type="users" record={history} onClose={() => setHistory(null)} />
      <UserFormDrawer open={drawer.open} user={drawer.user} onClose={() => setDrawer((d) => ({ ...d, open: false }))} />
    </>
  );
}
