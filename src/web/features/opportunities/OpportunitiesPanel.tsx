import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact, Organization } from '../../../shared/schemas/customers';
import { LoadMore } from '../../components/LoadMore';
import { QueryError } from '../../components/QueryError';
import { can } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import { type OpportunityQuery, useOpportunities } from './api';
import { OpportunityFormDrawer } from './OpportunityFormDrawer';
import { OpportunityTable } from './OpportunityTable';

function DealsOf({ query, organizationId }: { query: OpportunityQuery; organizationId?: string }) {
  const { t } = useTranslation();
  const { permissions } = useCurrentUser();
  const [creating, setCreating] = useState(false);
  const deals = useOpportunities(query, { pageSize: 10 });
  const rows = useMemo(() => deals.data?.pages.flatMap((p) => p.items) ?? [], [deals.data]);
  if (deals.isError) return <QueryError error={deals.error} onRetry={() => deals.refetch()} />;
  return (
    <Flex vertical gap={8}>
      {organizationId && can(permissions, 'opportunities', 'create') && (
        <Flex justify="flex-end">
          <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('opportunities.create')}
          </Button>
        </Flex>
      )}
      <OpportunityTable rows={rows} loading={deals.isPending} compact />
      <LoadMore
        shown={rows.length}
        total={deals.data?.pages[0]?.total}
        hasMore={!!deals.hasNextPage}
        loading={deals.isFetchingNextPage}
        onLoadMore={() => deals.fetchNextPage()}
      />
      {organizationId && <OpportunityFormDrawer open={creating} defaults={{ organizationId }} onClose={() => setCreating(false)} />}
    </Flex>
  );
}

/** The organization page's deals (organizationPanels.ts). */
export function OrganizationOpportunitiesPanel({ organization }: { organization: Organization }) {
  return <DealsOf query={{ organizationId: organization.id, sort: '-updatedAt' }} organizationId={organization.id} />;
}

/** The contact page's deals: those the contact takes part in (contactPanels.ts). */
export function ContactOpportunitiesPanel({ contact }: { contact: Contact }) {
  return <DealsOf query={{ contactId: contact.id, sort: '-updatedAt' }} />;
}
