import { CheckOutlined, CloseOutlined, DeleteOutlined, DollarOutlined, EditOutlined, PlayCircleOutlined, ScheduleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Popconfirm, Progress, Row, Spin, Table, type TableProps, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { toMinor } from '../../../shared/money';
import type { Installment, OrderDetail } from '../../../shared/schemas/orders';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { can } from '../../lib/permissions';
import { noWrap } from '../../lib/tableSort';
import { ApprovalTrail } from '../approvals/ApprovalTrail';
import { useCurrentUser } from '../auth/api';
import { useDeleteOrder, useOrder, usePayments, useTransitionOrder } from './api';
import { OrderFormDrawer } from './OrderFormDrawer';
import { kindLabel, money, OrderStatusTag, orderErrorMessage } from './orderLabels';
import { PaymentsTable } from './PaymentsTable';
import { PlanEditorModal } from './PlanEditorModal';
import { RecordPaymentModal } from './RecordPaymentModal';

function InstallmentsTable({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const today = new Date().toISOString().slice(0, 10);
  const columns: TableProps<Installment>['columns'] = [
    { ...noWrap, title: t('orders.seq'), key: 'seq', render: (_, i) => i.seq },
    {
      ...noWrap,
      title: t('orders.dueOn'),
      key: 'dueOn',
      render: (_, i) => (
        <Typography.Text type={i.status === 'open' && i.dueOn < today && order.status === 'active' ? 'danger' : undefined}>{i.dueOn}</Typography.Text>
      ),
    },
    { ...noWrap, title: t('orders.amount'), key: 'amount', align: 'right', render: (_, i) => money(i.amount, order.currency) },
    { ...noWrap, title: t('orders.paid'), key: 'paid', align: 'right', render: (_, i) => money(i.paid, order.currency) },
    { ...noWrap, title: t('orders.outstanding'), key: 'outstanding', align: 'right', render: (_, i) => money(i.outstanding, order.currency) },
    {
      ...noWrap,
      title: t('orders.installmentStatus'),
      key: 'status',
      render: (_, i) => <Tag color={i.status === 'paid' ? 'success' : 'default'}>{t(`orders.installmentStatuses.${i.status}`)}</Tag>,
    },
    { ...noWrap, title: t('orders.paidOn'), key: 'paidOn', render: (_, i) => i.paidOn },
    { ...noWrap, title: t('orders.remindedAt'), key: 'remindedAt', render: (_, i) => formatDateTime(i.remindedAt) },
  ];
  return (
    <Table<Installment>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={order.installments}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('orders.planEmpty') }}
    />
  );
}

