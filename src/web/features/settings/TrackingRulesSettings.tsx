import { App, Button, Card, Flex, Form, InputNumber, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NoContactRule, TrackingSettings } from '../../../shared/schemas/tracking-settings';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { ApiError } from '../../lib/api';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { tierLabel } from '../customers/customerLabels';
import { useTrackingSettings, useUpdateTrackingSettings } from './api';

const TIERS: (keyof NoContactRule)[] = ['key', 'A', 'B', 'C'];

/** "No contact in N days" per tier: the owner gets a follow-up task; an empty box switches the tier off. */
export function TrackingRulesSettings() {
  const settings = useTrackingSettings();
  if (settings.isPending) return <PageLoading />;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => settings.refetch()} />;
  return <TrackingForm key={JSON.stringify(settings.data)} settings={settings.data} />;
}

function TrackingForm({ settings }: { settings: TrackingSettings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { permissions } = useCurrentUser();
  const [form] = Form.useForm<NoContactRule>();
  const save = useUpdateTrackingSettings();
  const mayChange = can(permissions, 'settings', 'admin');

  const onFinish = (v: NoContactRule) => {
    const noContact = Object.fromEntries(TIERS.map((k) => [k, v[k] ?? null])) as NoContactRule;
    save.mutate(
      { noContact },
      {
        onSuccess: () => void message.success(t('common.saved')),
        onError: (err) => {
          // The server names fields as noContact.A; the form's are A.
          form.setFields(
            TIERS.flatMap((k) => {
              const text = err instanceof ApiError ? err.fields?.[`noContact.${k}`] : undefined;
              return text ? [{ name: k, errors: [text] }] : [];
            }),
          );
          showError(err);
        },
      },
    );
  };

  return (
    <Card style={{ maxWidth: 760 }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('settings.tracking.noContactTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('settings.tracking.noContactDescription')}</Typography.Paragraph>
      <Form<NoContactRule> form={form} layout="vertical" initialValues={settings.noContact} onFinish={onFinish} disabled={!mayChange} name="trackingRules">
        <Flex gap={16} wrap>
          {TIERS.map((k) => (
            <Form.Item key={k} name={k} label={tierLabel(t, k)}>
              <InputNumber
                min={1}
                max={3650}
                precision={0}
                placeholder={t('settings.tracking.off')}
                suffix={t('settings.tracking.days')}
                style={{ width: 150 }}
                data-testid={`tracking-days-${k}`}
              />
            </Form.Item>
          ))}
        </Flex>
        <Typography.Paragraph type="secondary">{t('settings.tracking.offHint')}</Typography.Paragraph>
        {mayChange && (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="tracking-save">
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
