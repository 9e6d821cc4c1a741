import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, Popover, Spin, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Notification } from '../../../shared/schemas/notifications';
import { LoadMore } from '../../components/LoadMore';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { useShowError } from '../../lib/useShowError';
import { useMarkAllRead, useMarkRead, useNotifications, useUnreadCount } from './api';

dayjs.extend(relativeTime);

/** The bell in the header: unread count, and the latest notifications; opening one marks it read and follows its link. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const count = unread.data?.count ?? 0;

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      arrow={false}
      destroyOnHidden
      content={<NotificationList onNavigate={() => setOpen(false)} />}
      title={<NotificationHeader unread={count} />}
    >
      <Button
        type="text"
        aria-label={t('notifications.bellLabel', { count })}
        data-testid="notification-bell"
        style={{ marginInlineEnd: 8, height: 40, width: 40 }}
        icon={
          <Badge count={count} overflowCount={99} size="small" data-testid="notification-count">
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}

function NotificationHeader({ unread }: { unread: number }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const markAll = useMarkAllRead();
  return (
    <Flex justify="space-between" align="center" gap={16}>
      <span>{t('notifications.title')}</span>
      <Button
        type="link"
        size="small"
        disabled={unread === 0}
        loading={markAll.isPending}
        data-testid="notifications-mark-all"
        onClick={() => markAll.mutate(undefined, { onError: (err) => showError(err) })}
      >
        {t('notifications.markAllRead')}
      </Button>
    </Flex>
  );
}

function NotificationList({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const list = useNotifications(true);
  const markRead = useMarkRead();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const openOne = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id);
    if (n.link?.startsWith('/')) {
      onNavigate();
      navigate(n.link);
    }
  };

  let body: React.ReactNode;
  if (list.isPending) body = <Spin style={{ display: 'block', margin: '24px auto' }} />;
  else if (list.isError) body = <QueryError error={list.error} onRetry={() => list.refetch()} />;
  else if (items.length === 0) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />;
  else
    body = (
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('notifications.title')}>
        {items.map((n) => (
          <li key={n.id}>
            <button
              type="button"
              onClick={() => openOne(n)}
              data-testid="notification-item"
              data-unread={n.readAt ? undefined : 'true'}
              style={{
                all: 'unset',
                boxSizing: 'border-box',
                display: 'block',
                width: '100%',
                cursor: 'pointer',
                padding: '8px 12px',
                borderRadius: token.borderRadius,
                background: n.readAt ? undefined : token.colorPrimaryBg,
              }}
            >
              <Flex justify="space-between" gap={8}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`notifications.kinds.${n.kind.replace(/\./g, '_')}`, { defaultValue: t('notifications.kinds.other') })}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} title={formatDateTime(n.createdAt)}>
                  {dayjs(n.createdAt).fromNow()}
                </Typography.Text>
              </Flex>
              <Typography.Text strong={!n.readAt} ellipsis style={{ display: 'block' }}>
                {n.title}
              </Typography.Text>
              {n.body && (
                <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }} ellipsis={{ rows: 2 }}>
                  {n.body}
                </Typography.Paragraph>
              )}
            </button>
          </li>
        ))}
      </ul>
    );

  return (
    <div style={{ width: 360, maxWidth: 'calc(100vw - 32px)', maxHeight: 440, overflowY: 'auto' }} data-testid="notification-list">
      {body}
      <LoadMore shown={items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => list.fetchNextPage()} />
    </div>
  );
}
