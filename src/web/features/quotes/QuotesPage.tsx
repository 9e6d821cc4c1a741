import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Flex, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { QUOTE_STATUSES } from '../../../shared/schemas/quotes';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { SearchInput } from '../../components/SearchInput';
import { can } from '../../lib/permissions';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useCurrentUser } from '../auth/api';
import { useQuotes } from './api';
import { QuoteFormDrawer } from './QuoteFormDrawer';
import { QuoteTable } from './QuoteTable';

const FILTERS = ['q', 'status', 'allVersions', 'mine', 'sort'] as const;

/** Quotes in the user's scope, latest versions unless all are asked for. */
export function QuotesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const [filters, setFilters] = useUrlFilters(FILTERS);
  const [creating, setCreating] = useState(false);
  const quotes = useQuotes({
    q: filters.q,
    status: filters.status,
    allVersions: filters.allVersions,
    ownerId: filters.mine ? me.user.id : undefined,
    sort: filters.sort,
  });
  const rows = useMemo(() => quotes.data?.pages.flatMap((p) => p.items) ?? [], [quotes.data]);
  return (
    <>
      <PageHeader
        title={t('quotes.title')}
        description={t('quotes.description')}
        extra={
          can(me.permissions, 'quotes', 'create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="quote-create">
              {t('quotes.create')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
          <SearchInput value={filters.q} onSearch={(q) => setFilters({ q })} placeholder={t('quotes.searchPlaceholder')} style={{ width: 260 }} />
          <Select
            mode="multiple"
            allowClear
            style={{ minWidth: 200 }}
            placeholder={t('quotes.fields.status')}
            value={filters.status ? filters.status.split(',') : []}
            onChange={(v: string[]) => setFilters({ status: v.join(',') || undefined })}
            options={QUOTE_STATUSES.map((s) => ({ value: s, label: t(`quotes.status.${s}`) }))}
          />
          <Checkbox checked={!!filters.mine} onChange={(e) => setFilters({ mine: e.target.checked ? '1' : undefined })}>
            {t('quotes.mine')}
          </Checkbox>
          <Checkbox checked={!!filters.allVersions} onChange={(e) => setFilters({ allVersions: e.target.checked ? 'true' : undefined })}>
            {t('quotes.allVersions')}
          </Checkbox>
        </Flex>
        {quotes.isError ? (
          <QueryError error={quotes.error} onRetry={() => quotes.refetch()} />
        ) : (
          <>
            <QuoteTable rows={rows} loading={quotes.isPending} sort={filters.sort ?? '-createdAt'} onSort={(sort) => setFilters({ sort })} />
            <LoadMore
              shown={rows.length}
              total={quotes.data?.pages[0]?.total}
              hasMore={!!quotes.hasNextPage}
              loading={quotes.isFetchingNextPage}
              onLoadMore={() => quotes.fetchNextPage()}
            />
          </>
        )}
      </Card>
      <QuoteFormDrawer open={creating} onClose={() => setCreating(false)} onSaved={(q) => navigate(`/quotes/${q.id}`)} />
    </>
  );
}
