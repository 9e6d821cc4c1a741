import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Drawer, Flex, Form, Input, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact, ContactCreate } from '../../../shared/schemas/customers';
import { ApiError } from '../../lib/api';
import { canAssignOwner } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { useCustomFieldCatalog } from '../custom-fields/api';
import { CustomFieldInputs } from '../custom-fields/CustomFieldInputs';
import { customBody, customFormValues } from '../custom-fields/customFormValues';
import { EmailListField, PhoneListField } from '../customers/ContactPointFields';
import { type Tier, tierOptions } from '../customers/customerLabels';
import { FormSection } from '../customers/FormSection';
import { blankToNull, cleanEmails, cleanPhones, emailRows, phoneRows } from '../customers/formValues';
import { RegionFields } from '../customers/RegionFields';
import { TagsInput } from '../customers/TagsInput';
import { DuplicateWarning } from '../duplicates/DuplicateWarning';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { UserSelect } from '../users/UserSelect';
import { fetchContact, useCreateContact, useUpdateContact } from './api';

interface Membership {
  organizationId: string | null;
  title: string;
  department: string;
}

interface Values {
  name: string;
  organizations: Membership[];
  tier: Tier | null;
  ownerId: string | null;
  source: string | null;
  country: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  address: string | null;
  tags: string[];
  phones: { label: string; number: string }[];
  emails: { label: string; address: string }[];
  notes: string | null;
  /** Custom values by key, as the API gives them. */
  custom: Record<string, unknown>;
}

// Every field has a value in the form's store, so server errors can be matched to it (see useShowError).
const valuesOf = (c: Contact): Values => ({
  name: c.name,
  organizations: c.organizations.map((m) => ({ organizationId: m.organizationId, title: m.title ?? '', department: m.department ?? '' })),
  tier: c.tier,
  ownerId: c.ownerId,
  source: c.source,
  country: c.country,
  province: c.province,
  city: c.city,
  district: c.district,
  address: c.address,
  tags: c.tags,
  phones: phoneRows(c.phones),
  emails: emailRows(c.emails),
  notes: c.notes,
  custom: customFormValues(c.custom),
});

const emptyValues = (ownerId: string, organizationId?: string): Values => ({
  name: '',
  organizations: organizationId ? [{ organizationId, title: '', department: '' }] : [],
  tier: null,
  ownerId,
  source: null,
  country: null,
  province: null,
  city: null,
  district: null,
  address: null,
  tags: [],
  phones: [],
  emails: [],
  notes: null,
  custom: {},
});

function bodyOf(v: Values): ContactCreate {
  return {
    name: v.name.trim(),
    organizations: (v.organizations ?? [])
      .filter((m): m is Membership & { organizationId: string } => !!m.organizationId)
      .map((m) => ({ organizationId: m.organizationId, title: blankToNull(m.title), department: blankToNull(m.department) })),
    tier: v.tier ?? null,
    ownerId: v.ownerId ?? null,
    source: blankToNull(v.source),
    country: v.country ?? null,
    province: blankToNull(v.province),
    city: blankToNull(v.city),
    district: blankToNull(v.district),
    address: blankToNull(v.address),
    tags: v.tags ?? [],
    phones: cleanPhones(v.phones),
    emails: cleanEmails(v.emails),
    notes: blankToNull(v.notes),
  };
}

interface Props {
  /** null opens the form for a new contact. */
  contact: Contact | null;
  open: boolean;
  onClose: () => void;
  /** A new contact starts as a member of this organization (from the organization's page). */
  organizationId?: string;
  /** Called with a newly created contact, e.g. to open its page. */
  onCreated?: (contact: Contact) => void;
}

export function ContactFormDrawer({ contact, open, onClose, organizationId, onCreated }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer title={contact ? t('contacts.editTitle') : t('contacts.createTitle')} open={open} onClose={onClose} size={640} destroyOnHidden>
      {open && <ContactForm key={contact?.id ?? 'new'} contact={contact} organizationId={organizationId} onDone={onClose} onCreated={onCreated} />}
    </Drawer>
  );
}

