import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, DatePicker, Drawer, Flex, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CURRENCIES, type Currency } from '../../../shared/money';
import { BUYING_ROLES, type BuyingRole, LOST_REASONS, type OpportunityCreate, type OpportunityDetail } from '../../../shared/schemas/opportunities';
import { canAssignOwner } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { ContactSelect } from '../tasks/ContactSelect';
import { UserSelect } from '../users/UserSelect';
import { useCreateOpportunity, usePipelines, useUpdateOpportunity } from './api';
import { localName } from './opportunityLabels';

interface Values {
  name: string;
  organizationId: string | null;
  pipelineId: string | null;
  stageId: string | null;
  amount: string;
  currency: Currency;
  probability: number | null;
  expectedCloseDate: Dayjs | null;
  nextStep: string;
  source: string;
  description: string;
  ownerId: string | null;
  closeReason: string | null;
  closeNote: string;
  contacts: { contactId: string | null; buyingRole: string | null }[];
  competitors: { name: string; strengths: string; weaknesses: string }[];
}

export interface OpportunityDefaults {
  organizationId?: string;
  pipelineId?: string;
  stageId?: string;
}

const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

function valuesOf(o: OpportunityDetail): Values {
  return {
    name: o.name,
    organizationId: o.organizationId,
    pipelineId: o.pipelineId,
    stageId: o.stageId,
    amount: o.amount,
    currency: o.currency,
    probability: o.probability,
    expectedCloseDate: o.expectedCloseDate ? dayjs(o.expectedCloseDate) : null,
    nextStep: o.nextStep ?? '',
    source: o.source ?? '',
    description: o.description ?? '',
    ownerId: o.ownerId,
    closeReason: o.closeReason,
    closeNote: o.closeNote ?? '',
    contacts: o.contacts.map((c) => ({ contactId: c.contactId, buyingRole: c.buyingRole })),
    competitors: o.competitors.map((c) => ({ name: c.name, strengths: c.strengths ?? '', weaknesses: c.weaknesses ?? '' })),
  };
}

