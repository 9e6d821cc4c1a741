import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Drawer, Flex, Form, Input, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CURRENCIES, formatMinor, multiplyMinor, sumMinor, toMinor } from '../../../shared/money';
import { ORDER_KINDS, type OrderDetail } from '../../../shared/schemas/orders';
import { fieldErrors } from '../../lib/errorMessage';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { useCreateOrder, useUpdateOrder } from './api';
import { orderErrorMessage } from './orderLabels';

interface LineValues {
  description?: string;
  quantity?: string;
  unitPrice?: string;
}
interface Values {
  organizationId?: string;
  kind: 'order' | 'contract';
  currency: string;
  signedOn?: Dayjs | null;
  notes?: string;
  lines: LineValues[];
}

const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;
const QUANTITY = /^\d{1,9}(\.\d{1,4})?$/;

/** The total the server will compute, shown while typing (same decimal rules; incomplete lines count as zero). */
function previewTotal(lines: LineValues[] | undefined): number {
  return sumMinor(
    (lines ?? []).map((l) =>
      l?.unitPrice && l.quantity && AMOUNT.test(l.unitPrice) && QUANTITY.test(l.quantity) ? multiplyMinor(toMinor(l.unitPrice), l.quantity) : 0,
    ),
  );
}

/** Creates an order from lines, or edits one: a draft fully, an active order only its date and notes. */
export function OrderFormDrawer({
  open,
  order,
  defaults,
  onClose,
  onSaved,
}: {
  open: boolean;
  order?: OrderDetail;
  defaults?: { organizationId?: string };
  onClose: () => void;
  onSaved?: (o: OrderDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateOrder();
  const update = useUpdateOrder(order?.id ?? '');
  const draft = !order || order.status === 'draft';
  const lines = Form.useWatch('lines', form);
  const currency = Form.useWatch('currency', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      order
        ? {
            organizationId: order.organizationId,
            kind: order.kind,
            currency: order.currency,
            signedOn: order.signedOn ? dayjs(order.signedOn) : null,
            notes: order.notes ?? '',
            lines: order.lines.map((l) => ({ description: l.description, quantity: l.quantity, unitPrice: l.unitPrice })),
          }
        : { organizationId: defaults?.organizationId, kind: 'order', currency: 'CNY', lines: [{ quantity: '1' }] },
    );
  }, [open, order, defaults?.organizationId, form]);

  const submit = async (v: Values) => {
    const common = { signedOn: v.signedOn ? v.signedOn.format('YYYY-MM-DD') : null, notes: v.notes?.trim() || null };
    const editable = {
      organizationId: v.organizationId,
      kind: v.kind,
      currency: v.currency as OrderDetail['currency'],
      lines: v.lines.map((l) => ({ description: (l.description ?? '').trim(), quantity: (l.quantity ?? '').trim(), unitPrice: (l.unitPrice ?? '').trim() })),
    };
    try {
      const saved = order
        ? await update.mutateAsync({ version: order.version, ...common, ...(draft && !order.quoteId ? editable : {}) })
        : await create.mutateAsync({ ...common, ...editable });
      void message.success(order ? t('orders.saved') : t('orders.created', { number: saved.number }));
      onClose();
      onSaved?.(saved);
    } catch (err) {
      const fields = fieldErrors(t, err);
      if (fields.length > 0) form.setFields(fields as Parameters<typeof form.setFields>[0]);
      void message.error(orderErrorMessage(t, err));
    }
  };

  // Lines copied from a quote carry its discount and tax: they are changed on the quote, not here.
  const linesEditable = draft && !order?.quoteId;
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      title={order ? t('orders.editTitle') : t('orders.createTitle')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="organizationId" label={t('orders.organization')} rules={required}>
          <OrganizationSelect disabled={!linesEditable} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="kind" label={t('orders.kind')} style={{ minWidth: 160 }}>
            <Select disabled={!draft} options={ORDER_KINDS.map((k) => ({ value: k, label: t(`orders.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="currency" label={t('orders.currency')} style={{ minWidth: 120 }}>
            <Select disabled={!linesEditable} options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item name="signedOn" label={t('orders.signedOn')}>
            <DatePicker />
          </Form.Item>
        </Flex>
        <Typography.Title level={5}>{t('orders.lines')}</Typography.Title>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="flex-start">
                  <Form.Item name={[f.name, 'description']} rules={required} style={{ flex: 3 }} label={i === 0 ? t('orders.lineDescription') : undefined}>
                    <Input disabled={!linesEditable} aria-label={t('orders.lineDescription')} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'quantity']}
                    rules={[...required, { pattern: QUANTITY, message: t('orders.invalidQuantity') }]}
                    style={{ flex: 1 }}
                    label={i === 0 ? t('orders.quantity') : undefined}
                  >
                    <Input disabled={!linesEditable} inputMode="decimal" aria-label={t('orders.quantity')} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'unitPrice']}
                    rules={[...required, { pattern: AMOUNT, message: t('orders.invalidAmount') }]}
                    style={{ flex: 1.5 }}
                    label={i === 0 ? t('orders.unitPrice') : undefined}
                  >
                    <Input disabled={!linesEditable} inputMode="decimal" aria-label={t('orders.unitPrice')} />
                  </Form.Item>
                  {linesEditable && fields.length > 1 && (
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('orders.removeLine')}
                      onClick={() => remove(f.name)}
                      style={{ marginTop: i === 0 ? 30 : 0 }}
                    />
                  )}
                </Flex>
              ))}
              {linesEditable && (
                <Button icon={<PlusOutlined />} onClick={() => add({ quantity: '1' })} style={{ marginBottom: 16 }}>
                  {t('orders.addLine')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        {linesEditable && (
          <Typography.Paragraph strong>{t('orders.linesPreviewTotal', { total: formatMinor(previewTotal(lines), currency) })}</Typography.Paragraph>
        )}
        <Form.Item name="notes" label={t('orders.notes')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
