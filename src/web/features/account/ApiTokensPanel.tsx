import { Alert, App, Button, Empty, Form, Input, InputNumber, Popconfirm, Table, type TableProps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '../../../shared/schemas/auth';
import { CopyableSecret } from '../../components/CopyableSecret';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { useShowError } from '../../lib/useShowError';
import { type ApiTokenCreated, useApiTokens, useCreateApiToken, useRevokeApiToken } from './api';

interface Values {
  name: string;
  expiresInDays?: number | null;
}

export function ApiTokensPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  // The secret exists only in this response; once dismissed it cannot be shown again.
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);

  const onFinish = (values: Values) =>
    create.mutate(
      { name: values.name, expiresInDays: values.expiresInDays ?? null },
      {
        onSuccess: (token) => {
          setCreated(token);
          form.resetFields();
        },
        onError: (err) => showError(err, form),
      },
    );

  const columns: TableProps<ApiToken>['columns'] = [
    { title: t('account.tokens.name'), dataIndex: 'name', key: 'name' },
    { title: t('account.tokens.prefix'), dataIndex: 'tokenPrefix', key: 'tokenPrefix', render: (p: string) => <code>{p}…</code> },
    { title: t('account.tokens.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: formatDateTime },
    { title: t('account.tokens.lastUsedAt'), dataIndex: 'lastUsedAt', key: 'lastUsedAt', render: (v: string | null) => formatDateTime(v) || t('common.never') },
    {
      title: t('account.tokens.expiresAt'),
      dataIndex: 'expiresAt',
      key: 'expiresAt',
      render: (v: string | null) => formatDateTime(v) || t('account.tokens.noExpiry'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, token) => (
        <Popconfirm
          title={t('account.tokens.revokeConfirm', { name: token.name })}
          description={t('account.tokens.revokeHint')}
          okText={t('account.tokens.revoke')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={() => revoke.mutate(token.id, { onSuccess: () => void message.success(t('account.tokens.revoked')), onError: (err) => showError(err) })}
        >
          <Button type="link" size="small" danger>
            {t('account.tokens.revoke')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('account.tokens.description')}</Typography.Paragraph>
      {created && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setCreated(null), 'aria-label': t('common.close') }}
          style={{ marginBottom: 16 }}
          title={t('account.tokens.createdTitle', { name: created.name })}
          description={
            <>
              <Typography.Paragraph>{t('account.tokens.createdHint')}</Typography.Paragraph>
              <CopyableSecret value={created.token} label={t('account.tokens.newToken')} />
            </>
          }
        />
      )}
      <Form<Values> form={form} name="createToken" layout="inline" colon={false} onFinish={onFinish} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('account.tokens.name')} name="name" rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={80} autoComplete="off" style={{ width: 220 }} />
        </Form.Item>
        <Form.Item label={t('account.tokens.expiresInDays')} name="expiresInDays">
          <InputNumber min={1} max={3650} precision={0} placeholder={t('account.tokens.noExpiry')} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('account.tokens.create')}
          </Button>
        </Form.Item>
      </Form>
      {tokens.isError ? (
        <QueryError error={tokens.error} onRetry={() => tokens.refetch()} />
      ) : (
        <Table<ApiToken>
          rowKey="id"
          columns={columns}
          dataSource={tokens.data?.items ?? []}
          loading={tokens.isLoading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('account.tokens.empty')} /> }}
        />
      )}
    </>
  );
}
