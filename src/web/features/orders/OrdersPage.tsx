import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ORDER_KINDS, ORDER_STATUSES } from '../../../shared/schemas/orders';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { SearchInput } from '../../components/SearchInput';
import { can } from '../../lib/permissions';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useCurrentUser } from '../auth/api';
import { ORDER_FILTERS, useOrders } from './api';
import { OrderFormDrawer } from './OrderFormDrawer';
import { OrderTable } from './OrderTable';

export function OrdersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { permissions } = useCurrentUser();
  const [filters, setFilters] = useUrlFilters(ORDER_FILTERS);
  const [creating, setCreating] = useState(false);
  const orders = useOrders(filters);
  const rows = useMemo(() => orders.data?.pages.flatMap((p) => p.items) ?? [], [orders.data]);
  const filtered = !!(filters.q || filters.status || filters.kind);
  const mayCreate = can(permissions, 'orders', 'create');

  const createButton = mayCreate && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('orders.create')}
    </Button>
  );

  return (
    <>
      <PageHeader title={t('orders.title')} description={t('orders.description')} extra={createButton} />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <SearchInput value={filters.q} onSearch={(q) => setFilters({ q })} placeholder={t('orders.searchPlaceholder')} style={{ width: 240 }} />
        <Select
          allowClear
          placeholder={t('orders.allStatuses')}
          aria-label={t('orders.status')}
          style={{ width: 160 }}
          value={filters.status}
          onChange={(status) => setFilters({ status })}
          options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`orders.statuses.${s}`) }))}
        />
        <Select
          allowClear
          placeholder={t('orders.allKinds')}
          aria-label={t('orders.kind')}
          style={{ width: 140 }}
          value={filters.kind}
          onChange={(kind) => setFilters({ kind })}
          options={ORDER_KINDS.map((k) => ({ value: k, label: t(`orders.kinds.${k}`) }))}
        />
      </Flex>
      {orders.isError ? (
        <QueryError error={orders.error} onRetry={() => orders.refetch()} />
      ) : (
        <>
          <OrderTable
            rows={rows}
            loading={orders.isPending}
            sort={filters.sort}
            onSort={(sort) => setFilters({ sort })}
            empty={filtered ? <Empty description={t('orders.noMatch')} /> : <Empty description={t('orders.empty')}>{createButton}</Empty>}
          />
          <LoadMore
            shown={rows.length}
            total={orders.data?.pages[0]?.total}
            hasMore={!!orders.hasNextPage}
            loading={orders.isFetchingNextPage}
            onLoadMore={() => orders.fetchNextPage()}
          />
        </>
      )}
      <OrderFormDrawer open={creating} onClose={() => setCreating(false)} onSaved={(o) => navigate(`/orders/${o.id}`)} />
    </>
  );
}
