import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Space, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/useShowError';
import { TeamTreeSelect } from '../teams/TeamTreeSelect';
import { UserSelect } from '../users/UserSelect';
import { useLeadRules, useSaveLeadRules } from './api';
import { ProvinceSelect } from './ProvinceSelect';

type Rule = { id?: string; name: string; provinceCode?: string | null; teamId?: string | null; userId?: string | null; active: boolean; turns?: number };

/** Settings tab: who gets a lead that arrives without an owner (first matching rule wins). */
export function LeadRulesSettings() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const rules = useLeadRules();
  const save = useSaveLeadRules();
  const [form] = Form.useForm<{ rules: Rule[] }>();
  useEffect(() => {
    if (rules.data) form.setFieldsValue({ rules: rules.data.items });
  }, [rules.data, form]);
  if (rules.isPending) return <PageLoading />;
  if (rules.isError) return <QueryError error={rules.error} onRetry={() => rules.refetch()} />;
  const onFinish = (v: { rules?: Rule[] }) =>
    save.mutate(
      (v.rules ?? []).map((r) => ({
        ...(r.id && { id: r.id }),
        name: r.name,
        provinceCode: r.provinceCode ?? null,
        teamId: r.userId ? null : (r.teamId ?? null),
        userId: r.userId ?? null,
        active: r.active ?? true,
      })),
      { onSuccess: () => void message.success(t('common.saved')), onError: (err) => showError(err) },
    );
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 1000 }}>
      <Typography.Paragraph type="secondary">{t('leads.rules.help')}</Typography.Paragraph>
      <Form.List name="rules">
        {(fields, { add, remove, move }) => (
          <Flex vertical gap={12}>
            {fields.map((f, i) => (
              <Card key={f.key} size="small" title={`${i + 1}.`}>
                <Space align="start" wrap>
                  <Form.Item name={[f.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'name']}
                    label={t('leads.rules.name')}
                    rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
                  >
                    <Input maxLength={100} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'provinceCode']} label={t('leads.rules.province')}>
                    <ProvinceSelect width={150} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'teamId']} label={t('leads.rules.team')} extra={t('leads.rules.teamHelp')}>
                    <TeamTreeSelect allowClear style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'userId']} label={t('leads.rules.user')}>
                    <UserSelect allowClear style={{ width: 220 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'active']} label={t('leads.rules.active')} valuePropName="checked" initialValue>
                    <Switch />
                  </Form.Item>
                  <Space style={{ marginTop: 30 }}>
                    <Button aria-label={t('leads.rules.up')} icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} />
                    <Button aria-label={t('leads.rules.down')} icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} />
                    <Button aria-label={t('common.delete')} danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                  </Space>
                </Space>
                <Form.Item noStyle shouldUpdate>
                  {() => {
                    const turns = form.getFieldValue(['rules', f.name, 'turns']) as number | undefined;
                    return turns ? <Typography.Text type="secondary">{t('leads.rules.turns', { count: turns })}</Typography.Text> : null;
                  }}
                </Form.Item>
              </Card>
            ))}
            <Flex gap={8} justify="space-between">
              <Button icon={<PlusOutlined />} onClick={() => add({ active: true })}>
                {t('leads.rules.add')}
              </Button>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Flex>
          </Flex>
        )}
      </Form.List>
    </Form>
  );
}
