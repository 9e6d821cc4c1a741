import { App, Button, Empty, Flex, Input, Select, Table, type TableProps, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { POOL_TIERS, type PoolOrganization } from '../../../shared/schemas/pool';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDate } from '../../lib/format';
import { can } from '../../lib/permissions';
import { minWidth, noWrap } from '../../lib/tableSort';
import { useShowError } from '../../lib/useShowError';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useCurrentUser } from '../auth/api';
import { TierTag } from '../customers/CustomerTags';
import { partyTypeLabel, tierLabel } from '../customers/customerLabels';
import { regionText } from '../regions/RegionName';
import { useClaim, usePoolOrganizations, usePoolSummary } from './api';
import { poolErrorMessage } from './poolErrors';

const FILTERS = ['q', 'tier'] as const;

/** The customer pool (公海): organizations without an owner in the pools the user may claim from. */
export function PoolPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { permissions } = useCurrentUser();
  const [filters, setFilters] = useUrlFilters(FILTERS);
  const pool = usePoolOrganizations(filters);
  const summary = usePoolSummary();
  const claim = useClaim();
  const [claiming, setClaiming] = useState<string | null>(null);

  const rows = useMemo(() => pool.data?.pages.flatMap((p) => p.items) ?? [], [pool.data]);
  const mayClaim = can(permissions, 'organizations', 'update');
  const held = summary.data?.held;
  const limit = summary.data?.limit ?? null;
  const full = limit !== null && held !== undefined && held >= limit;

  const onClaim = (o: PoolOrganization) => {
    setClaiming(o.id);
    claim.mutate(o.id, {
      onSuccess: () => void message.success(t('pool.claimed', { name: o.name })),
      onError: (err) => {
        const text = poolErrorMessage(t, err);
        if (text) void message.error(text);
        else showError(err);
      },
      onSettled: () => setClaiming(null),
    });
  };

  const columns: TableProps<PoolOrganization>['columns'] = [
    {
      ...minWidth(200),
      title: t('pool.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, o) => (
        <Flex vertical>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary">{partyTypeLabel(t, o.partyType)}</Typography.Text>
        </Flex>
      ),
    },
    { ...noWrap, title: t('pool.tier'), dataIndex: 'tier', key: 'tier', render: (tier: string | null) => (tier ? <TierTag tier={tier} /> : '—') },
    { title: t('pool.industry'), dataIndex: 'industry', key: 'industry', render: (v: string | null) => v ?? '—' },
    { title: t('pool.region'), key: 'region', render: (_, o) => regionText(o, i18n.language) || '—' },
    {
      ...noWrap,
      title: t('pool.pool'),
      key: 'pool',
      render: (_, o) => (o.teamId ? <Tag>{o.teamName ?? '—'}</Tag> : <Tag color="blue">{t('pool.companyPool')}</Tag>),
    },
    {
      ...noWrap,
      title: t('pool.lastActivity'),
      dataIndex: 'lastActivityAt',
      key: 'lastActivityAt',
      render: (v: string | null) => (v ? formatDate(v) : t('pool.never')),
    },
    { ...noWrap, title: t('pool.inPoolSince'), dataIndex: 'pooledAt', key: 'pooledAt', render: (v: string) => formatDate(v) },
  ];
  if (mayClaim) {
    columns.push({
      ...noWrap,
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, o) => (
        <Tooltip title={full ? t('pool.limitReached', { limit }) : undefined}>
          <Button type="primary" size="small" disabled={full} loading={claiming === o.id} onClick={() => onClaim(o)} data-testid={`claim-${o.id}`}>
            {t('pool.claim')}
          </Button>
        </Tooltip>
      ),
    });
  }

  const filtered = !!(filters.q || filters.tier);
  return (
    <>
      <PageHeader
        title={t('pool.title')}
        description={t('pool.description')}
        extra={
          held !== undefined && (
            <Tag color={full ? 'red' : 'green'} style={{ fontSize: 14, padding: '4px 10px' }} data-testid="pool-held">
              {limit === null ? t('pool.heldNoLimit', { held }) : t('pool.heldOfLimit', { held, limit })}
            </Tag>
          )
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          defaultValue={filters.q}
          placeholder={t('pool.searchPlaceholder')}
          onSearch={(q) => setFilters({ q })}
          style={{ width: 260 }}
          aria-label={t('common.search')}
        />
        <Select
          allowClear
          value={filters.tier}
          placeholder={t('pool.tier')}
          onChange={(tier?: string) => setFilters({ tier })}
          style={{ width: 160 }}
          options={POOL_TIERS.map((v) => ({ value: v, label: v === 'none' ? t('pool.noTier') : tierLabel(t, v) }))}
          aria-label={t('pool.tier')}
        />
      </Flex>
      {pool.isError ? (
        <QueryError error={pool.error} onRetry={() => pool.refetch()} />
      ) : (
        <>
          <Table<PoolOrganization>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={pool.isLoading || (pool.isFetching && !pool.isFetchingNextPage)}
            pagination={false}
            scroll={{ x: 900 }}
            tableLayout="auto"
            locale={{ emptyText: <Empty description={t(filtered ? 'pool.noMatch' : 'pool.empty')} /> }}
          />
          {!pool.isLoading && (
            <LoadMore shown={rows.length} hasMore={!!pool.hasNextPage} loading={pool.isFetchingNextPage} onLoadMore={() => pool.fetchNextPage()} />
          )}
        </>
      )}
    </>
  );
}
