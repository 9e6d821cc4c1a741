import { Empty, Table, type TableProps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Opportunity } from '../../../shared/schemas/opportunities';
import { minWidth, noWrap, sortOrderOf } from '../../lib/tableSort';
import { formatAmount, STATUS_COLORS, stageNameOf } from './opportunityLabels';

/** Deals as a table; used by the list view and by the organization and contact panels (compact). */
export function OpportunityTable({
  rows,
  loading,
  sort,
  onSort,
  compact,
}: {
  rows: Opportunity[];
  loading?: boolean;
  sort?: string;
  onSort?: (sort: string | undefined) => void;
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const sortable = (field: string) => (onSort ? { sorter: true, sortOrder: sortOrderOf(sort, field) } : {});
  const columns: TableProps<Opportunity>['columns'] = [
    {
      ...minWidth(200),
      title: t('opportunities.fields.name'),
      key: 'name',
      ...sortable('name'),
      render: (_, o) => <Link to={`/opportunities/${o.id}`}>{o.name}</Link>,
    },
    ...(compact
      ? []
      : [{ title: t('opportunities.fields.organization'), key: 'organization', render: (_: unknown, o: Opportunity) => o.organizationName ?? '—' }]),
    {
      ...noWrap,
      title: t('opportunities.fields.stage'),
      key: 'stage',
      render: (_, o) => <Tag color={STATUS_COLORS[o.status]}>{stageNameOf(o, i18n.language)}</Tag>,
    },
    {
      ...noWrap,
      title: t('opportunities.fields.amount'),
      key: 'amount',
      align: 'right',
      ...sortable('amount'),
      render: (_, o) => formatAmount(o.amount, o.currency),
    },
    ...(compact
      ? []
      : [
          {
            ...noWrap,
            title: t('opportunities.fields.weightedAmount'),
            key: 'weighted',
            align: 'right' as const,
            render: (_: unknown, o: Opportunity) => <Typography.Text type="secondary">{formatAmount(o.weightedAmount, o.currency)}</Typography.Text>,
          },
        ]),
    {
      ...noWrap,
      title: t('opportunities.fields.expectedCloseDate'),
      key: 'expectedCloseDate',
      ...sortable('expectedCloseDate'),
      render: (_, o) => o.expectedCloseDate ?? '—',
    },
    ...(compact ? [] : [{ ...noWrap, title: t('opportunities.fields.owner'), key: 'owner', render: (_: unknown, o: Opportunity) => o.ownerName ?? '—' }]),
    ...(compact
      ? []
      : [
          {
            ...noWrap,
            title: t('opportunities.fields.updatedAt'),
            key: 'updatedAt',
            ...sortable('updatedAt'),
            render: (_: unknown, o: Opportunity) => o.updatedAt.slice(0, 10),
          },
        ]),
  ];
  return (
    <Table<Opportunity>
      rowKey="id"
      size={compact ? 'small' : 'middle'}
      loading={loading}
      dataSource={rows}
      columns={columns}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opportunities.empty')} /> }}
      onChange={(_p, _f, sorter) => {
        if (!onSort || Array.isArray(sorter)) return;
        const field = sorter.columnKey as string | undefined;
        onSort(sorter.order && field ? `${sorter.order === 'descend' ? '-' : ''}${field}` : undefined);
      }}
    />
  );
}
