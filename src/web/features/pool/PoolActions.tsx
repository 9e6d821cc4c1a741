import { ExportOutlined, ImportOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Organization } from '../../../shared/schemas/customers';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { useClaim, useRelease } from './api';
import { poolErrorMessage } from './poolErrors';

/** On the organization page: "Release to pool" for an owned record, "Claim" for one in the pool. */
export function PoolActions({ organization: o }: { organization: Organization }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const { permissions } = useCurrentUser();
  const [releasing, setReleasing] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const release = useRelease();
  const claim = useClaim();

  if (!can(permissions, 'organizations', 'update')) return null;
  const fail = (err: unknown) => {
    const text = poolErrorMessage(t, err);
    if (text) void message.error(text);
    else showError(err, form);
  };

  if (o.ownerId === null) {
    return (
      <Button
        icon={<ImportOutlined />}
        loading={claim.isPending}
        onClick={() => claim.mutate(o.id, { onSuccess: () => void message.success(t('pool.claimed', { name: o.name })), onError: fail })}
      >
        {t('pool.claim')}
      </Button>
    );
  }

  const onRelease = ({ reason }: { reason: string }) =>
    release.mutate(
      { id: o.id, reason },
      {
        onSuccess: () => {
          setReleasing(false);
          void message.success(t('pool.released', { name: o.name }));
          // The record may now be out of the user's sight; the pool is where it went.
          navigate('/pool');
        },
        onError: fail,
      },
    );

  return (
    <>
      <Button icon={<ExportOutlined />} onClick={() => setReleasing(true)}>
        {t('pool.release')}
      </Button>
      <Modal
        open={releasing}
        title={t('pool.releaseTitle', { name: o.name })}
        okText={t('pool.release')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, loading: release.isPending, htmlType: 'submit', form: 'pool-release' }}
        onCancel={() => setReleasing(false)}
        destroyOnHidden
      >
        <Form form={form} id="pool-release" name="pool-release" layout="vertical" onFinish={onRelease} preserve={false}>
          {/* Above the field: below it, the hint and the character counter would share one line. */}
          <Typography.Paragraph type="secondary">{t('pool.releaseHint')}</Typography.Paragraph>
          <Form.Item name="reason" label={t('pool.reason')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea rows={3} maxLength={500} showCount autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
