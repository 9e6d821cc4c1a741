import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CURRENCIES } from '../../../shared/money';
import type { ApprovalSettingsInput } from '../../../shared/schemas/approvals';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/useShowError';
import { useRoles } from '../roles/api';
import { TeamTreeSelect } from '../teams/TeamTreeSelect';
import { UserSelect } from '../users/UserSelect';
import { useApprovalSettings, useSaveApprovalSettings } from './api';

type Values = {
  policies: { roleId: string; maxDiscountPercent?: string | null; contractThreshold?: string | null; currency: string; finalRoleId: string }[];
  managers: { teamId: string; userId: string }[];
};

const blank = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v.trim());

/** Settings tab: what each role may do without approval, who approves last, and each team's manager. */
export function ApprovalSettings() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const settings = useApprovalSettings();
  const roles = useRoles();
  const save = useSaveApprovalSettings();
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    if (settings.data)
      form.setFieldsValue({
        policies: settings.data.policies.map(({ roleId, maxDiscountPercent, contractThreshold, currency, finalRoleId }) => ({
          roleId,
          maxDiscountPercent,
          contractThreshold,
          currency,
          finalRoleId,
        })),
        managers: settings.data.managers.map(({ teamId, userId }) => ({ teamId, userId })),
      });
  }, [settings.data, form]);
  if (settings.isPending) return <PageLoading />;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => settings.refetch()} />;
  const roleOptions = (roles.data ?? []).map((r) => ({ value: r.id, label: r.name }));
  const onFinish = (v: Values) =>
    save.mutate(
      {
        policies: (v.policies ?? []).map((p) => ({
          roleId: p.roleId,
          maxDiscountPercent: blank(p.maxDiscountPercent),
          contractThreshold: blank(p.contractThreshold),
          currency: p.currency as ApprovalSettingsInput['policies'][number]['currency'],
          finalRoleId: p.finalRoleId,
        })),
        managers: v.managers ?? [],
      },
      { onSuccess: () => void message.success(t('common.saved')), onError: (err) => showError(err, form) },
    );
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 960 }}>
      <Card title={t('approvals.settings.policies')} size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('approvals.settings.policiesHelp')}</Typography.Paragraph>
        <Form.List name="policies">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item name={[f.name, 'roleId']} label={t('approvals.settings.role')} rules={[{ required: true, message: t('validation.required') }]}>
                    <Select options={roleOptions} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'maxDiscountPercent']} label={t('approvals.settings.maxDiscount')}>
                    <Input suffix="%" style={{ width: 120 }} placeholder={t('approvals.settings.noLimit')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'contractThreshold']} label={t('approvals.settings.threshold')}>
                    <Input style={{ width: 150 }} placeholder={t('approvals.settings.noLimit')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'currency']} label={t('approvals.settings.currency')} initialValue="CNY">
                    <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} style={{ width: 90 }} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'finalRoleId']}
                    label={t('approvals.settings.finalRole')}
                    rules={[{ required: true, message: t('validation.required') }]}
                  >
                    <Select options={roleOptions} style={{ width: 160 }} />
                  </Form.Item>
                  <Button aria-label={t('common.delete')} icon={<DeleteOutlined />} style={{ marginTop: 30 }} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ currency: 'CNY' })}>
                {t('approvals.settings.addPolicy')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>
      <Card title={t('approvals.settings.managers')} size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('approvals.settings.managersHelp')}</Typography.Paragraph>
        <Form.List name="managers">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item name={[f.name, 'teamId']} label={t('approvals.settings.team')} rules={[{ required: true, message: t('validation.required') }]}>
                    <TeamTreeSelect style={{ width: 220 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'userId']} label={t('approvals.settings.manager')} rules={[{ required: true, message: t('validation.required') }]}>
                    <UserSelect style={{ width: 260 }} />
                  </Form.Item>
                  <Button aria-label={t('common.delete')} icon={<DeleteOutlined />} style={{ marginTop: 30 }} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add()}>
                {t('approvals.settings.addManager')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>
      <Flex justify="end">
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
