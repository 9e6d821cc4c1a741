import { App, Button, Drawer, Flex, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permissions } from '../../../shared/schemas/permissions';
import { ApiError } from '../../lib/api';
import { useShowError } from '../../lib/useShowError';
import { useCreateRole, useRoles, useUpdateRole } from './api';
import { PermissionMatrix } from './PermissionMatrix';

interface Values {
  name: string;
  description?: string | null;
  permissions: Permissions;
}

interface Props {
  /** A role id to edit, null for a new role, undefined when closed. */
  roleId: string | null | undefined;
  onClose: () => void;
}

export function RoleFormDrawer({ roleId, onClose }: Props) {
  const { t } = useTranslation();
  const open = roleId !== undefined;
  // Keeps the title of the role being closed during the closing animation.
  const [shown, setShown] = useState(roleId);
  if (open && roleId !== shown) setShown(roleId);
  return (
    <Drawer title={shown ? t('roles.editTitle') : t('roles.createTitle')} open={open} onClose={onClose} size={860} destroyOnHidden>
      {open && <RoleForm key={roleId ?? 'new'} roleId={roleId} onDone={onClose} />}
    </Drawer>
  );
}

function RoleForm({ roleId, onDone }: { roleId: string | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const roles = useRoles();
  const create = useCreateRole();
  const update = useUpdateRole();
  // Read from the live list so the version is current again after a conflict refetch.
  const role = roleId ? roles.data?.find((r) => r.id === roleId) : undefined;

  const onSuccess = () => {
    void message.success(t('common.saved'));
    onDone();
  };
  const onError = (err: unknown) => {
    if (err instanceof ApiError && err.code === 'version_conflict') {
      void message.warning(t('errors.version_conflict'));
      return;
    }
    showError(err, form);
  };

  const onFinish = (values: Values) => {
    const body = { name: values.name, description: values.description?.trim() || null, permissions: values.permissions ?? {} };
    if (role) update.mutate({ id: role.id, version: role.version, ...body }, { onSuccess, onError });
    else create.mutate(body, { onSuccess, onError });
  };

  return (
    <Form<Values>
      form={form}
      name="role"
      layout="vertical"
      onFinish={onFinish}
      initialValues={role ? { name: role.name, description: role.description, permissions: role.permissions } : { permissions: {} }}
    >
      <Form.Item label={t('roles.name')} name="name" rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input autoFocus maxLength={80} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('roles.description')} name="description">
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
      <Form.Item label={t('roles.permissions')} name="permissions" extra={t('roles.permissionsHint')}>
        <PermissionMatrix />
      </Form.Item>
      <Flex gap={8} justify="flex-end">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
          {role ? t('common.save') : t('common.create')}
        </Button>
      </Flex>
    </Form>
  );
}
