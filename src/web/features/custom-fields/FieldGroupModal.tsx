import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomFieldEntity, FieldGroup } from '../../../shared/schemas/custom-fields';
import { useShowError } from '../../lib/useShowError';
import { useCreateFieldGroup, useUpdateFieldGroup } from './api';

interface Values {
  labelEn: string;
  labelZh: string;
}

/** Adds or renames a field group (a section of the form and detail page, e.g. 经营信息). */
export function FieldGroupModal({ entity, group, onClose }: { entity: CustomFieldEntity; group: FieldGroup | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const create = useCreateFieldGroup();
  const update = useUpdateFieldGroup();

  const onFinish = (v: Values) => {
    const label = { en: v.labelEn?.trim() ?? '', 'zh-CN': v.labelZh?.trim() ?? '' };
    const done = () => {
      void message.success(t('common.saved'));
      onClose();
    };
    if (group) update.mutate({ id: group.id, version: group.version, label }, { onSuccess: done, onError: (err) => showError(err) });
    else create.mutate({ entity, label }, { onSuccess: done, onError: (err) => showError(err) });
  };

  return (
    <Modal
      open
      title={group ? t('customFields.editGroup') : t('customFields.newGroup')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={group ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        name="fieldGroup"
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ labelEn: group?.label.en ?? '', labelZh: group?.label['zh-CN'] ?? '' }}
        onValuesChange={() => void form.validateFields(['labelEn']).catch(() => undefined)}
      >
        <Form.Item
          label={t('customFields.labelEn')}
          name="labelEn"
          rules={[
            {
              validator: () =>
                form.getFieldValue('labelEn')?.trim() || form.getFieldValue('labelZh')?.trim()
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('customFields.labelRequired'))),
            },
          ]}
        >
          <Input autoComplete="off" maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item label={t('customFields.labelZh')} name="labelZh">
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