function LinesTable({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const columns: TableProps<OrderDetail['lines'][number]>['columns'] = [
    { ...noWrap, title: t('orders.lineNo'), key: 'no', render: (_, l) => l.lineNo },
    { title: t('orders.lineDescription'), key: 'description', render: (_, l) => l.description },
    { ...noWrap, title: t('orders.quantity'), key: 'quantity', align: 'right', render: (_, l) => l.quantity },
    { ...noWrap, title: t('orders.unitPrice'), key: 'unitPrice', align: 'right', render: (_, l) => money(l.unitPrice, order.currency) },
    { ...noWrap, title: t('orders.lineTotal'), key: 'total', align: 'right', render: (_, l) => money(l.total, order.currency) },
  ];
  return <Table rowKey="id" size="small" columns={columns} dataSource={order.lines} pagination={false} scroll={{ x: 'max-content' }} />;
}

export function OrderDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { permissions } = useCurrentUser();
  const order = useOrder(id);
  const payments = usePayments({ orderId: id, sort: 'receivedOn' }, { pageSize: 200 });
  const transition = useTransitionOrder(id);
  const remove = useDeleteOrder();
  const [editing, setEditing] = useState(false);
  const [planning, setPlanning] = useState(false);
  const [paying, setPaying] = useState(false);
  const paymentRows = useMemo(() => payments.data?.pages.flatMap((p) => p.items) ?? [], [payments.data]);

  if (order.isPending) return <Spin />;
  if (order.isError) return <QueryError error={order.error} onRetry={() => order.refetch()} />;
  const o = order.data;
  const mayUpdate = can(permissions, 'orders', 'update');
  const mayDelete = can(permissions, 'orders', 'delete');
  const mayPay = can(permissions, 'orders', 'create');
  const pending = o.status === 'pending_approval';
  const canPlan = mayUpdate && (o.status === 'draft' || o.status === 'active') && paymentRows.length === 0;
  const canPay = mayPay && o.status === 'active' && o.installments.length > 0;
  const percent = toMinor(o.total) === 0 ? 0 : Math.floor((toMinor(o.paid) * 100) / toMinor(o.total));

  const move = (to: 'active' | 'completed' | 'cancelled') =>
    transition.mutate(
      { to, version: o.version },
      {
        onSuccess: (next) =>
          void message.success(
            to === 'active' ? (next.status === 'pending_approval' ? t('orders.sentForApproval') : t('orders.activated')) : t('common.saved'),
          ),
        onError: (err) => void message.error(orderErrorMessage(t, err)),
      },
    );

  const confirm = (key: string, title: string, onConfirm: () => void, button: React.ReactNode) => (
    <Popconfirm key={key} title={title} onConfirm={onConfirm} okText={t('common.yes')} cancelText={t('common.no')}>
      {button}
    </Popconfirm>
  );

  const actions = [
    mayUpdate && !pending && (o.status === 'draft' || o.status === 'active') && (
      <Button key="edit" icon={<EditOutlined />} onClick={() => setEditing(true)}>
        {t('common.edit')}
      </Button>
    ),
    mayUpdate &&
      o.status === 'draft' &&
      confirm(
        'activate',
        t('orders.activateConfirm'),
        () => move('active'),
        <Button type="primary" icon={<PlayCircleOutlined />} loading={transition.isPending}>
          {t('orders.activate')}
        </Button>,
      ),
    mayUpdate &&
      o.status === 'active' &&
      confirm('complete', t('orders.completeConfirm'), () => move('completed'), <Button icon={<CheckOutlined />}>{t('orders.complete')}</Button>),
    mayUpdate &&
      (o.status === 'draft' || o.status === 'active') &&
      confirm('cancel', t('orders.cancelConfirm'), () => move('cancelled'), <Button icon={<CloseOutlined />}>{t('orders.cancelOrder')}</Button>),
    mayDelete && !pending && (
      <Popconfirm
        key="delete"
        title={t('orders.deleteConfirm', { number: o.number })}
        description={t('common.recycleBinHint')}
        okButtonProps={{ danger: true }}
        okText={t('common.delete')}
        onConfirm={() =>
          remove.mutate(o.id, {
            onSuccess: () => {
              void message.success(t('orders.deleted'));
              navigate('/orders');
            },
            onError: (err) => void message.error(orderErrorMessage(t, err)),
          })
        }
      >
        <Button danger icon={<DeleteOutlined />}>
          {t('common.delete')}
        </Button>
      </Popconfirm>
    ),
  ].filter(Boolean);

  return (
    <>
      <PageHeader
        title={`${kindLabel(t, o.kind)} ${o.number}`}
        description={
          <Flex gap={8} align="center" wrap>
            <OrderStatusTag status={o.status} />
            <Link to={`/organizations/${o.organizationId}`}>{o.organizationName}</Link>
          </Flex>
        }
        extra={actions}
      />
      {pending && <Alert type="warning" showIcon title={t('orders.lockedHint')} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Flex vertical gap={16}>
            <Card title={t('orders.lines')} size="small">
              <LinesTable order={o} />
            </Card>
            <Card
              title={t('orders.plan')}
              size="small"
              extra={
                canPlan && (
                  <Button size="small" icon={<ScheduleOutlined />} onClick={() => setPlanning(true)}>
                    {t('orders.editPlan')}
                  </Button>
                )
              }
            >
              <InstallmentsTable order={o} />
            </Card>
            <Card
              title={t('orders.payments')}
              size="small"
              extra={
                mayPay && (
                  <Button size="small" type="primary" icon={<DollarOutlined />} disabled={!canPay} onClick={() => setPaying(true)}>
                    {t('orders.recordPayment')}
                  </Button>
                )
              }
            >
              {!canPay && o.status !== 'completed' && paymentRows.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orders.onlyActive')} />
              ) : payments.isError ? (
                <QueryError error={payments.error} onRetry={() => payments.refetch()} />
              ) : (
                <PaymentsTable rows={paymentRows} loading={payments.isPending} mayDelete={mayDelete} />
              )}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={8}>
          <Flex vertical gap={16}>
            <Card title={t('orders.overview')} size="small">
              <Progress percent={percent} status={o.status === 'completed' ? 'success' : 'active'} style={{ marginBottom: 12 }} />
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'total', label: t('orders.total'), children: <Typography.Text strong>{money(o.total, o.currency)}</Typography.Text> },
                  { key: 'paid', label: t('orders.paid'), children: money(o.paid, o.currency) },
                  { key: 'outstanding', label: t('orders.outstanding'), children: money(o.outstanding, o.currency) },
                  ...(o.quoteId
                    ? [
                        { key: 'subtotal', label: t('orders.subtotal'), children: money(o.subtotal, o.currency) },
                        { key: 'discount', label: t('orders.discount'), children: money(o.discount, o.currency) },
                        { key: 'tax', label: t('orders.tax'), children: money(o.tax, o.currency) },
                        { key: 'quote', label: t('orders.fromQuote'), children: <Link to={`/quotes/${o.quoteId}`}>{t('orders.fromQuote')}</Link> },
                      ]
                    : []),
                  { key: 'currency', label: t('orders.currency'), children: o.currency },
                  { key: 'signedOn', label: t('orders.signedOn'), children: o.signedOn ?? '—' },
                  { key: 'owner', label: t('orders.owner'), children: o.ownerName ?? '—' },
                  { key: 'createdAt', label: t('orders.createdAt'), children: formatDateTime(o.createdAt) },
                  ...(o.notes ? [{ key: 'notes', label: t('orders.notes'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{o.notes}</span> }] : []),
                ]}
              />
            </Card>
            <Card title={t('orders.approvalTrail')} size="small">
              <ApprovalTrail type="order" id={o.id} />
            </Card>
          </Flex>
        </Col>
      </Row>
      <OrderFormDrawer open={editing} order={o} onClose={() => setEditing(false)} />
      <PlanEditorModal order={o} open={planning} onClose={() => setPlanning(false)} />
      <RecordPaymentModal order={o} open={paying} onClose={() => setPaying(false)} />
    </>
  );
}
