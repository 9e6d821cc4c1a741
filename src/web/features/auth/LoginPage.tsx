import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { Login } from '../../../shared/schemas/auth';
import { LanguageSelect } from '../../components/LanguageSelect';
import { errorMessage } from '../../lib/errorMessage';
import { useLogin, useMe } from './api';

interface FromState {
  from?: { pathname: string; search?: string; hash?: string };
}

function returnPath(state: unknown): string {
  const from = (state as FromState | null)?.from;
  if (!from?.pathname || from.pathname === '/login') return '/';
  return `${from.pathname}${from.search ?? ''}${from.hash ?? ''}`;
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const login = useLogin();
  const [error, setError] = useState<string | null>(null);

  if (me.data) return <Navigate to={returnPath(location.state)} replace />;

  const onFinish = (values: Login) => {
    setError(null);
    login.mutate(values, {
      onSuccess: () => navigate(returnPath(location.state), { replace: true }),
      onError: (err) => setError(errorMessage(t, err)),
    });
  };

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', background: '#f5f5f5', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <LanguageSelect />
        </Flex>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
        <Form<Login> name="login" layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item label={t('login.email')} name="email" rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input prefix={<MailOutlined />} autoComplete="username" autoFocus inputMode="email" />
          </Form.Item>
          <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('validation.required') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
