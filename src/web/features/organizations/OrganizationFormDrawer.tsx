import { App, Button, Col, Drawer, Flex, Form, Input, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organization, OrganizationCreate } from '../../../shared/schemas/customers';
import { ApiError } from '../../lib/api';
import { canAssignOwner } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { useCustomFieldCatalog } from '../custom-fields/api';
import { CustomFieldInputs } from '../custom-fields/CustomFieldInputs';
import { customBody, customFormValues } from '../custom-fields/customFormValues';
import { EmailListField, PhoneListField } from '../customers/ContactPointFields';
import {
  type LifecycleStatus,
  lifecycleOptions,
  type OrgSize,
  type PartyType,
  partyTypeOptions,
  sizeOptions,
  type Tier,
  tierOptions,
} from '../customers/customerLabels';
import { FormSection } from '../customers/FormSection';
import { blankToNull, cleanEmails, cleanPhones, emailRows, phoneRows } from '../customers/formValues';
import { RegionFields } from '../customers/RegionFields';
import { TagsInput } from '../customers/TagsInput';
import { isValidUscc } from '../customers/uscc';
import { DuplicateWarning } from '../duplicates/DuplicateWarning';
import { UserSelect } from '../users/UserSelect';
import { fetchOrganization, useCreateOrganization, useUpdateOrganization } from './api';

interface Values {
  name: string;
  partyType: PartyType;
  lifecycleStatus: LifecycleStatus;
  lifecycleReason: string;
  tier: Tier | null;
  ownerId: string | null;
  industry: string | null;
  size: OrgSize | null;
  source: string | null;
  country: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  address: string | null;
  website: string | null;
  uscc: string | null;
  tags: string[];
  phones: { label: string; number: string }[];
  emails: { label: string; address: string }[];
  notes: string | null;
  /** Custom values by key, as the API gives them. */
  custom: Record<string, unknown>;
}

// Every field has a value in the form's store, so server errors can be matched to it (see useShowError).
const valuesOf = (o: Organization): Values => ({
  name: o.name,
  partyType: o.partyType,
  lifecycleStatus: o.lifecycleStatus,
  lifecycleReason: '',
  tier: o.tier,
  ownerId: o.ownerId,
  industry: o.industry,
  size: o.size,
  source: o.source,
  country: o.country,
  province: o.province,
  city: o.city,
  district: o.district,
  address: o.address,
  website: o.website,
  uscc: o.uscc,
  tags: o.tags,
  phones: phoneRows(o.phones),
  emails: emailRows(o.emails),
  notes: o.notes,
  custom: customFormValues(o.custom),
});

const emptyValues = (ownerId: string): Values => ({
  name: '',
  partyType: 'customer',
  lifecycleStatus: 'potential',
  lifecycleReason: '',
  tier: null,
  ownerId,
  industry: null,
  size: null,
  source: null,
  country: null,
  province: null,
  city: null,
  district: null,
  address: null,
  website: null,
  uscc: null,
  tags: [],
  phones: [],
  emails: [],
  notes: null,
  custom: {},
});

/** The API body for both create and update: blanks become null, the lifecycle reason travels separately. */
function bodyOf(v: Values): OrganizationCreate {
  return {
    name: v.name.trim(),
    partyType: v.partyType,
    lifecycleStatus: v.lifecycleStatus,
    tier: v.tier ?? null,
    ownerId: v.ownerId ?? null,
    industry: blankToNull(v.industry),
    size: v.size ?? null,
    source: blankToNull(v.source),
    country: v.country ?? null,
    province: blankToNull(v.province),
    city: blankToNull(v.city),
    district: blankToNull(v.district),
    address: blankToNull(v.address),
    website: blankToNull(v.website),
    uscc: blankToNull(v.uscc)?.toUpperCase() ?? null,
    tags: v.tags ?? [],
    phones: cleanPhones(v.phones),
    emails: cleanEmails(v.emails),
    notes: blankToNull(v.notes),
  };
}

interface Props {
  /** null opens the form for a new organization. */
  organization: Organization | null;
  open: boolean;
  onClose: () => void;
  /** Called with a newly created organization, e.g. to open its page. */
  onCreated?: (organization: Organization) => void;
}

