import { Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../shared/schemas/decision-chain';
import { RecordSelect, type RecordSelectSource } from '../../components/RecordSelect';
import { contactKeys, fetchContact, useCreateContact } from '../contacts/api';
import { organizationKeys } from '../organizations/api';
import { PersonFields, type PersonValues, personAttributes } from './PersonFields';

type Values = PersonValues & { mode: 'existing' | 'new'; contactId?: string; name?: string };

interface Props {
  open: boolean;
  organizationId: string;
  departments: Department[];
  /** Contacts already in the chain cannot be added twice. */
  taken: Set<string>;
  canCreateContact: boolean;
  onClose(): void;
  onAdd(contactId: string, attributes: ReturnType<typeof personAttributes>): Promise<void>;
}

/** Adds a contact of the organization to the chain, or creates the contact first when they are new to us. */
export function AddPersonModal({ open, organizationId, departments, taken, canCreateContact, onClose, onAdd }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form);
  const createContact = useCreateContact();
  const [busy, setBusy] = useState(false);
  const source: RecordSelectSource = {
    path: `/organizations/${organizationId}/contacts`,
    keyPrefix: organizationKeys.contactsOf(organizationId),
    detailKey: contactKeys.detail,
    fetchOne: fetchContact,
  };

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      let contactId = v.contactId;
      if (v.mode === 'new') {
        const created = await createContact.mutateAsync({
          name: (v.name ?? '').trim(),
          organizations: [{ organizationId, title: v.title?.trim() || null }],
        });
        contactId = created.id;
      }
      if (contactId) await onAdd(contactId, personAttributes(v));
      form.resetFields();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('decisionChain.addPerson')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('decisionChain.add')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'add-person-ok' } as never}
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ mode: 'existing', support: 'neutral' }} onFinish={submit} data-testid="add-person-form">
        <Form.Item name="mode">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'existing', label: t('decisionChain.existingContact') },
              { value: 'new', label: t('decisionChain.newContact'), disabled: !canCreateContact },
            ]}
          />
        </Form.Item>
        {mode === 'new' ? (
          <Form.Item
            name="name"
            label={t('decisionChain.fields.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 120 }]}
          >
            <Input maxLength={120} />
          </Form.Item>
        ) : (
          <Form.Item
            name="contactId"
            label={t('decisionChain.fields.contact')}
            extra={t('decisionChain.contactHint')}
            rules={[
              { required: true, message: t('validation.required') },
              { validator: (_, value) => (value && taken.has(value) ? Promise.reject(new Error(t('decisionChain.alreadyInChain'))) : Promise.resolve()) },
            ]}
          >
            <RecordSelect source={source} placeholder={t('decisionChain.chooseContact')} data-testid="contact-select" />
          </Form.Item>
        )}
        <PersonFields departments={departments} />
      </Form>
    </Modal>
  );
}
