import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Table, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Payment } from '../../../shared/schemas/orders';
import { noWrap } from '../../lib/tableSort';
import { useDeletePayment } from './api';
import { money, orderErrorMessage } from './orderLabels';

/** Payments with what they paid; `showOrder` for lists that span orders (a customer's panel). */
export function PaymentsTable({ rows, loading, mayDelete, showOrder }: { rows: Payment[]; loading: boolean; mayDelete?: boolean; showOrder?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const remove = useDeletePayment();
  const columns: TableProps<Payment>['columns'] = [
    { ...noWrap, title: t('orders.receivedOn'), key: 'receivedOn', render: (_, p) => p.receivedOn },
    ...(showOrder
      ? [{ ...noWrap, title: t('orders.order'), key: 'order', render: (_: unknown, p: Payment) => <Link to={`/orders/${p.orderId}`}>{p.orderNumber}</Link> }]
      : []),
    { ...noWrap, title: t('orders.amount'), key: 'amount', align: 'right', render: (_, p) => money(p.amount, p.currency) },
    { ...noWrap, title: t('orders.method'), key: 'method', render: (_, p) => t(`orders.methods.${p.method}`) },
    {
      title: t('orders.allocation'),
      key: 'allocation',
      render: (_, p) => p.allocations.map((a) => t('orders.allocationItem', { seq: a.seq ?? '?', amount: money(a.amount, p.currency) })).join('；'),
    },
    { title: t('orders.reference'), key: 'reference', render: (_, p) => p.reference },
    ...(mayDelete
      ? [
          {
            key: 'actions',
            width: 56,
            render: (_: unknown, p: Payment) => (
              <Popconfirm
                title={t('orders.deletePaymentConfirm', { amount: money(p.amount, p.currency) })}
                description={t('common.recycleBinHint')}
                okButtonProps={{ danger: true }}
                okText={t('common.delete')}
                onConfirm={() =>
                  remove.mutateAsync(p.id).then(
                    () => void message.success(t('orders.paymentDeleted')),
                    (err) => void message.error(orderErrorMessage(t, err)),
                  )
                }
              >
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];
  return (
    <Table<Payment>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('orders.paymentsEmpty') }}
    />
  );
}
