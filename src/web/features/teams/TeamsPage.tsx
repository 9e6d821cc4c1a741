import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Popconfirm, Space, Table, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { RecordHistoryDrawer } from '../audit/RecordHistoryDrawer';
import { useCurrentUser } from '../auth/api';
import { useAllTeams, useDeleteTeam } from './api';
import { TeamFormModal, type TeamFormMode } from './TeamFormModal';
import { buildTeamTree, type TeamNode } from './teamTree';

export function TeamsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const me = useCurrentUser();
  const teams = useAllTeams();
  const remove = useDeleteTeam();
  const [mode, setMode] = useState<TeamFormMode | null>(null);
  const [history, setHistory] = useState<{ id: string; title: string } | null>(null);
  const tree = useMemo(() => buildTeamTree(teams.data ?? []), [teams.data]);
  const [collapsed, setCollapsed] = useState<readonly React.Key[]>([]);

  const mayCreate = can(me.permissions, 'teams', 'create');
  const mayUpdate = can(me.permissions, 'teams', 'update');
  const mayDelete = can(me.permissions, 'teams', 'delete');

  if (teams.isPending) return <PageLoading />;
  if (teams.isError) return <QueryError error={teams.error} onRetry={() => teams.refetch()} />;

  const onDelete = (team: TeamNode) =>
    remove.mutate(team.id, {
      onSuccess: () => void message.success(t('teams.deleted')),
      onError: (err) => showError(err),
    });

  const columns: TableProps<TeamNode>['columns'] = [
    { title: t('teams.name'), dataIndex: 'name', key: 'name' },
    { title: t('teams.members'), dataIndex: 'memberCount', key: 'memberCount', width: 120 },
    { title: t('teams.subTeams'), key: 'subTeams', width: 120, render: (_, team) => team.children?.length ?? 0 },
  ];
  columns.push({
    title: t('common.actions'),
    key: 'actions',
    render: (_, team) => (
      <Space size={0} wrap>
        <Button type="link" size="small" onClick={() => setHistory({ id: team.id, title: team.name })}>
          {t('history.open')}
        </Button>
        {mayCreate && (
          <Button type="link" size="small" onClick={() => setMode({ kind: 'create', parentId: team.id })}>
            {t('teams.addSubTeam')}
          </Button>
        )}
        {mayUpdate && (
          <Button type="link" size="small" onClick={() => setMode({ kind: 'rename', teamId: team.id })}>
            {t('teams.rename')}
          </Button>
        )}
        {mayUpdate && (
          <Button type="link" size="small" onClick={() => setMode({ kind: 'move', teamId: team.id })}>
            {t('teams.move')}
          </Button>
        )}
        {mayDelete && (
          <Popconfirm
            title={t('teams.deleteConfirm', { name: team.name })}
            description={t('teams.deleteHint')}
            okText={t('common.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => onDelete(team)}
          >
            <Button type="link" size="small" danger>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    ),
  });

  // Everything starts expanded; we remember what the user folds rather than what is open.
  const allKeys = (teams.data ?? []).map((x) => x.id);
  const expanded = allKeys.filter((k) => !collapsed.includes(k));

  return (
    <>
      <PageHeader
        title={t('teams.title')}
        description={t('teams.description')}
        extra={
          mayCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setMode({ kind: 'create', parentId: null })}>
              {t('teams.create')}
            </Button>
          )
        }
      />
      <Table<TeamNode>
        rowKey="id"
        columns={columns}
        dataSource={tree}
        pagination={false}
        loading={teams.isFetching}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowKeys: expanded,
          onExpand: (open, team) => setCollapsed((prev) => (open ? prev.filter((k) => k !== team.id) : [...prev, team.id])),
        }}
        locale={{ emptyText: <Empty description={t('teams.empty')} /> }}
      />
      <RecordHistoryDrawer type="teams" record={history} onClose={() => setHistory(null)} />
      <TeamFormModal mode={mode} onClose={() => setMode(null)} />
    </>
  );
}
