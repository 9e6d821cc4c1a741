import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Popconfirm, Space, Table, type TableProps, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/schemas/roles';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { RecordHistoryDrawer } from '../audit/RecordHistoryDrawer';
import { useCurrentUser } from '../auth/api';
import { useDeleteRole, useRoles } from './api';
import { RoleFormDrawer } from './RoleFormDrawer';
import { roleDisplayName } from './roleDisplayName';

export function RolesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const me = useCurrentUser();
  const roles = useRoles();
  const remove = useDeleteRole();
  const [editing, setEditing] = useState<string | null | undefined>(undefined);
  const [history, setHistory] = useState<{ id: string; title: string } | null>(null);

  const mayCreate = can(me.permissions, 'roles', 'create');
  const mayUpdate = can(me.permissions, 'roles', 'update');
  const mayDelete = can(me.permissions, 'roles', 'delete');

  const onDelete = (role: Role) =>
    remove.mutate(role.id, {
      onSuccess: () => void message.success(t('roles.deleted')),
      onError: (err) => showError(err),
    });

  const columns: TableProps<Role>['columns'] = [
    {
      title: t('roles.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, role) => (
        <Space>
          {roleDisplayName(t, name, role.builtinKey)}
          {role.builtinKey && <Tag color="blue">{t('roles.builtin')}</Tag>}
        </Space>
      ),
    },
    { title: t('roles.description'), dataIndex: 'description', key: 'description', render: (d: string | null) => d ?? '' },
    { title: t('roles.userCount'), dataIndex: 'userCount', key: 'userCount', width: 120 },
  ];
  columns.push({
    title: t('common.actions'),
    key: 'actions',
    render: (_, role) => (
      <Space size={0}>
        <Button type="link" size="small" onClick={() => setHistory({ id: role.id, title: roleDisplayName(t, role.name, role.builtinKey) })}>
          {t('history.open')}
        </Button>
        {mayUpdate && (
          <Button type="link" size="small" onClick={() => setEditing(role.id)}>
            {t('common.edit')}
          </Button>
        )}
        {mayDelete &&
          (role.builtinKey ? (
            <Tooltip title={t('errors.role_builtin')}>
              <Button type="link" size="small" danger disabled>
                {t('common.delete')}
              </Button>
            </Tooltip>
          ) : (
            <Popconfirm
              title={t('roles.deleteConfirm', { name: roleDisplayName(t, role.name, role.builtinKey) })}
              okText={t('common.delete')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => onDelete(role)}
            >
              <Button type="link" size="small" danger>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          ))}
      </Space>
    ),
  });

  return (
    <>
      <PageHeader
        title={t('roles.title')}
        description={t('roles.pageDescription')}
        extra={
          mayCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
              {t('roles.create')}
            </Button>
          )
        }
      />
      {roles.isError ? (
        <QueryError error={roles.error} onRetry={() => roles.refetch()} />
      ) : (
        <Table<Role>
          rowKey="id"
          columns={columns}
          dataSource={roles.data ?? []}
          loading={roles.isLoading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('roles.empty')} /> }}
        />
      )}
      <RecordHistoryDrawer type="roles" record={history} onClose={() => setHistory(null)} />
      <RoleFormDrawer roleId={editing} onClose={() => setEditing(undefined)} />
    </>
  );
}
