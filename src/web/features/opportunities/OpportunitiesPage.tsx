import { AppstoreOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, DatePicker, Empty, Flex, Segmented, Select } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CURRENCIES } from '../../../shared/money';
import { OPPORTUNITY_STATUSES } from '../../../shared/schemas/opportunities';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { SearchInput } from '../../components/SearchInput';
import { can, canAssignOwner } from '../../lib/permissions';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useCurrentUser } from '../auth/api';
import { ImportButton } from '../imports/ImportButton';
import { UserSelect } from '../users/UserSelect';
import { useOpportunities, usePipelines } from './api';
import { KanbanBoard } from './KanbanBoard';
import { OpportunityFormDrawer } from './OpportunityFormDrawer';
import { OpportunityTable } from './OpportunityTable';
import { localName } from './opportunityLabels';

const FILTERS = ['view', 'pipelineId', 'q', 'ownerId', 'mine', 'status', 'currency', 'closeFrom', 'closeTo', 'sort'] as const;

/** Opportunities (商机): the pipeline as a kanban, or a filtered, sortable list. */
export function OpportunitiesPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { permissions } = useCurrentUser();
  const [filters, setFilters] = useUrlFilters(FILTERS);
  const [creating, setCreating] = useState(false);
  const pipelines = usePipelines();
  const view = filters.view === 'list' ? 'list' : 'board';
  const pipeline = pipelines.data?.find((p) => p.id === filters.pipelineId) ?? pipelines.data?.find((p) => p.isDefault) ?? pipelines.data?.[0];
  const common = useMemo(
    () => ({
      q: filters.q,
      ownerId: filters.ownerId,
      mine: filters.mine === '1' ? true : undefined,
      currency: filters.currency,
      closeFrom: filters.closeFrom,
      closeTo: filters.closeTo,
      pipelineId: pipeline?.id,
    }),
    [filters.q, filters.ownerId, filters.mine, filters.currency, filters.closeFrom, filters.closeTo, pipeline?.id],
  );

  return (
    <>
      <PageHeader
        title={t('opportunities.title')}
        description={t('opportunities.description')}
        extra={
          <>
            <Segmented
              value={view}
              onChange={(v) => setFilters({ view: v === 'list' ? 'list' : undefined })}
              options={[
                { value: 'board', label: <span data-testid="view-board">{t('opportunities.board.title')}</span>, icon: <AppstoreOutlined /> },
                { value: 'list', label: <span data-testid="view-list">{t('opportunities.list')}</span>, icon: <UnorderedListOutlined /> },
              ]}
            />
            <ImportButton entity="opportunities" />
            {can(permissions, 'opportunities', 'create') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="opportunity-new">
                {t('opportunities.create')}
              </Button>
            )}
          </>
        }
      />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Select
          style={{ minWidth: 160 }}
          value={pipeline?.id}
          loading={pipelines.isPending}
          aria-label={t('opportunities.fields.pipeline')}
          options={(pipelines.data ?? []).map((p) => ({ value: p.id, label: localName(p, i18n.language) }))}
          onChange={(pipelineId) => setFilters({ pipelineId })}
        />
        <SearchInput
          value={filters.q}
          onSearch={(q) => setFilters({ q })}
          placeholder={t('opportunities.searchPlaceholder')}
          aria-label={t('common.search')}
          style={{ width: 220 }}
        />
        {canAssignOwner(permissions, 'opportunities') ? (
          <UserSelect
            style={{ width: 220 }}
            placeholder={t('opportunities.fields.owner')}
            value={filters.ownerId}
            onChange={(ownerId) => setFilters({ ownerId: ownerId ?? undefined })}
          />
        ) : (
          <Segmented
            value={filters.mine === '1' ? 'mine' : 'all'}
            onChange={(v) => setFilters({ mine: v === 'mine' ? '1' : undefined })}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'mine', label: t('opportunities.mine') },
            ]}
          />
        )}
        {view === 'list' && (
          <Select
            allowClear
            style={{ width: 120 }}
            placeholder={t('opportunities.fields.status')}
            value={filters.status}
            onChange={(status) => setFilters({ status })}
            options={OPPORTUNITY_STATUSES.map((s) => ({ value: s, label: t(`opportunities.statuses.${s}`) }))}
          />
        )}
        <Select
          allowClear
          style={{ width: 110 }}
          placeholder={t('opportunities.fields.currency')}
          value={filters.currency}
          onChange={(currency) => setFilters({ currency })}
          options={CURRENCIES.map((c) => ({ value: c, label: c }))}
        />
        <DatePicker.RangePicker
          aria-label={t('opportunities.fields.expectedCloseDate')}
          placeholder={[t('opportunities.closeFrom'), t('opportunities.closeTo')]}
          value={filters.closeFrom && filters.closeTo ? [dayjs(filters.closeFrom), dayjs(filters.closeTo)] : null}
          onChange={(range) => setFilters({ closeFrom: range?.[0]?.format('YYYY-MM-DD'), closeTo: range?.[1]?.format('YYYY-MM-DD') })}
        />
      </Flex>
      {pipelines.isError ? (
        <QueryError error={pipelines.error} onRetry={() => pipelines.refetch()} />
      ) : pipelines.data && pipelines.data.length === 0 ? (
        <Empty description={t('opportunities.noPipeline')} />
      ) : view === 'board' ? (
        pipeline && <KanbanBoard query={common} canMove={can(permissions, 'opportunities', 'update')} />
      ) : (
        <OpportunityList query={{ ...common, status: filters.status, sort: filters.sort }} onSort={(sort) => setFilters({ sort })} />
      )}
      <OpportunityFormDrawer
        open={creating}
        defaults={{ pipelineId: pipeline?.id }}
        onClose={() => setCreating(false)}
        onSaved={(o) => navigate(`/opportunities/${o.id}`)}
      />
    </>
  );
}

function OpportunityList({ query, onSort }: { query: Record<string, string | boolean | undefined>; onSort: (sort: string | undefined) => void }) {
  const deals = useOpportunities(query);
  const rows = useMemo(() => deals.data?.pages.flatMap((p) => p.items) ?? [], [deals.data]);
  if (deals.isError) return <QueryError error={deals.error} onRetry={() => deals.refetch()} />;
  return (
    <>
      <OpportunityTable rows={rows} loading={deals.isPending} sort={query.sort as string | undefined} onSort={onSort} />
      <LoadMore
        shown={rows.length}
        total={deals.data?.pages[0]?.total}
        hasMore={!!deals.hasNextPage}
        loading={deals.isFetchingNextPage}
        onLoadMore={() => deals.fetchNextPage()}
      />
    </>
  );
}
