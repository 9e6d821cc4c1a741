import { App, Button, Card, Form, Input, Spin } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanySettings as Company } from '../../../shared/schemas/quotes';
import { QueryError } from '../../components/QueryError';
import { can } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import { useCompanySettings, useSaveCompanySettings } from './api';
import { useModuleError } from './moduleError';

/** Settings tab "Company": the header printed on every quote PDF. */
export function CompanySettings() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useModuleError('quotes');
  const { permissions } = useCurrentUser();
  const company = useCompanySettings();
  const save = useSaveCompanySettings();
  const [form] = Form.useForm<Company>();
  useEffect(() => {
    if (company.data) form.setFieldsValue(company.data);
  }, [company.data, form]);
  if (company.isError) return <QueryError error={company.error} onRetry={() => company.refetch()} />;
  if (!company.data) return <Spin />;
  const admin = can(permissions, 'settings', 'admin');
  return (
    <Card title={t('quotes.company.title')}>
      <Form
        form={form}
        layout="vertical"
        disabled={!admin}
        style={{ maxWidth: 560 }}
        onFinish={(v) =>
          save.mutateAsync(v).then(
            () => message.success(t('quotes.company.saved')),
            (err) => showError(err, form),
          )
        }
      >
        <Form.Item name="name" label={t('quotes.company.name')} extra={t('quotes.company.help')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="address" label={t('quotes.company.address')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="phone" label={t('quotes.company.phone')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="email" label={t('quotes.company.email')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="website" label={t('quotes.company.website')}>
          <Input maxLength={200} />
        </Form.Item>
        {admin && (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
