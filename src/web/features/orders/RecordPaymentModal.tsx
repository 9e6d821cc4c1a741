import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { type OrderDetail, PAYMENT_METHODS } from '../../../shared/schemas/orders';
import { fieldErrors } from '../../lib/errorMessage';
import { useRecordPayment } from './api';
import { money, orderErrorMessage } from './orderLabels';

interface Values {
  amount: string;
  receivedOn: Dayjs;
  installmentId?: string;
  method: (typeof PAYMENT_METHODS)[number];
  reference?: string;
  notes?: string;
}

const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

/** Records a received payment (回款); without a chosen installment the oldest open ones are paid first. */
export function RecordPaymentModal({ order, open, onClose }: { order: OrderDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const record = useRecordPayment();
  const openInstallments = order.installments.filter((i) => i.status === 'open');

  useEffect(() => {
    if (open)
      form.setFieldsValue({
        amount: openInstallments[0]?.outstanding ?? '',
        receivedOn: dayjs(),
        installmentId: undefined,
        method: 'bank_transfer',
        reference: '',
        notes: '',
      });
  }, [open, form, openInstallments[0]?.outstanding]);

  const submit = async (v: Values) => {
    try {
      await record.mutateAsync({
        orderId: order.id,
        amount: v.amount.trim(),
        receivedOn: v.receivedOn.format('YYYY-MM-DD'),
        ...(v.installmentId && { installmentId: v.installmentId }),
        method: v.method,
        reference: v.reference?.trim() || null,
        notes: v.notes?.trim() || null,
      });
      void message.success(t('orders.paymentRecorded'));
      onClose();
    } catch (err) {
      const fields = fieldErrors(t, err);
      if (fields.length > 0) form.setFields(fields as Parameters<typeof form.setFields>[0]);
      void message.error(orderErrorMessage(t, err));
    }
  };

  const required = { required: true, message: t('validation.required') };
  return (
    <Modal
      open={open}
      title={t('orders.recordPaymentTitle', { number: order.number })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: record.isPending }}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="amount"
          label={`${t('orders.amount')} (${order.currency})`}
          rules={[required, { pattern: AMOUNT, message: t('orders.invalidAmount') }]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="receivedOn" label={t('orders.receivedOn')} rules={[required]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="installmentId" label={t('orders.installment')}>
          <Select
            allowClear
            placeholder={t('orders.autoMatch')}
            options={openInstallments.map((i) => ({
              value: i.id,
              label: t('orders.installmentOption', { seq: i.seq, dueOn: i.dueOn, open: money(i.outstanding, order.currency) }),
            }))}
          />
        </Form.Item>
        <Form.Item name="method" label={t('orders.method')}>
          <Select options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`orders.methods.${m}`) }))} />
        </Form.Item>
        <Form.Item name="reference" label={t('orders.reference')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="notes" label={t('orders.notes')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
