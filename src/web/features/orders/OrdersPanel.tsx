import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Contact, Organization } from '../../../shared/schemas/customers';
import { LoadMore } from '../../components/LoadMore';
import { QueryError } from '../../components/QueryError';
import { can } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import { type OrderQuery, useOrders, usePayments } from './api';
import { OrderFormDrawer } from './OrderFormDrawer';
import { OrderTable } from './OrderTable';
import { PaymentsTable } from './PaymentsTable';

function OrdersOf({ query, organizationId }: { query: OrderQuery; organizationId?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { permissions } = useCurrentUser();
  const [creating, setCreating] = useState(false);
  const orders = useOrders(query, { pageSize: 10 });
  const rows = useMemo(() => orders.data?.pages.flatMap((p) => p.items) ?? [], [orders.data]);
  if (orders.isError) return <QueryError error={orders.error} onRetry={() => orders.refetch()} />;
  return (
    <Flex vertical gap={8}>
      {organizationId && can(permissions, 'orders', 'create') && (
        <Flex justify="flex-end">
          <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('orders.create')}
          </Button>
        </Flex>
      )}
      <OrderTable rows={rows} loading={orders.isPending} compact empty={t('orders.panelEmpty')} />
      <LoadMore
        shown={rows.length}
        total={orders.data?.pages[0]?.total}
        hasMore={!!orders.hasNextPage}
        loading={orders.isFetchingNextPage}
        onLoadMore={() => orders.fetchNextPage()}
      />
      {organizationId && (
        <OrderFormDrawer open={creating} defaults={{ organizationId }} onClose={() => setCreating(false)} onSaved={(o) => navigate(`/orders/${o.id}`)} />
      )}
    </Flex>
  );
}

/** The organization page's orders and the payments received from it (organizationPanels.ts). */
export function OrganizationOrdersPanel({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const payments = usePayments({ organizationId: organization.id }, { pageSize: 10 });
  const rows = useMemo(() => payments.data?.pages.flatMap((p) => p.items) ?? [], [payments.data]);
  return (
    <Flex vertical gap={16}>
      <OrdersOf query={{ organizationId: organization.id }} organizationId={organization.id} />
      <Typography.Text strong>{t('orders.payments')}</Typography.Text>
      {payments.isError ? (
        <QueryError error={payments.error} onRetry={() => payments.refetch()} />
      ) : (
        <PaymentsTable rows={rows} loading={payments.isPending} showOrder />
      )}
      <LoadMore
        shown={rows.length}
        total={payments.data?.pages[0]?.total}
        hasMore={!!payments.hasNextPage}
        loading={payments.isFetchingNextPage}
        onLoadMore={() => payments.fetchNextPage()}
      />
    </Flex>
  );
}

/** The contact page's orders (contactPanels.ts). */
export function ContactOrdersPanel({ contact }: { contact: Contact }) {
  return <OrdersOf query={{ contactId: contact.id }} />;
}

/** The opportunity page's orders (opportunityPanels.ts). */
export function OpportunityOrdersPanel({ opportunity }: { opportunity: { id: string } }) {
  return <OrdersOf query={{ opportunityId: opportunity.id }} />;
}
