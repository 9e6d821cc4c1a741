import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Contact, Organization } from '../../../shared/schemas/customers';
import type { OpportunityDetail } from '../../../shared/schemas/opportunities';
import { LoadMore } from '../../components/LoadMore';
import { QueryError } from '../../components/QueryError';
import { can } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import { type QuoteQuery, useQuotes } from './api';
import { type QuoteDefaults, QuoteFormDrawer } from './QuoteFormDrawer';
import { QuoteTable } from './QuoteTable';

function QuotesOf({ query, defaults }: { query: QuoteQuery; defaults?: QuoteDefaults }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { permissions } = useCurrentUser();
  const [creating, setCreating] = useState(false);
  const quotes = useQuotes(query, { pageSize: 10 });
  const rows = useMemo(() => quotes.data?.pages.flatMap((p) => p.items) ?? [], [quotes.data]);
  if (quotes.isError) return <QueryError error={quotes.error} onRetry={() => quotes.refetch()} />;
  return (
    <Flex vertical gap={8}>
      {defaults && can(permissions, 'quotes', 'create') && (
        <Flex justify="flex-end">
          <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('quotes.create')}
          </Button>
        </Flex>
      )}
      <QuoteTable rows={rows} loading={quotes.isPending} compact />
      <LoadMore
        shown={rows.length}
        total={quotes.data?.pages[0]?.total}
        hasMore={!!quotes.hasNextPage}
        loading={quotes.isFetchingNextPage}
        onLoadMore={() => quotes.fetchNextPage()}
      />
      {defaults && <QuoteFormDrawer open={creating} defaults={defaults} onClose={() => setCreating(false)} onSaved={(q) => navigate(`/quotes/${q.id}`)} />}
    </Flex>
  );
}

/** The organization page's quotes (organizationPanels.ts). */
export function OrganizationQuotesPanel({ organization }: { organization: Organization }) {
  return <QuotesOf query={{ organizationId: organization.id }} defaults={{ organizationId: organization.id }} />;
}

/** The contact page's quotes (contactPanels.ts). */
export function ContactQuotesPanel({ contact }: { contact: Contact }) {
  return <QuotesOf query={{ contactId: contact.id }} />;
}

/** The opportunity page's quotes (opportunityPanels.ts): new ones are linked to the deal. */
export function OpportunityQuotesPanel({ opportunity }: { opportunity: OpportunityDetail }) {
  return <QuotesOf query={{ opportunityId: opportunity.id }} defaults={{ opportunityId: opportunity.id, organizationId: opportunity.organizationId }} />;
}
