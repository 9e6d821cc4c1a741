import { App, Button, Card, Form, InputNumber, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderSettings as Settings } from '../../../shared/schemas/orders';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { useOrderSettings, useSaveOrderSettings } from './api';

/** Collection reminders (帐款催收): remind once per overdue installment, or again every N days while it stays overdue. */
export function OrderSettings() {
  const settings = useOrderSettings();
  if (settings.isPending) return <PageLoading />;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => settings.refetch()} />;
  return <SettingsForm key={JSON.stringify(settings.data)} settings={settings.data} />;
}

function SettingsForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { permissions } = useCurrentUser();
  const save = useSaveOrderSettings();
  const [repeat, setRepeat] = useState(settings.reminderRepeatDays !== null);
  const [days, setDays] = useState<number>(settings.reminderRepeatDays ?? 7);
  const mayChange = can(permissions, 'settings', 'admin');

  return (
    <Card style={{ maxWidth: 760 }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('orders.settings.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('orders.settings.description')}</Typography.Paragraph>
      <Form layout="vertical" disabled={!mayChange}>
        <Form.Item label={t('orders.settings.repeat')} extra={repeat ? undefined : t('orders.settings.once')}>
          <Switch checked={repeat} onChange={setRepeat} aria-label={t('orders.settings.repeat')} />
        </Form.Item>
        {repeat && (
          <Form.Item label={t('orders.settings.repeatDays')}>
            <InputNumber min={1} max={365} value={days} onChange={(v) => setDays(v ?? 1)} aria-label={t('orders.settings.repeatDays')} />
          </Form.Item>
        )}
        <Button
          type="primary"
          loading={save.isPending}
          onClick={() =>
            save.mutate(
              { reminderRepeatDays: repeat ? days : null },
              { onSuccess: () => void message.success(t('common.saved')), onError: (err) => showError(err) },
            )
          }
        >
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
