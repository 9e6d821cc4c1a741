import { App, Button, Drawer, Flex, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../shared/schemas/common';
import type { User } from '../../../shared/schemas/users';
import { LANGUAGES, languageName } from '../../i18n';
import { ApiError } from '../../lib/api';
import { useShowError } from '../../lib/useShowError';
import { useRoles } from '../roles/api';
import { roleDisplayName } from '../roles/roleDisplayName';
import { TeamTreeSelect } from '../teams/TeamTreeSelect';
import { fetchUser, useCreateUser, useUpdateUser } from './api';

interface Values {
  email: string;
  name: string;
  password?: string;
  locale: Locale;
  teamId: string | null;
  roleId: string;
}

const valuesOf = (u: User): Values => ({ email: u.email, name: u.name, locale: u.locale, teamId: u.teamId, roleId: u.roleId, password: '' });

interface Props {
  /** null opens the form for a new user. */
  user: User | null;
  open: boolean;
  onClose: () => void;
}

export function UserFormDrawer({ user, open, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer title={user ? t('users.editTitle') : t('users.createTitle')} open={open} onClose={onClose} size={480} destroyOnHidden>
      {open && <UserForm key={user?.id ?? 'new'} user={user} onDone={onClose} />}
    </Drawer>
  );
}

function UserForm({ user, onDone }: { user: User | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  // The record being edited; replaced by a fresh copy when someone else saved in between.
  const [record, setRecord] = useState(user);
  const roles = useRoles();
  const create = useCreateUser();
  const update = useUpdateUser();

  const onFinish = (values: Values) => {
    const teamId = values.teamId ?? null;
    if (!record) {
      create.mutate(
        { ...values, teamId, password: values.password ?? '' },
        {
          onSuccess: () => {
            void message.success(t('users.created'));
            onDone();
          },
          onError: (err) => showError(err, form),
        },
      );
      return;
    }
    update.mutate(
      {
        id: record.id,
        version: record.version,
        email: values.email,
        name: values.name,
        locale: values.locale,
        teamId,
        roleId: values.roleId,
        ...(values.password ? { password: values.password } : {}),
      },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onDone();
        },
        onError: async (err) => {
          if (err instanceof ApiError && err.code === 'version_conflict') {
            void message.warning(t('errors.version_conflict'));
            const fresh = await fetchUser(record.id).catch(() => null);
            if (fresh) {
              setRecord(fresh);
              form.setFieldsValue(valuesOf(fresh));
            }
            return;
          }
          showError(err, form);
        },
      },
    );
  };

  const passwordRules = [...(record ? [] : [{ required: true, message: t('validation.required') }]), { min: 10, message: t('validation.passwordLength') }];

  return (
    <Form<Values> form={form} name="user" layout="vertical" onFinish={onFinish} initialValues={record ? valuesOf(record) : { locale: 'zh-CN', teamId: null }}>
      <Form.Item
        label={t('users.email')}
        name="email"
        rules={[
          { required: true, message: t('validation.required') },
          { type: 'email', message: t('validation.email') },
        ]}
      >
        <Input inputMode="email" autoComplete="off" autoFocus />
      </Form.Item>
      <Form.Item label={t('users.name')} name="name" rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input autoComplete="off" maxLength={120} />
      </Form.Item>
      <Form.Item
        label={record ? t('users.newPassword') : t('users.password')}
        name="password"
        rules={passwordRules}
        extra={record ? t('users.newPasswordHint') : t('users.passwordHint')}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item label={t('users.locale')} name="locale" rules={[{ required: true, message: t('validation.required') }]}>
        <Select options={LANGUAGES.map((l) => ({ value: l, label: languageName(t, l) }))} />
      </Form.Item>
      <Form.Item label={t('users.team')} name="teamId">
        <TeamTreeSelect />
      </Form.Item>
      <Form.Item label={t('users.role')} name="roleId" rules={[{ required: true, message: t('validation.required') }]}>
        <Select
          loading={roles.isLoading}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('users.chooseRole')}
          options={(roles.data ?? []).map((r) => ({ value: r.id, label: roleDisplayName(t, r.name, r.builtinKey) }))}
        />
      </Form.Item>
      <Flex gap={8} justify="flex-end">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
          {record ? t('common.save') : t('common.create')}
        </Button>
      </Flex>
    </Form>
  );
}
