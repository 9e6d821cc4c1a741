import { App, Button, Empty, Popconfirm, Table, type TableProps, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { useShowError } from '../../lib/useShowError';
import { type Session, useRevokeSession, useSessions } from './api';

export function SessionsPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const sessions = useSessions();
  const revoke = useRevokeSession();

  if (sessions.isError) return <QueryError error={sessions.error} onRetry={() => sessions.refetch()} />;

  const columns: TableProps<Session>['columns'] = [
    {
      title: t('account.sessions.device'),
      dataIndex: 'userAgent',
      key: 'userAgent',
      render: (ua: string | null, s) => (
        <>
          {ua ?? t('account.sessions.unknownDevice')} {s.current && <Tag color="green">{t('account.sessions.current')}</Tag>}
        </>
      ),
    },
    { title: t('account.sessions.ip'), dataIndex: 'ip', key: 'ip', render: (ip: string | null) => ip ?? '' },
    { title: t('account.sessions.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: formatDateTime },
    { title: t('account.sessions.lastSeenAt'), dataIndex: 'lastSeenAt', key: 'lastSeenAt', render: formatDateTime },
    { title: t('account.sessions.expiresAt'), dataIndex: 'expiresAt', key: 'expiresAt', render: formatDateTime },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, s) =>
        !s.current && (
          <Popconfirm
            title={t('account.sessions.revokeConfirm')}
            okText={t('account.sessions.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => revoke.mutate(s.id, { onSuccess: () => void message.success(t('account.sessions.revoked')), onError: (err) => showError(err) })}
          >
            <Button type="link" size="small" danger>
              {t('account.sessions.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Table<Session>
      rowKey="id"
      columns={columns}
      dataSource={sessions.data?.items ?? []}
      loading={sessions.isLoading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={t('account.sessions.empty')} /> }}
    />
  );
}
