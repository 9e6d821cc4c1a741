import { BellOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Empty, Flex, Row, Segmented, Statistic, Table, type TableProps, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AGING_BUCKETS, type Receivable, type ReceivableTotals } from '../../../shared/schemas/orders';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { canAssignOwner } from '../../lib/permissions';
import { minWidth, noWrap } from '../../lib/tableSort';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useCurrentUser } from '../auth/api';
import { useReceivables, useRemindNow } from './api';
import { BucketTag, money, orderErrorMessage } from './orderLabels';

const FILTERS = ['asOf', 'bucket'] as const;

function TotalsRow({ totals }: { totals: ReceivableTotals }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      <Col xs={12} md={8} xl={4}>
        <Card size="small">
          <Statistic title={`${t('receivables.outstanding')} (${totals.currency})`} value={money(totals.outstanding, totals.currency)} />
        </Card>
      </Col>
      {AGING_BUCKETS.map((b) => (
        <Col key={b} xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={t(`receivables.buckets.${b}`)} value={money(totals.buckets[b], totals.currency)} data-testid={`bucket-${b}`} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** Receivables (应收账款): open installments aged as of a day, with bucket totals per currency. */
export function ReceivablesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { permissions } = useCurrentUser();
  const [filters, setFilters] = useUrlFilters(FILTERS);
  const query = { asOf: filters.asOf, ...(filters.bucket === 'overdue' ? { overdue: 'true' } : filters.bucket ? { bucket: filters.bucket } : {}) };
  const receivables = useReceivables(query);
  const remind = useRemindNow();
  const rows = useMemo(() => receivables.data?.pages.flatMap((p) => p.items) ?? [], [receivables.data]);
  const first = receivables.data?.pages[0];
  // The server's rule for "remind now": update rights beyond one's own orders (managers, admins).
  const mayRemind = canAssignOwner(permissions, 'orders');

  const columns: TableProps<Receivable>['columns'] = [
    { ...noWrap, title: t('orders.order'), key: 'order', render: (_, r) => <Link to={`/orders/${r.orderId}`}>{r.orderNumber}</Link> },
    {
      ...minWidth(160),
      title: t('orders.organization'),
      key: 'organization',
      render: (_, r) => <Link to={`/organizations/${r.organizationId}`}>{r.organizationName}</Link>,
    },
    { ...noWrap, title: t('orders.seq'), key: 'seq', render: (_, r) => r.seq },
    { ...noWrap, title: t('orders.dueOn'), key: 'dueOn', render: (_, r) => r.dueOn },
    { ...noWrap, title: t('orders.amount'), key: 'amount', align: 'right', render: (_, r) => money(r.amount, r.currency) },
    { ...noWrap, title: t('orders.paid'), key: 'paid', align: 'right', render: (_, r) => money(r.paid, r.currency) },
    {
      ...noWrap,
      title: t('receivables.outstanding'),
      key: 'outstanding',
      align: 'right',
      render: (_, r) => <Typography.Text strong>{money(r.outstanding, r.currency)}</Typography.Text>,
    },
    { ...noWrap, title: t('receivables.daysOverdue'), key: 'days', align: 'right', render: (_, r) => (r.daysOverdue > 0 ? r.daysOverdue : '—') },
    { ...noWrap, title: t('receivables.bucket'), key: 'bucket', render: (_, r) => <BucketTag bucket={r.bucket} /> },
    { ...noWrap, title: t('orders.owner'), key: 'owner', render: (_, r) => r.ownerName },
    { ...noWrap, title: t('orders.remindedAt'), key: 'reminded', render: (_, r) => formatDateTime(r.remindedAt) },
  ];

  return (
    <>
      <PageHeader
        title={t('receivables.title')}
        description={t('receivables.description')}
        extra={
          mayRemind && (
            <Button
              icon={<BellOutlined />}
              loading={remind.isPending}
              onClick={() =>
                remind.mutate(undefined, {
                  onSuccess: (r) => void message.success(t('receivables.reminded', { count: r.reminded })),
                  onError: (err) => void message.error(orderErrorMessage(t, err)),
                })
              }
            >
              {t('receivables.remindNow')}
            </Button>
          )
        }
      />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <span>
          <Typography.Text type="secondary">{t('receivables.asOf')} </Typography.Text>
          <DatePicker
            aria-label={t('receivables.asOf')}
            value={filters.asOf ? dayjs(filters.asOf) : dayjs()}
            allowClear={false}
            onChange={(d) => setFilters({ asOf: d && !d.isSame(dayjs(), 'day') ? d.format('YYYY-MM-DD') : undefined })}
          />
        </span>
        <Segmented
          value={filters.bucket ?? 'all'}
          onChange={(v) => setFilters({ bucket: v === 'all' ? undefined : String(v) })}
          options={[
            { value: 'all', label: t('receivables.allBuckets') },
            { value: 'overdue', label: t('receivables.overdueOnly') },
            ...AGING_BUCKETS.map((b) => ({ value: b, label: t(`receivables.buckets.${b}`) })),
          ]}
        />
      </Flex>
      {receivables.isError ? (
        <QueryError error={receivables.error} onRetry={() => receivables.refetch()} />
      ) : (
        <>
          {first && first.totals.length === 0 && !receivables.isPending && <Empty description={t('receivables.noTotals')} style={{ margin: '16px 0' }} />}
          {first?.totals.map((totals) => (
            <TotalsRow key={totals.currency} totals={totals} />
          ))}
          <Table<Receivable>
            rowKey="installmentId"
            columns={columns}
            dataSource={rows}
            loading={receivables.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('receivables.empty') }}
          />
          <LoadMore
            shown={rows.length}
            hasMore={!!receivables.hasNextPage}
            loading={receivables.isFetchingNextPage}
            onLoadMore={() => receivables.fetchNextPage()}
          />
        </>
      )}
    </>
  );
}
