import { Empty, Table, type TableProps, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Quote } from '../../../shared/schemas/quotes';
import { minWidth, noWrap, sortOrderOf } from '../../lib/tableSort';
import { formatMoney, QUOTE_STATUS_COLORS } from './quoteLabels';

/** Quotes as a table; used by the list page and by the organization, contact and opportunity panels (compact). */
export function QuoteTable({
  rows,
  loading,
  sort,
  onSort,
  compact,
}: {
  rows: Quote[];
  loading?: boolean;
  sort?: string;
  onSort?: (sort: string | undefined) => void;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const sortable = (field: string) => (onSort ? { sorter: true, sortOrder: sortOrderOf(sort, field) } : {});
  const columns: TableProps<Quote>['columns'] = [
    {
      ...noWrap,
      title: t('quotes.fields.number'),
      key: 'number',
      ...sortable('number'),
      render: (_, q) => (
        <Link to={`/quotes/${q.id}`}>
          {q.number} v{q.revision}
        </Link>
      ),
    },
    ...(compact
      ? []
      : [{ ...minWidth(200), title: t('quotes.fields.organization'), key: 'organization', render: (_: unknown, q: Quote) => q.organizationName ?? '—' }]),
    { ...minWidth(140), title: t('quotes.fields.title'), key: 'title', render: (_, q) => q.title ?? '—' },
    {
      ...noWrap,
      title: t('quotes.fields.status'),
      key: 'status',
      render: (_, q) => <Tag color={QUOTE_STATUS_COLORS[q.status]}>{t(`quotes.status.${q.status}`)}</Tag>,
    },
    { ...noWrap, title: t('quotes.fields.total'), key: 'total', align: 'right', ...sortable('total'), render: (_, q) => formatMoney(q.total, q.currency) },
    { ...noWrap, title: t('quotes.fields.validUntil'), key: 'validUntil', ...sortable('validUntil'), render: (_, q) => q.validUntil ?? '—' },
    ...(compact ? [] : [{ ...noWrap, title: t('quotes.fields.owner'), key: 'owner', render: (_: unknown, q: Quote) => q.ownerName ?? '—' }]),
    { ...noWrap, title: t('quotes.fields.createdAt'), key: 'createdAt', ...sortable('createdAt'), render: (_, q) => q.createdAt.slice(0, 10) },
  ];
  return (
    <Table<Quote>
      rowKey="id"
      size={compact ? 'small' : 'middle'}
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={t('quotes.empty')} /> }}
      onChange={(_p, _f, sorter) => {
        if (!onSort) return;
        const s = Array.isArray(sorter) ? sorter[0] : sorter;
        onSort(s?.order ? `${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}` : undefined);
      }}
    />
  );
}
