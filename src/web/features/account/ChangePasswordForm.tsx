import { App, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../lib/useShowError';
import { type PasswordChange, useChangePassword } from './api';

type Values = PasswordChange & { confirmPassword: string };

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();

  const onFinish = ({ currentPassword, newPassword }: Values) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t('account.password.changed'));
        },
        onError: (err) => showError(err, form),
      },
    );

  return (
    <Form<Values> form={form} name="changePassword" layout="vertical" onFinish={onFinish} style={{ maxWidth: 420 }}>
      <Form.Item label={t('account.password.current')} name="currentPassword" rules={[{ required: true, message: t('validation.required') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        label={t('account.password.new')}
        name="newPassword"
        extra={t('users.passwordHint')}
        rules={[
          { required: true, message: t('validation.required') },
          { min: 10, message: t('validation.passwordLength') },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={t('account.password.confirm')}
        name="confirmPassword"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('validation.required') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('validation.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item extra={t('account.password.othersSignedOut')}>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('account.password.submit')}
        </Button>
      </Form.Item>
    </Form>
  );
}
