import { Alert, Card, Flex, InputNumber, Segmented, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CURRENCIES, type Currency, formatMinor, toMinor } from '../../../shared/money';
import type { Target, TargetPeriod, TargetSubject } from '../../../shared/schemas/targets';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { can } from '../../lib/permissions';
import { useShowError } from '../../lib/useShowError';
import { useCurrentUser } from '../auth/api';
import { useAllTeams } from '../teams/api';
import { useUserNames } from '../users/api';
import { useDeleteTarget, useSaveTarget, useYearTargets } from './api';
import { periodStarts } from './periods';
import { TargetCell } from './TargetCell';

interface GridRow {
  id: string;
  name: string;
  cells: Map<string, Target>;
}

/** Users or teams down, the periods of a year across; every cell edits in place. */
export function TargetsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const showError = useShowError();
  const [year, setYear] = useState(new Date().getFullYear());
  const [period, setPeriod] = useState<TargetPeriod>('month');
  const [subjectType, setSubjectType] = useState<TargetSubject>('user');
  const [currency, setCurrency] = useState<Currency>('CNY');
  const targets = useYearTargets({ year, period, subjectType, currency });
  const users = useUserNames(subjectType === 'user');
  const teams = useAllTeams(subjectType === 'team' && can(me.permissions, 'teams', 'read'));
  const save = useSaveTarget();
  const remove = useDeleteTarget();
  const editable = can(me.permissions, 'targets', 'create') && can(me.permissions, 'targets', 'update');
  const starts = periodStarts(year, period);

  const rows = useMemo<GridRow[]>(() => {
    const subjects = new Map<string, string>();
    // With own scope a rep sees only their own row; others see everyone they may see.
    if (subjectType === 'user') {
      const scope = me.permissions.targets?.scope;
      if (scope === 'own') subjects.set(me.user.id, me.user.name);
      else for (const [id, name] of Object.entries(users.data ?? {})) subjects.set(id, name);
    } else for (const team of teams.data ?? []) subjects.set(team.id, team.name);
    const byId = new Map<string, GridRow>();
    for (const [id, name] of subjects) byId.set(id, { id, name, cells: new Map() });
    for (const target of targets.data ?? []) {
      const id = (subjectType === 'user' ? target.userId : target.teamId) as string;
      const row = byId.get(id) ?? { id, name: (subjectType === 'user' ? target.userName : target.teamName) ?? id, cells: new Map<string, Target>() };
      byId.set(id, row);
      row.cells.set(target.periodStart, target);
    }
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  }, [subjectType, me, users.data, teams.data, targets.data]);

  const columnTitle = (start: string) => {
    const month = Number(start.slice(5, 7));
    if (period === 'month') return t('targets.monthShort', { month });
    if (period === 'quarter') return t('targets.quarterShort', { quarter: (month + 2) / 3 });
    return String(year);
  };

  const cellSave = (row: GridRow, start: string) => async (amount: string) => {
    const current = row.cells.get(start);
    try {
      await save.mutateAsync(
        current
          ? { id: current.id, amount, version: current.version }
          : { subjectType, ...(subjectType === 'user' ? { userId: row.id } : { teamId: row.id }), period, periodStart: start, amount, currency },
      );
    } catch (err) {
      showError(err);
      throw err;
    }
  };

  const columns: TableColumnsType<GridRow> = [
    { key: 'name', title: subjectType === 'user' ? t('targets.user') : t('targets.team'), dataIndex: 'name', fixed: 'left', width: 180 },
    ...starts.map((start) => ({
      key: start,
      title: columnTitle(start),
      align: 'right' as const,
      width: 120,
      render: (_: unknown, row: GridRow) => (
        <TargetCell
          target={row.cells.get(start)}
          editable={editable}
          saving={save.isPending || remove.isPending}
          label={`${row.name} ${columnTitle(start)}`}
          onSave={cellSave(row, start)}
          onDelete={() => remove.mutateAsync(row.cells.get(start)?.id as string).catch(showError)}
        />
      ),
    })),
    ...(starts.length > 1
      ? [
          {
            key: 'total',
            title: t('targets.total'),
            align: 'right' as const,
            width: 140,
            render: (_: unknown, row: GridRow) => <strong>{formatMinor([...row.cells.values()].reduce((s, c) => s + toMinor(c.amount), 0))}</strong>,
          },
        ]
      : []),
  ];

  const error = targets.error ?? users.error ?? teams.error;
  return (
    <>
      <PageHeader title={t('targets.title')} description={t('targets.description')} />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <InputNumber aria-label={t('targets.year')} value={year} min={1970} max={2200} onChange={(v) => v && setYear(v)} style={{ width: 100 }} />
          <Segmented<TargetPeriod>
            value={period}
            onChange={setPeriod}
            options={(['month', 'quarter', 'year'] as const).map((p) => ({ value: p, label: t(`targets.periods.${p}`) }))}
          />
          <Segmented<TargetSubject>
            value={subjectType}
            onChange={setSubjectType}
            options={[
              { value: 'user', label: t('targets.users') },
              { value: 'team', label: t('targets.teams') },
            ]}
          />
          <Select<Currency>
            aria-label={t('targets.currency')}
            value={currency}
            onChange={setCurrency}
            options={CURRENCIES.map((c) => ({ value: c, label: c }))}
            style={{ width: 90 }}
          />
        </Flex>
        {editable && <Typography.Paragraph type="secondary">{t('targets.editHint')}</Typography.Paragraph>}
        {!editable && <Alert type="info" showIcon message={t('targets.readOnly')} style={{ marginBottom: 12 }} />}
        {error ? (
          <QueryError error={error} onRetry={() => targets.refetch()} />
        ) : (
          <Table<GridRow>
            rowKey="id"
            size="small"
            loading={targets.isLoading || users.isLoading || teams.isLoading}
            columns={columns}
            dataSource={rows}
            pagination={rows.length > 50 ? { pageSize: 50 } : false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('targets.empty') }}
          />
        )}
      </Card>
    </>
  );
}