function ContactForm({
  contact,
  organizationId,
  onDone,
  onCreated,
}: {
  contact: Contact | null;
  organizationId?: string;
  onDone: () => void;
  onCreated?: (c: Contact) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  // The record being edited; replaced by a fresh copy when someone else saved in between.
  const [record, setRecord] = useState(contact);
  const create = useCreateContact();
  const update = useUpdateContact();

  const customFields = useCustomFieldCatalog('contacts').data?.fields ?? [];

  const onFinish = (values: Values) => {
    const body = { ...bodyOf(values), custom: customBody(customFields, values.custom, record?.custom) };
    if (!record) {
      create.mutate(body, {
        onSuccess: (saved) => {
          void message.success(t('contacts.created'));
          onDone();
          onCreated?.(saved);
        },
        onError: (err) => showError(err, form),
      });
      return;
    }
    update.mutate(
      { id: record.id, version: record.version, ...body },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onDone();
        },
        onError: async (err) => {
          if (err instanceof ApiError && err.code === 'version_conflict') {
            void message.warning(t('errors.version_conflict'));
            const fresh = await fetchContact(record.id).catch(() => null);
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

  const required = { required: true, message: t('validation.required') };
  const mayAssign = canAssignOwner(me.permissions, 'contacts');

  return (
    <Form<Values>
      form={form}
      name="contact"
      layout="vertical"
      onFinish={onFinish}
      initialValues={record ? valuesOf(record) : emptyValues(me.user.id, organizationId)}
      scrollToFirstError
    >
      <FormSection title={t('contacts.sections.basics')} />
      <Form.Item label={t('contacts.name')} name="name" rules={[{ ...required, whitespace: true }]}>
        <Input autoComplete="off" maxLength={120} autoFocus />
      </Form.Item>
      <DuplicateWarning type="contacts" excludeId={record?.id} />
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item label={t('customers.tier')} name="tier">
            <Select allowClear placeholder={t('common.none')} options={tierOptions(t)} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t('customers.owner')} name="ownerId" extra={mayAssign ? t('customers.ownerHint') : t('customers.ownerSelfOnly')}>
            <UserSelect placeholder={t('customers.pool')} disabled={!mayAssign} allowClear={mayAssign} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item label={t('customers.source')} name="source">
            <Input autoComplete="off" maxLength={80} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t('customers.tags')} name="tags">
            <TagsInput />
          </Form.Item>
        </Col>
      </Row>

      <FormSection title={t('contacts.organizations')} />
      <Form.List name="organizations">
        {(fields, { add, remove }) => (
          <Flex vertical gap={0} style={{ marginBottom: 16 }}>
            {fields.map(({ key, name: index }) => (
              <Flex key={key} gap={8} align="flex-start" wrap>
                <Form.Item name={[index, 'organizationId']} rules={[required]} style={{ flex: '2 1 200px' }}>
                  <OrganizationSelect aria-label={`${t('contacts.organization')} ${index + 1}`} />
                </Form.Item>
                <Form.Item name={[index, 'title']} style={{ flex: '1 1 120px' }}>
                  <Input
                    placeholder={t('contacts.jobTitle')}
                    aria-label={`${t('contacts.organization')} ${index + 1}: ${t('contacts.jobTitle')}`}
                    maxLength={100}
                  />
                </Form.Item>
                <Form.Item name={[index, 'department']} style={{ flex: '1 1 120px' }}>
                  <Input
                    placeholder={t('contacts.department')}
                    aria-label={`${t('contacts.organization')} ${index + 1}: ${t('contacts.department')}`}
                    maxLength={100}
                  />
                </Form.Item>
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  aria-label={t('customers.removeRow', { label: t('contacts.organization'), n: index + 1 })}
                  title={t('common.delete')}
                  onClick={() => remove(index)}
                />
              </Flex>
            ))}
            {fields.length === 0 && (
              <Typography.Text type="secondary" style={{ marginBottom: 8 }}>
                {t('contacts.noOrganization')}
              </Typography.Text>
            )}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ organizationId: null, title: '', department: '' })}
              style={{ alignSelf: 'flex-start' }}
              disabled={fields.length >= 20}
            >
              {t('contacts.addOrganization')}
            </Button>
          </Flex>
        )}
      </Form.List>

      <FormSection title={t('customers.sections.contactDetails')} />
      <PhoneListField />
      <EmailListField />

      <FormSection title={t('customers.sections.address')} />
      <RegionFields />
      <Form.Item label={t('customers.address')} name="address">
        <Input autoComplete="off" maxLength={300} />
      </Form.Item>

      <CustomFieldInputs entity="contacts" creating={!record} />

      <Form.Item label={t('customers.notes')} name="notes">
        <Input.TextArea rows={4} maxLength={10_000} />
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
