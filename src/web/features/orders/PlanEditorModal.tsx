import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMinor, fromMinor, toMinor } from '../../../shared/money';
import type { OrderDetail } from '../../../shared/schemas/orders';
import { useReplacePlan } from './api';
import { orderErrorMessage } from './orderLabels';
import { evenPlan, planSumMinor } from './planMath';

interface Row {
  dueOn?: Dayjs | null;
  amount?: string;
}

const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

/** Edits the whole plan at once; "split evenly" fills it in, and the sum must meet the total before saving. */
export function PlanEditorModal({ order, open, onClose }: { order: OrderDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ rows: Row[] }>();
  const save = useReplacePlan(order.id);
  const rows = Form.useWatch('rows', form) ?? [];
  const [split, setSplit] = useState<{ n: number; first: Dayjs; months: number }>({ n: 2, first: dayjs().add(1, 'month').startOf('day'), months: 1 });

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({
      rows:
        order.installments.length > 0 ? order.installments.map((i) => ({ dueOn: dayjs(i.dueOn), amount: i.amount })) : [{ dueOn: null, amount: order.total }],
    });
  }, [open, order, form]);

  const totalMinor = toMinor(order.total);
  const sum = planSumMinor(rows);
  const diff = totalMinor - sum;

  const fillEvenly = () =>
    form.setFieldsValue({
      rows: evenPlan(order.total, split.n, split.first.format('YYYY-MM-DD'), split.months).map((r) => ({ dueOn: dayjs(r.dueOn), amount: r.amount })),
    });

  const submit = async (v: { rows: Row[] }) => {
    try {
      await save.mutateAsync({
        version: order.version,
        installments: v.rows.map((r) => ({ dueOn: (r.dueOn as Dayjs).format('YYYY-MM-DD'), amount: (r.amount ?? '').trim() })),
      });
      void message.success(t('orders.planSaved'));
      onClose();
    } catch (err) {
      void message.error(orderErrorMessage(t, err));
    }
  };

  const required = { required: true, message: t('validation.required') };
  return (
    <Modal
      open={open}
      title={t('orders.planTitle', { number: order.number })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: save.isPending, disabled: diff !== 0 }}
      width={640}
      destroyOnHidden
    >
      <Flex gap={8} align="flex-end" wrap style={{ marginBottom: 16, padding: 12, background: 'rgba(0,0,0,0.02)', borderRadius: 8 }}>
        <div>
          <Typography.Text type="secondary">{t('orders.splitInto')}</Typography.Text>
          <br />
          <InputNumber min={1} max={120} value={split.n} onChange={(n) => setSplit((s) => ({ ...s, n: n ?? 1 }))} aria-label={t('orders.splitInto')} />
        </div>
        <div>
          <Typography.Text type="secondary">{t('orders.firstDue')}</Typography.Text>
          <br />
          <DatePicker value={split.first} allowClear={false} onChange={(d) => d && setSplit((s) => ({ ...s, first: d }))} aria-label={t('orders.firstDue')} />
        </div>
        <div>
          <Typography.Text type="secondary">{t('orders.everyMonths')}</Typography.Text>
          <br />
          <InputNumber
            min={1}
            max={24}
            value={split.months}
            onChange={(m) => setSplit((s) => ({ ...s, months: m ?? 1 }))}
            aria-label={t('orders.everyMonths')}
          />
        </div>
        <Button onClick={fillEvenly}>{t('orders.splitEvenly')}</Button>
      </Flex>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.List name="rows">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="flex-start">
                  <Typography.Text style={{ width: 28, marginTop: i === 0 ? 36 : 6 }}>{i + 1}</Typography.Text>
                  <Form.Item name={[f.name, 'dueOn']} rules={[required]} label={i === 0 ? t('orders.dueOn') : undefined}>
                    <DatePicker aria-label={t('orders.dueOn')} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'amount']}
                    rules={[required, { pattern: AMOUNT, message: t('orders.invalidAmount') }]}
                    label={i === 0 ? t('orders.amount') : undefined}
                    style={{ flex: 1 }}
                  >
                    <Input inputMode="decimal" aria-label={t('orders.amount')} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('common.delete')}
                      onClick={() => remove(f.name)}
                      style={{ marginTop: i === 0 ? 30 : 0 }}
                    />
                  )}
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ dueOn: null, amount: diff > 0 ? fromMinor(diff) : '' })}>
                {t('orders.addInstallment')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
      <Flex vertical style={{ marginTop: 16 }}>
        <Typography.Text strong>
          {t('orders.planSum', { sum: formatMinor(sum, order.currency), total: formatMinor(totalMinor, order.currency) })}
        </Typography.Text>
        {diff !== 0 && (
          <Typography.Text type="danger">
            {t('orders.planDifference', { diff: formatMinor(diff, order.currency) })} · {t('orders.planMustMatch')}
          </Typography.Text>
        )}
      </Flex>
    </Modal>
  );
}