export function OrganizationFormDrawer({ organization, open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer title={organization ? t('organizations.editTitle') : t('organizations.createTitle')} open={open} onClose={onClose} size={640} destroyOnHidden>
      {open && <OrganizationForm key={organization?.id ?? 'new'} organization={organization} onDone={onClose} onCreated={onCreated} />}
    </Drawer>
  );
}

function OrganizationForm({
  organization,
  onDone,
  onCreated,
}: {
  organization: Organization | null;
  onDone: () => void;
  onCreated?: (o: Organization) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  // The record being edited; replaced by a fresh copy when someone else saved in between.
  const [record, setRecord] = useState(organization);
  const create = useCreateOrganization();
  const update = useUpdateOrganization();
  const lifecycle = Form.useWatch('lifecycleStatus', form);
  const lifecycleChanged = record !== null && lifecycle !== undefined && lifecycle !== record.lifecycleStatus;

  const customFields = useCustomFieldCatalog('organizations').data?.fields ?? [];

  const onFinish = (values: Values) => {
    const body = { ...bodyOf(values), custom: customBody(customFields, values.custom, record?.custom) };
    if (!record) {
      create.mutate(body, {
        onSuccess: (saved) => {
          void message.success(t('organizations.created'));
          onDone();
          onCreated?.(saved);
        },
        onError: (err) => showError(err, form),
      });
      return;
    }
    update.mutate(
      {
        id: record.id,
        version: record.version,
        ...body,
        ...(body.lifecycleStatus !== record.lifecycleStatus ? { lifecycleReason: blankToNull(values.lifecycleReason) } : {}),
      },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onDone();
        },
        onError: async (err) => {
          if (err instanceof ApiError && err.code === 'version_conflict') {
            void message.warning(t('errors.version_conflict'));
            const fresh = await fetchOrganization(record.id).catch(() => null);
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
  const mayAssign = canAssignOwner(me.permissions, 'organizations');

  return (
    <Form<Values>
      form={form}
      name="organization"
      layout="vertical"
      onFinish={onFinish}
      initialValues={record ? valuesOf(record) : emptyValues(me.user.id)}
      scrollToFirstError
    >
      <FormSection title={t('organizations.sections.basics')} />
      <Form.Item label={t('organizations.name')} name="name" rules={[{ ...required, whitespace: true }]}>
        <Input autoComplete="off" maxLength={200} autoFocus />
      </Form.Item>
      <DuplicateWarning type="organizations" excludeId={record?.id} />
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item label={t('customers.partyType')} name="partyType" rules={[required]}>
            <Select options={partyTypeOptions(t)} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t('customers.lifecycleStatus')} name="lifecycleStatus" rules={[required]}>
            <Select options={lifecycleOptions(t)} />
          </Form.Item>
        </Col>
      </Row>
      {lifecycleChanged && (
        <Form.Item
          label={t('organizations.lifecycleReason')}
          name="lifecycleReason"
          rules={[{ ...required, whitespace: true }]}
          extra={t('organizations.lifecycleReasonHint')}
        >
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      )}
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
        <Col xs={24} sm={8}>
          <Form.Item label={t('organizations.industry')} name="industry">
            <Input autoComplete="off" maxLength={80} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item label={t('organizations.size')} name="size">
            <Select allowClear placeholder={t('common.none')} options={sizeOptions(t)} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item label={t('customers.source')} name="source">
            <Input autoComplete="off" maxLength={80} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label={t('organizations.uscc')}
        name="uscc"
        normalize={(v: string) => v.toUpperCase()}
        rules={[
          { validator: (_, v: string | null) => (!v?.trim() || isValidUscc(v) ? Promise.resolve() : Promise.reject(new Error(t('errors.uscc_invalid')))) },
        ]}
        extra={t('organizations.usccHint')}
      >
        <Input autoComplete="off" maxLength={18} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Form.Item label={t('customers.tags')} name="tags">
        <TagsInput />
      </Form.Item>

      <FormSection title={t('customers.sections.contactDetails')} />
      <PhoneListField />
      <EmailListField />
      <Form.Item label={t('organizations.website')} name="website">
        <Input autoComplete="off" inputMode="url" maxLength={300} placeholder="https://" />
      </Form.Item>

      <FormSection title={t('customers.sections.address')} />
      <RegionFields />
      <Form.Item label={t('customers.address')} name="address">
        <Input autoComplete="off" maxLength={300} />
      </Form.Item>

      <CustomFieldInputs entity="organizations" creating={!record} />

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
