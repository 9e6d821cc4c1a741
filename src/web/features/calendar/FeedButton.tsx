import { LinkOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyableSecret } from '../../components/CopyableSecret';
import { useShowError } from '../../lib/useShowError';
import { useCreateFeedToken } from './api';

/** "Subscribe (ICS)": makes a private feed URL for Outlook, Apple or Google calendars; making a new one cuts off the old. */
export function FeedButton() {
  const { t } = useTranslation();
  const showError = useShowError();
  const [open, setOpen] = useState(false);
  const create = useCreateFeedToken();
  const url = create.data?.url;

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
            <div>
              <Button type="primary" loading={create.isPending} onClick={generate} data-testid="calendar-feed-create">
                {t('calendar.feed.create')}
              </Button>
            </div>
          )}
          <Typography.Text type="secondary">{t('calendar.feed.replaces')}</Typography.Text>
        </Flex>
      </Modal>
    </>
  );
}
