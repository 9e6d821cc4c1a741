import { Alert, App, Col, DatePicker, Form, Input, Modal, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CURRENCIES, type Currency } from '../../../shared/money';
import type { DuplicateMatch } from '../../../shared/schemas/duplicates';
import type { Lead, LeadConvert } from '../../../shared/schemas/leads';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { useConversionPreview, useConvertLead } from './api';

const NEW = '__new__';

interface Values {
  organization: string;
  contact: string;
  withOpportunity: boolean;
  opportunityName?: string;
  amount?: string;
  currency: string;
  expectedCloseDate?: { format(f: string): string } | null;
}

/** A duplicate candidate as a choice: name, why it matches, and its owner. */
function MatchLabel({ match }: { match: DuplicateMatch }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={0}>
      <Typography.Text strong>{match.name}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {match.reasons.map((r) => t(`merge.reasons.${r}`)).join(' · ')}
        {match.organizations?.length ? ` · ${match.organizations.join('、')}` : ''}
        {' · '}
        {match.ownerName ?? t('leads.convert.pool')}
      </Typography.Text>
    </Space>
  );
}

/**
 * Converts a lead: reuse a duplicate organization / contact the server found or create new ones,
 * optionally with an opportunity; all in one request (one transaction).
 */
export function ConvertLeadModal({ lead, open, onClose }: { lead: Lead; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const preview = useConversionPreview(lead.id, open);
  const convert = useConvertLead();
  const [form] = Form.useForm<Values>();
  const withOpportunity = Form.useWatch('withOpportunity', form);
  const mayOpportunity = can(me.permissions, 'opportunities', 'create');

  useEffect(() => {
    if (!open || !preview.data) return;
    form.setFieldsValue({
      organization: preview.data.suggestedOrganizationId ?? NEW,
      contact: preview.data.suggestedContactId ?? NEW,
      withOpportunity: mayOpportunity,
      opportunityName: `${lead.company ?? lead.name} – ${t('leads.convert.deal')}`,
      currency: 'CNY',
    });
  }, [open, preview.data, form, lead, mayOpportunity, t]);

  const onFinish = (v: Values) => {
    const body: LeadConvert = {
      version: lead.version,
      ...(v.organization === NEW ? { organization: { createNew: true } } : { organizationId: v.organization }),
      ...(v.contact === NEW ? { contact: { createNew: true } } : { contactId: v.contact }),
      ...(v.withOpportunity && {
        opportunity: {
          name: v.opportunityName ?? '',
          ...(v.amount ? { amount: v.amount.trim() } : {}),
          currency: v.currency as Currency,
          ...(v.expectedCloseDate ? { expectedCloseDate: v.expectedCloseDate.format('YYYY-MM-DD') } : {}),
        },
      }),
    };
    // A promise, not mutate's callbacks: the refetched lead is converted, and this dialog unmounts before they would run.
    convert
      .mutateAsync({ id: lead.id, ...body })
      .then((out) => {
        message.success(t('leads.convert.done'));
        onClose();
        navigate(`/organizations/${out.organizationId}`);
      })
      .catch((err) => showError(err));
  };

  const choices = (matches: DuplicateMatch[], newLabel: string) => (
    <Radio.Group style={{ width: '100%' }}>
      <Space direction="vertical">
        {matches.map((m) => (
          <Radio key={m.id} value={m.id}>
            <MatchLabel match={m} />
          </Radio>
        ))}
        <Radio value={NEW}>{newLabel}</Radio>
      </Space>
    </Radio.Group>
  );

  return (
    <Modal
      open={open}
      title={t('leads.convert.title', { name: lead.name })}
      okText={t('leads.convert.submit')}
      okButtonProps={{ loading: convert.isPending, disabled: !preview.data }}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      {preview.isPending ? (
        <PageLoading />
      ) : preview.isError ? (
        <QueryError error={preview.error} onRetry={() => preview.refetch()} />
      ) : (
        <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ currency: 'CNY' }}>
          {(preview.data.organizations.hiddenMatches > 0 || preview.data.contacts.hiddenMatches > 0) && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              message={t('leads.convert.hidden', { count: preview.data.organizations.hiddenMatches + preview.data.contacts.hiddenMatches })}
            />
          )}
          <Form.Item name="organization" label={t('leads.convert.organization')}>
            {choices(preview.data.organizations.items, t('leads.convert.newOrganization', { name: lead.company ?? lead.name }))}
          </Form.Item>
          <Form.Item name="contact" label={t('leads.convert.contact')}>
            {choices(preview.data.contacts.items, t('leads.convert.newContact', { name: lead.name }))}
          </Form.Item>
          {mayOpportunity && (
            <>
              <Form.Item name="withOpportunity" label={t('leads.convert.withOpportunity')} valuePropName="checked">
                <Switch />
              </Form.Item>
              {withOpportunity && (
                <Row gutter={12}>
                  <Col span={24}>
                    <Form.Item
                      name="opportunityName"
                      label={t('leads.convert.opportunityName')}
                      rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
                    >
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col span={10}>
                    <Form.Item
                      name="amount"
                      label={t('leads.convert.amount')}
                      rules={[{ pattern: /^\d{1,12}(\.\d{1,2})?$/, message: t('leads.convert.amountInvalid') }]}
                    >
                      <Input inputMode="decimal" />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name="currency" label={t('leads.convert.currency')}>
                      <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item name="expectedCloseDate" label={t('leads.convert.closeDate')}>
                      <DatePicker style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                </Row>
              )}
            </>
          )}
        </Form>
      )}
    </Modal>
  );
}
