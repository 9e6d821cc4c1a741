import { SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Select, Switch, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailSettingsUpdate, MailSettings as Settings } from '../../../shared/schemas/tracking-settings';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { useShowError } from '../../lib/useShowError';
import { useMailSettings, useSendTestMail, useUpdateMailSettings } from './api';

type Values = Omit<MailSettingsUpdate, 'password'> & { password?: string; clearPassword?: boolean };

/** IANA zones the browser knows, for the zone reminders are written in. */
function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC', 'Asia/Shanghai'];
  }
}

/** SMTP server for reminder e-mails. The password is write-only: the form says whether one is set and keeps it unless a new one is typed. */
export function MailSettings() {
  const settings = useMailSettings();
  if (settings.isPending) return <PageLoading />;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => settings.refetch()} />;
  return <MailForm key={JSON.stringify(settings.data)} settings={settings.data} />;
}

function MailForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const save = useUpdateMailSettings();
  const test = useSendTestMail();
  const [dirty, setDirty] = useState(false);
  const zones = useMemo(() => timeZones().map((z) => ({ value: z, label: z })), []);
  const { passwordSet: _, ...initial } = settings;

  const onFinish = ({ password, clearPassword, ...v }: Values) => {
    const input: MailSettingsUpdate = { ...v, ...(clearPassword ? { password: null } : password ? { password } : {}) };
    save.mutate(input, {
      onSuccess: () => {
        void message.success(t('common.saved'));
        setDirty(false);
      },
      onError: (err) => showError(err, form),
    });
  };

  const sendTest = () =>
    test.mutate(undefined, {
      onSuccess: ({ to }) => void message.success(t('settings.mail.testSent', { to })),
      onError: (err) => showError(err),
    });

  const item = { style: { marginBottom: 16 } };
  return (
    <Card style={{ maxWidth: 760 }}>
      <Typography.Paragraph type="secondary">{t('settings.mail.description')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={onFinish}
        onValuesChange={() => setDirty(true)}
        requiredMark={false}
        name="mailSettings"
      >
        <Form.Item name="enabled" label={t('settings.mail.enabled')} valuePropName="checked" {...item}>
          <Switch data-testid="mail-enabled" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="host" label={t('settings.mail.host')} style={{ ...item.style, flex: '1 1 260px' }}>
            <Input placeholder="smtp.example.com" autoComplete="off" data-testid="mail-host" />
          </Form.Item>
          <Form.Item name="port" label={t('settings.mail.port')} {...item}>
            <InputNumber min={1} max={65_535} precision={0} style={{ width: 120 }} data-testid="mail-port" />
          </Form.Item>
          <Form.Item name="secure" label={t('settings.mail.secure')} valuePropName="checked" tooltip={t('settings.mail.secureHint')} {...item}>
            <Switch />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="user" label={t('settings.mail.user')} style={{ ...item.style, flex: '1 1 240px' }}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="password"
            label={
              <Flex gap={8} align="center">
                {t('settings.mail.password')}
                <Tag color={settings.passwordSet ? 'green' : 'default'} data-testid="mail-password-state">
                  {t(settings.passwordSet ? 'settings.mail.passwordSet' : 'settings.mail.passwordNotSet')}
                </Tag>
              </Flex>
            }
            style={{ ...item.style, flex: '1 1 240px' }}
          >
            <Input.Password autoComplete="new-password" placeholder={settings.passwordSet ? t('settings.mail.passwordKeep') : undefined} />
          </Form.Item>
        </Flex>
        {settings.passwordSet && (
          <Form.Item name="clearPassword" valuePropName="checked" {...item}>
            <Checkbox>{t('settings.mail.clearPassword')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="from" label={t('settings.mail.from')} extra={t('settings.mail.fromHint')} {...item}>
          <Input placeholder="Guanxi CRM <crm@example.com>" autoComplete="off" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="appUrl" label={t('settings.mail.appUrl')} extra={t('settings.mail.appUrlHint')} style={{ ...item.style, flex: '1 1 300px' }}>
            <Input placeholder="https://crm.example.com" autoComplete="off" />
          </Form.Item>
          <Form.Item name="timeZone" label={t('settings.mail.timeZone')} style={{ ...item.style, flex: '1 1 220px' }}>
            <Select showSearch options={zones} />
          </Form.Item>
        </Flex>
        <Flex gap={8} wrap>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="mail-save">
            {t('common.save')}
          </Button>
          <Button icon={<SendOutlined />} onClick={sendTest} loading={test.isPending} disabled={dirty || !settings.enabled} data-testid="mail-test">
            {t('settings.mail.sendTest')}
          </Button>
          {dirty && <Typography.Text type="secondary">{t('settings.mail.saveFirst')}</Typography.Text>}
        </Flex>
      </Form>
    </Card>
  );
}
