import { LinkOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Popconfirm, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyableSecret } from '../../components/CopyableSecret';
import { useShowError } from '../../lib/useShowError';
import { useCreateFeedToken, useFeedStatus, useRevokeFeedToken } from './api';

/** "Subscribe (ICS)": makes a private feed URL for Outlook, Apple or Google calendars; making a new one cuts off the old. */
export function FeedButton() {
  const { t } = useTranslation();
  const showError = useShowError();
  const [open, setOpen] = useState(false);
  const create = useCreateFeedToken();
  const revoke = useRevokeFeedToken();
  const status = useFeedStatus(open);
  const url = create.data?.url;
  const active = status.data?.active && status.data.createdAt;

  const generate = () => create.mutate(Intl.DateTimeFormat().resolvedOptions().timeZone, { onError: (err) => showError(err) });
  const close = () => {
    setOpen(false);
    // The URL is shown once: closing forgets it here too.
    create.reset();
  };

  return (
    <>
      <Button icon={<LinkOutlined />} onClick={() => setOpen(true)} data-testid="calendar-subscribe">
        {t('calendar.feed.button')}
      </Button>
      <Modal open={open} title={t('calendar.feed.title')} onCancel={close} footer={<Button onClick={close}>{t('common.close')}</Button>} destroyOnHidden>
        <Flex vertical gap={12}>
          <Typography.Paragraph style={{ margin: 0 }}>{t('calendar.feed.explain')}</Typography.Paragraph>
          {url ? (
            <>
              <CopyableSecret value={url} label={t('calendar.feed.url')} />
              <Alert type="warning" showIcon title={t('calendar.feed.shownOnce')} />
            </>
          ) : (
            <Flex vertical gap={8}>
              {active && (
                <Typography.Text data-testid="calendar-feed-active">
                  {t('calendar.feed.active', { date: dayjs(status.data?.createdAt).format('YYYY-MM-DD HH:mm') })}
                </Typography.Text>
              )}
              <Flex gap={8} wrap>
                <Button type="primary" loading={create.isPending} onClick={generate} data-testid="calendar-feed-create">
                  {t(active ? 'calendar.feed.recreate' : 'calendar.feed.create')}
                </Button>
                {active && (
                  <Popconfirm
                    title={t('calendar.feed.revokeConfirm')}
                    okText={t('calendar.feed.revoke')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('common.cancel')}
                    onConfirm={() => revoke.mutate(undefined, { onError: (err) => showError(err) })}
                  >
                    <Button danger loading={revoke.isPending}>
                      {t('calendar.feed.revoke')}
                    </Button>
                  </Popconfirm>
                )}
              </Flex>
            </Flex>
          )}
          <Typography.Text type="secondary">{t('calendar.feed.replaces')}</Typography.Text>
        </Flex>
      </Modal>
    </>
  );
}
