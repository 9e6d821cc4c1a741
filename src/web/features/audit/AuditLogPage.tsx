import { DatePicker, Empty, Form, Select, Table, type TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, type AuditEntry } from '../../../shared/schemas/audit';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { can } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import { useRoles } from '../roles/api';
import { useAllTeams } from '../teams/api';
import { UserSelect } from '../users/UserSelect';
import { AuditChanges, type ResolveName } from './AuditChanges';
import { type AuditFilters, useAuditLog } from './api';
import { actionLabel, RECORD_TYPES, recordTypeLabel } from './auditLabels';

type Range = [Dayjs | null, Dayjs | null] | null;

/** Whole days in the user's time zone; the server's `to` is exclusive, hence the next midnight. */
function rangeFilter(range: Range): Pick<AuditFilters, 'from' | 'to'> {
  return {
    from: range?.[0]?.startOf('day').toISOString(),
    to: range?.[1]?.add(1, 'day').startOf('day').toISOString(),
  };
}

export function AuditLogPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [filters, setFilters] = useState<AuditFilters>({});
  const teams = useAllTeams(can(me.permissions, 'teams', 'read'));
  const roles = useRoles(can(me.permissions, 'roles', 'read'));
  const resolve = useMemo<ResolveName>(() => {
    const teamNames = new Map((teams.data ?? []).map((x) => [x.id, x.name]));
    const roleNames = new Map((roles.data ?? []).map((x) => [x.id, x.name]));
    return (field, id) => (field === 'teamId' || field === 'parentId' ? teamNames.get(id) : field === 'roleId' ? roleNames.get(id) : undefined);
  }, [teams.data, roles.data]);
  const log = useAuditLog(filters);
  const rows = useMemo(() => log.data?.pages.flatMap((p) => p.items) ?? [], [log.data]);
  const set = (patch: Partial<AuditFilters>) => setFilters((prev) => ({ ...prev, ...patch }));

  const columns: TableProps<AuditEntry>['columns'] = [
    { title: t('audit.time'), dataIndex: 'at', key: 'at', render: formatDateTime, width: 160 },
    { title: t('audit.actor'), dataIndex: 'actorName', key: 'actor', render: (name: string | null) => name ?? t('audit.system') },
    { title: t('audit.action'), dataIndex: 'action', key: 'action', render: (a: string) => actionLabel(t, a) },
    { title: t('audit.recordType'), dataIndex: 'entityType', key: 'entityType', render: (type: string) => recordTypeLabel(t, type) },
    {
      title: t('audit.recordId'),
      dataIndex: 'entityId',
      key: 'entityId',
      render: (id: string | null) => (id ? <code style={{ fontSize: 12 }}>{id}</code> : ''),
    },
    { title: t('audit.changes'), key: 'changes', render: (_, entry) => <AuditChanges entry={entry} resolve={resolve} /> },
    { title: t('audit.ip'), dataIndex: 'ip', key: 'ip', render: (ip: string | null) => ip ?? '' },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <Form name="auditFilters" layout="inline" colon={false} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('audit.action')} htmlFor="auditFilters_action">
          <Select
            id="auditFilters_action"
            allowClear
            placeholder={t('common.all')}
            value={filters.action}
            onChange={(action) => set({ action })}
            options={AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(t, a) }))}
            style={{ width: 160 }}
          />
        </Form.Item>
        <Form.Item label={t('audit.recordType')} htmlFor="auditFilters_type">
          <Select
            id="auditFilters_type"
            allowClear
            placeholder={t('common.all')}
            value={filters.entityType}
            onChange={(entityType) => set({ entityType })}
            options={RECORD_TYPES.map((type) => ({ value: type, label: recordTypeLabel(t, type) }))}
            style={{ width: 160 }}
          />
        </Form.Item>
        <Form.Item label={t('audit.actor')} htmlFor="auditFilters_actor">
          <UserSelect
            id="auditFilters_actor"
            placeholder={t('common.all')}
            value={filters.actorId}
            onChange={(actorId) => set({ actorId })}
            style={{ width: 240 }}
          />
        </Form.Item>
        <Form.Item label={t('audit.dateRange')} htmlFor="auditFilters_range">
          <DatePicker.RangePicker id={{ start: 'auditFilters_range' }} allowEmpty={[true, true]} onChange={(range) => set(rangeFilter(range))} />
        </Form.Item>
      </Form>
      {log.isError ? (
        <QueryError error={log.error} onRetry={() => log.refetch()} />
      ) : (
        <>
          <Table<AuditEntry>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={log.isLoading || (log.isFetching && !log.isFetchingNextPage)}
            pagination={false}
            size="middle"
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
          />
          {!log.isLoading && (
            <LoadMore shown={rows.length} hasMore={!!log.hasNextPage} loading={log.isFetchingNextPage} onLoadMore={() => log.fetchNextPage()} />
          )}
        </>
      )}
    </>
  );
}
