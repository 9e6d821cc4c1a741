import { Table, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Order } from '../../../shared/schemas/orders';
import { formatDate } from '../../lib/format';
import { minWidth, noWrap, sortFromTable, sortOrderOf } from '../../lib/tableSort';
import { kindLabel, money, OrderStatusTag } from './orderLabels';

interface Props {
  rows: Order[];
  loading: boolean;
  /** Panels leave out the customer (it is the page's record) and sorting. */
  compact?: boolean;
  sort?: string;
  onSort?: (sort: string | undefined) => void;
  empty?: React.ReactNode;
}

export function OrderTable({ rows, loading, compact, sort, onSort, empty }: Props) {
  const { t } = useTranslation();
  const columns: TableProps<Order>['columns'] = [
    {
      ...noWrap,
      title: t('orders.number'),
      key: 'number',
      sorter: !compact,
      sortOrder: sortOrderOf(sort, 'number'),
      render: (_, o) => <Link to={`/orders/${o.id}`}>{o.number}</Link>,
    },
    { ...noWrap, title: t('orders.kind'), key: 'kind', render: (_, o) => kindLabel(t, o.kind) },
    ...(compact
      ? []
      : [
          {
            ...minWidth(180),
            title: t('orders.organization'),
            key: 'organization',
            render: (_: unknown, o: Order) => <Link to={`/organizations/${o.organizationId}`}>{o.organizationName}</Link>,
          },
        ]),
    { ...noWrap, title: t('orders.status'), key: 'status', render: (_, o) => <OrderStatusTag status={o.status} /> },
    { ...noWrap, title: t('orders.total'), key: 'total', align: 'right', render: (_, o) => money(o.total, o.currency) },
    { ...noWrap, title: t('orders.paid'), key: 'paid', align: 'right', render: (_, o) => money(o.paid, o.currency) },
    { ...noWrap, title: t('orders.outstanding'), key: 'outstanding', align: 'right', render: (_, o) => money(o.outstanding, o.currency) },
    ...(compact ? [] : [{ ...noWrap, title: t('orders.owner'), key: 'owner', render: (_: unknown, o: Order) => o.ownerName }]),
    {
      ...noWrap,
      title: t('orders.createdAt'),
      key: 'createdAt',
      sorter: !compact,
      sortOrder: sortOrderOf(sort ?? '-createdAt', 'createdAt'),
      render: (_, o) => formatDate(o.createdAt),
    },
  ];
  return (
    <Table<Order>
      rowKey="id"
      size={compact ? 'small' : 'middle'}
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={empty ? { emptyText: empty } : undefined}
      onChange={(_p, _f, sorter) => onSort?.(sortFromTable(sorter))}
    />
  );
}