/** Creates or edits a deal: customer, stage, amount, close date, people with their buying roles, competitors. */
export function OpportunityFormDrawer({
  open,
  opportunity,
  defaults,
  onClose,
  onSaved,
}: {
  open: boolean;
  opportunity?: OpportunityDetail;
  defaults?: OpportunityDefaults;
  onClose: () => void;
  onSaved?: (saved: OpportunityDetail) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const me = useCurrentUser();
  const pipelines = usePipelines();
  const [form] = Form.useForm<Values>();
  const create = useCreateOpportunity();
  const update = useUpdateOpportunity();
  const pipelineId = Form.useWatch('pipelineId', form);
  const stageId = Form.useWatch('stageId', form);

  useEffect(() => {
    if (!open) return;
    const fallback = pipelines.data?.find((p) => p.id === defaults?.pipelineId) ?? pipelines.data?.find((p) => p.isDefault) ?? pipelines.data?.[0];
    form.setFieldsValue(
      opportunity
        ? valuesOf(opportunity)
        : {
            name: '',
            organizationId: defaults?.organizationId ?? null,
            pipelineId: fallback?.id ?? null,
            stageId: defaults?.stageId ?? fallback?.stages[0]?.id ?? null,
            amount: '',
            currency: 'CNY',
            probability: null,
            expectedCloseDate: null,
            nextStep: '',
            source: '',
            description: '',
            ownerId: me.user.id,
            closeReason: null,
            closeNote: '',
            contacts: [],
            competitors: [],
          },
    );
  }, [open, opportunity, defaults, pipelines.data, form, me.user.id]);

  const pipeline = pipelines.data?.find((p) => p.id === pipelineId);
  const stage = pipeline?.stages.find((s) => s.id === stageId);
  const moving = !opportunity || opportunity.stageId !== stageId;
  const stageOptions = useMemo(
    () => (pipeline?.stages ?? []).map((s) => ({ value: s.id, label: `${localName(s, i18n.language)} · ${s.probability}%` })),
    [pipeline, i18n.language],
  );

  const submit = async (v: Values) => {
    const body: OpportunityCreate = {
      name: v.name.trim(),
      organizationId: v.organizationId as string,
      pipelineId: v.pipelineId ?? undefined,
      stageId: v.stageId ?? undefined,
      amount: v.amount?.trim() || '0',
      currency: v.currency,
      ...(v.probability !== null &&
        v.probability !== undefined &&
        (!opportunity || v.probability !== opportunity.probability) && { probability: v.probability }),
      expectedCloseDate: v.expectedCloseDate ? v.expectedCloseDate.format('YYYY-MM-DD') : null,
      nextStep: v.nextStep || null,
      source: v.source || null,
      description: v.description || null,
      ...(v.ownerId && { ownerId: v.ownerId }),
      ...(stage?.kind === 'lost' && { closeReason: v.closeReason as OpportunityCreate['closeReason'] }),
      ...(stage && stage.kind !== 'open' && { closeNote: v.closeNote || null }),
      contacts: (v.contacts ?? [])
        .filter((c) => c.contactId && c.buyingRole)
        .map((c) => ({ contactId: c.contactId as string, buyingRole: c.buyingRole as BuyingRole })),
      competitors: (v.competitors ?? [])
        .filter((c) => c.name?.trim())
        .map((c) => ({ name: c.name.trim(), strengths: c.strengths || null, weaknesses: c.weaknesses || null })),
    };
    try {
      const saved = opportunity ? await update.mutateAsync({ id: opportunity.id, version: opportunity.version, ...body }) : await create.mutateAsync(body);
      void message.success(t(opportunity ? 'opportunities.saved' : 'opportunities.created'));
      onSaved?.(saved);
      onClose();
    } catch (err) {
      showError(err, form);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={opportunity ? t('opportunities.edit') : t('opportunities.create')}
      size={720}
      destroyOnHidden
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()} data-testid="opportunity-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t('opportunities.fields.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={200} data-testid="opportunity-name" />
        </Form.Item>
        <Form.Item name="organizationId" label={t('opportunities.fields.organization')} rules={[{ required: true, message: t('validation.required') }]}>
          <OrganizationSelect data-testid="opportunity-organization" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="pipelineId" label={t('opportunities.fields.pipeline')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select
                options={(pipelines.data ?? []).map((p) => ({ value: p.id, label: localName(p, i18n.language) }))}
                onChange={(id) => form.setFieldValue('stageId', pipelines.data?.find((p) => p.id === id)?.stages[0]?.id ?? null)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="stageId" label={t('opportunities.fields.stage')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select options={stageOptions} />
            </Form.Item>
          </Col>
        </Row>
        {stage && stage.kind !== 'open' && moving && (
          <Row gutter={12}>
            {stage.kind === 'lost' && (
              <Col xs={24} md={12}>
                <Form.Item name="closeReason" label={t('opportunities.fields.lostReason')} rules={[{ required: true, message: t('validation.required') }]}>
                  <Select options={LOST_REASONS.map((r) => ({ value: r, label: t(`opportunities.lostReasons.${r}`) }))} />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={stage.kind === 'lost' ? 12 : 24}>
              <Form.Item
                name="closeNote"
                label={stage.kind === 'won' ? t('opportunities.fields.wonReason') : t('opportunities.fields.closeNote')}
                rules={stage.kind === 'won' ? [{ required: true, whitespace: true, message: t('validation.required') }] : []}
              >
                <Input maxLength={2000} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <Form.Item
              name="amount"
              label={t('opportunities.fields.amount')}
              rules={[{ pattern: AMOUNT, message: t('opportunities.amountFormat') }]}
              normalize={(v: string) => v.replace(/[,\s]/g, '')}
            >
              <Input inputMode="decimal" placeholder="0.00" data-testid="opportunity-amount" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="currency" label={t('opportunities.fields.currency')}>
              <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="probability" label={t('opportunities.fields.probability')} tooltip={t('opportunities.probabilityHint')}>
              <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} placeholder={stage ? String(stage.probability) : ''} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="expectedCloseDate" label={t('opportunities.fields.expectedCloseDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="source" label={t('opportunities.fields.source')}>
              <Input maxLength={80} />
            </Form.Item>
          </Col>
        </Row>
        {canAssignOwner(me.permissions, 'opportunities') && (
          <Form.Item name="ownerId" label={t('opportunities.fields.owner')}>
            <UserSelect />
          </Form.Item>
        )}
        <Form.Item name="nextStep" label={t('opportunities.fields.nextStep')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="description" label={t('opportunities.fields.description')}>
          <Input.TextArea rows={3} maxLength={10_000} />
        </Form.Item>

        <Form.Item label={t('opportunities.contacts')}>
          <Form.List name="contacts">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="flex-start">
                    <Form.Item name={[field.name, 'contactId']} style={{ flex: 2, margin: 0 }} rules={[{ required: true, message: t('validation.required') }]}>
                      <ContactSelect />
                    </Form.Item>
                    <Form.Item name={[field.name, 'buyingRole']} style={{ flex: 1, margin: 0 }} rules={[{ required: true, message: t('validation.required') }]}>
                      <Select
                        placeholder={t('opportunities.fields.buyingRole')}
                        options={BUYING_ROLES.map((r) => ({ value: r, label: t(`opportunities.roles.${r}`) }))}
                      />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('common.delete')} onClick={() => remove(field.name)} />
                  </Flex>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ contactId: null, buyingRole: 'influencer' })}>
                  {t('opportunities.addContact')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item label={t('opportunities.competitors')}>
          <Form.List name="competitors">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="flex-start">
                    <Form.Item
                      name={[field.name, 'name']}
                      style={{ flex: 1, margin: 0 }}
                      rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
                    >
                      <Input placeholder={t('opportunities.fields.competitor')} maxLength={120} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'strengths']} style={{ flex: 1, margin: 0 }}>
                      <Input placeholder={t('opportunities.fields.strengths')} maxLength={1000} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'weaknesses']} style={{ flex: 1, margin: 0 }}>
                      <Input placeholder={t('opportunities.fields.weaknesses')} maxLength={1000} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('common.delete')} onClick={() => remove(field.name)} />
                  </Flex>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ name: '', strengths: '', weaknesses: '' })}>
                  {t('opportunities.addCompetitor')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
