import { App, Button, Col, Drawer, Flex, Form, Input, Row, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lead, LeadCreate } from '../../../shared/schemas/leads';
import { canAssignOwner } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { UserSelect } from '../users/UserSelect';
import { useCreateLead, useUpdateLead } from './api';
import { useLeadOptions } from './leadLabels';
import { ProvinceCityFields } from './ProvinceCityFields';

type Values = Omit<LeadCreate, 'ownerId'> & { ownerId?: string | null };

const blank = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v.trim());

/** Create or edit a lead. Left without an owner, a new lead goes through the assignment rules. */
export function LeadFormDrawer({ open, lead, onClose, onCreated }: { open: boolean; lead: Lead | null; onClose: () => void; onCreated?: (l: Lead) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const create = useCreateLead();
  const update = useUpdateLead();
  const { sources, statuses } = useLeadOptions();
  const mayAssign = canAssignOwner(me.permissions, 'leads');

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (lead) form.setFieldsValue({ ...lead, status: lead.status === 'converted' ? undefined : lead.status });
  }, [open, lead, form]);

  const onFinish = (v: Values) => {
    const body = {
      name: v.name,
      company: blank(v.company),
      title: blank(v.title),
      phone: blank(v.phone),
      email: blank(v.email ?? null),
      source: v.source,
      status: v.status,
      qualificationNotes: blank(v.qualificationNotes),
      industry: blank(v.industry),
      provinceCode: v.provinceCode ?? null,
      cityCode: v.cityCode ?? null,
      // Left out: the assignment rules choose (create), or the owner stays (edit).
      ...(v.ownerId ? { ownerId: v.ownerId } : {}),
    };
    if (lead)
      update.mutate(
        { id: lead.id, version: lead.version, ...body },
        {
          onSuccess: () => {
            message.success(t('common.saved'));
            onClose();
          },
          onError: (err) => showError(err, form),
        },
      );
    else
      create.mutate(body, {
        onSuccess: (created) => {
          message.success(t('leads.created'));
          onClose();
          onCreated?.(created);
        },
        onError: (err) => showError(err, form),
      });
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={lead ? t('leads.edit') : t('leads.create')}
      size="large"
      destroyOnHidden
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ source: 'website', status: 'new' }}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('leads.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input maxLength={120} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="company" label={t('leads.company')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="title" label={t('leads.jobTitle')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="industry" label={t('leads.industry')}>
              <Input maxLength={80} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('leads.phone')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="email" label={t('leads.email')} rules={[{ type: 'email', message: t('validation.email') }]}>
              <Input maxLength={254} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="source" label={t('leads.sourceLabel')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select options={sources} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="status" label={t('leads.statusLabel')}>
              <Select options={statuses.filter((s) => s.value !== 'converted')} />
            </Form.Item>
          </Col>
          <ProvinceCityFields form={form} />
          {mayAssign && (
            <Col xs={24}>
              <Form.Item name="ownerId" label={t('leads.owner')} extra={lead ? undefined : t('leads.ownerAuto')}>
                <UserSelect allowClear />
              </Form.Item>
            </Col>
          )}
          <Col xs={24}>
            <Form.Item name="qualificationNotes" label={t('leads.qualificationNotes')}>
              <Input.TextArea rows={4} maxLength={10_000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
