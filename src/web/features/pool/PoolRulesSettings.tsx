import { App, Button, Card, Form, InputNumber, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { POOL_TIERS, type PoolSettings, type PoolTier, type PoolTierRule } from '../../../shared/schemas/pool';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { ApiError } from '../../lib/api';
import { fieldPath } from '../../lib/errorMessage';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { tierLabel } from '../customers/customerLabels';
import { usePoolSettings, useUpdatePoolSettings } from './api';

const MEASURES: (keyof PoolTierRule)[] = ['noActivityDays', 'noDealDays', 'warnDays'];
/** The server's message for a warning that would come after the return (shared/schemas/pool.ts). */
const WARN_TOO_LATE = 'Must be fewer days than the return rule';

/** The pool rules: how many customers one person may hold, and per tier when customers go back to the pool. */
export function PoolRulesSettings() {
  const settings = usePoolSettings();
  if (settings.isPending) return <PageLoading />;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => settings.refetch()} />;
  return <PoolRulesForm key={JSON.stringify(settings.data)} settings={settings.data} />;
}

function PoolRulesForm({ settings }: { settings: PoolSettings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { permissions } = useCurrentUser();
  const [form] = Form.useForm<PoolSettings>();
  const save = useUpdatePoolSettings();
  const mayChange = can(permissions, 'settings', 'admin');

  const onFinish = (v: PoolSettings) => {
    // An empty box is "off" (null), never "leave as it was".
    const tiers = Object.fromEntries(
      POOL_TIERS.map((tier) => [tier, Object.fromEntries(MEASURES.map((m) => [m, v.tiers?.[tier]?.[m] ?? null]))]),
    ) as PoolSettings['tiers'];
    save.mutate(
      { maxHeldPerRep: v.maxHeldPerRep ?? null, tiers },
      {
        onSuccess: () => void message.success(t('common.saved')),
        onError: (err) => {
          if (err instanceof ApiError && err.fields) {
            form.setFields(
              Object.entries(err.fields).map(([name, text]) => ({
                name: fieldPath(name) as never,
                errors: [text === WARN_TOO_LATE ? t('pool.settings.warnTooLate') : text],
              })),
            );
          }
          showError(err);
        },
      },
    );
  };

  const dayInput = (tier: PoolTier, measure: keyof PoolTierRule) => (
    <Form.Item name={['tiers', tier, measure]} style={{ margin: 0 }}>
      <InputNumber
        min={1}
        max={measure === 'warnDays' ? 365 : 3650}
        precision={0}
        placeholder={t('pool.settings.off')}
        suffix={t('pool.settings.days')}
        style={{ width: 130 }}
        aria-label={`${tier === 'none' ? t('pool.noTier') : tierLabel(t, tier)} ${t(`pool.settings.${measure}`)}`}
        data-testid={`pool-${tier}-${measure}`}
      />
    </Form.Item>
  );

  return (
    <Card style={{ maxWidth: 860 }}>
      <Form<PoolSettings> form={form} layout="vertical" initialValues={settings} onFinish={onFinish} disabled={!mayChange} name="poolRules">
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('pool.settings.limitTitle')}
        </Typography.Title>
        <Form.Item name="maxHeldPerRep" label={t('pool.settings.maxHeldPerRep')} extra={t('pool.settings.maxHeldHint')}>
          <InputNumber min={1} max={1_000_000} precision={0} placeholder={t('pool.settings.noLimit')} style={{ width: 200 }} data-testid="pool-max-held" />
        </Form.Item>
        <Typography.Title level={5}>{t('pool.settings.returnTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('pool.settings.returnDescription')}</Typography.Paragraph>
        <Table<{ tier: PoolTier }>
          rowKey="tier"
          size="small"
          pagination={false}
          dataSource={POOL_TIERS.map((tier) => ({ tier }))}
          columns={[
            { title: t('pool.tier'), key: 'tier', render: (_, r) => (r.tier === 'none' ? t('pool.noTier') : tierLabel(t, r.tier)) },
            ...MEASURES.map((m) => ({ title: t(`pool.settings.${m}`), key: m, render: (_: unknown, r: { tier: PoolTier }) => dayInput(r.tier, m) })),
          ]}
          style={{ marginBottom: 12 }}
        />
        <Typography.Paragraph type="secondary">{t('pool.settings.dealHint')}</Typography.Paragraph>
        {mayChange && (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="pool-save">
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
