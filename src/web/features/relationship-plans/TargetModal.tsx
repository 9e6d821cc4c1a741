import { DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { SUPPORT_LEVELS } from '../../../shared/schemas/decision-chain';
import { TARGET_STATUSES, type Target, type TargetInput } from '../../../shared/schemas/relationship-plans';
import { useChain } from '../decision-chain/api';
import { UserSelect } from '../users/UserSelect';

interface Values {
  chainPersonId: string;
  fromSupport: TargetInput['fromSupport'];
  toSupport: TargetInput['toSupport'];
  dueOn?: Dayjs | null;
  measures?: string;
  ownerId?: string | null;
  status: TargetInput['status'];
}

interface Props {
  organizationId: string;
  year: number;
  /** The target being edited, or null for a new one; undefined when closed. */
  target: Target | null | undefined;
  /** People who already have a target (a person gets one per plan). */
  taken: string[];
  saving: boolean;
  onSave: (target: TargetInput) => void;
  onClose: () => void;
}

/** Step 3: one person of the chain, from support X to Y by a day, with measures and an owner. */
export function TargetModal({ organizationId, year, target, taken, saving, onSave, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const chain = useChain(organizationId);
  const open = target !== undefined;
  const people = chain.data?.nodes ?? [];

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (target) {
      form.setFieldsValue({
        chainPersonId: target.chainPersonId,
        fromSupport: target.fromSupport,
        toSupport: target.toSupport,
        dueOn: target.dueOn ? dayjs(target.dueOn) : null,
        measures: target.measures ?? undefined,
        ownerId: target.ownerId,
        status: target.status,
      });
    }
  }, [open, target, form]);

  return (
    <Modal
      open={open}
      title={target ? t('relationshipPlans.editTarget') : t('relationshipPlans.addTarget')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ status: 'not_started', toSupport: 'supporter' }}
        onFinish={(v) =>
          onSave({
            ...(target && { id: target.id }),
            chainPersonId: v.chainPersonId,
            fromSupport: v.fromSupport,
            toSupport: v.toSupport,
            dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null,
            measures: v.measures?.trim() || null,
            ownerId: v.ownerId ?? null,
            status: v.status,
          })
        }
      >
        <Form.Item name="chainPersonId" label={t('relationshipPlans.person')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={chain.isLoading}
            notFoundContent={t('relationshipPlans.noChainPeople')}
            onChange={(id) => {
              // Start from where the person stands today.
              const person = people.find((p) => p.id === id);
              if (person && !target) form.setFieldValue('fromSupport', person.support);
            }}
            options={people.map((p) => ({
              value: p.id,
              label: [p.contactName, p.title].filter(Boolean).join(' · '),
              disabled: taken.includes(p.id) && p.id !== target?.chainPersonId,
            }))}
          />
        </Form.Item>
        <Form.Item label={t('relationshipPlans.supportChange')} style={{ marginBottom: 0 }}>
          <div style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
            <Form.Item name="fromSupport" rules={[{ required: true, message: t('validation.required') }]} style={{ flex: 1 }}>
              <Select
                aria-label={t('relationshipPlans.fromSupport')}
                options={SUPPORT_LEVELS.map((s) => ({ value: s, label: t(`decisionChain.support.${s}`) }))}
              />
            </Form.Item>
            →
            <Form.Item name="toSupport" rules={[{ required: true, message: t('validation.required') }]} style={{ flex: 1 }}>
              <Select
                aria-label={t('relationshipPlans.toSupport')}
                options={SUPPORT_LEVELS.map((s) => ({ value: s, label: t(`decisionChain.support.${s}`) }))}
              />
            </Form.Item>
          </div>
        </Form.Item>
        <Form.Item name="dueOn" label={t('relationshipPlans.dueOn')}>
          <DatePicker disabledDate={(d) => d.year() !== year} defaultPickerValue={dayjs(`${year}-01-01`)} />
        </Form.Item>
        <Form.Item name="measures" label={t('relationshipPlans.measures')}>
          <Input.TextArea rows={3} maxLength={5000} placeholder={t('relationshipPlans.measuresPlaceholder')} />
        </Form.Item>
        <Form.Item name="ownerId" label={t('relationshipPlans.targetOwner')}>
          <UserSelect allowClear />
        </Form.Item>
        <Form.Item name="status" label={t('relationshipPlans.status')}>
          <Select options={TARGET_STATUSES.map((s) => ({ value: s, label: t(`relationshipPlans.statuses.${s}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
