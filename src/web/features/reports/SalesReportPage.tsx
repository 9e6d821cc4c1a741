import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Segmented, Select, Skeleton, Table, type TableColumnsType, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CURRENCIES, formatMinor, toMinor } from '../../../shared/money';
import { REVENUE_GROUPS, type ReportColumn, SALES_REPORTS, type SalesReportKey } from '../../../shared/schemas/reports';
import type { TargetPeriod } from '../../../shared/schemas/targets';
import { NotFoundPage } from '../../components/NotFoundPage';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { can } from '../../lib/permissions';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useCurrentUser } from '../auth/api';
import { usePipelines } from '../opportunities/api';
import { useAllTeams } from '../teams/api';
import { UserSelect } from '../users/UserSelect';
import { reportFileUrl, useSalesReport } from './api';
import { chartOption } from './chartOption';
import { USES_PIPELINE } from './reportList';

const ReportChart = lazy(() => import('./ReportChart'));

const KEYS = ['from', 'to', 'currency', 'pipelineId', 'teamId', 'ownerId', 'groupBy', 'period', 'periodStart'] as const;
type Row = Record<string, string | number | null>;
const DATE = 'YYYY-MM-DD';

function defaultRange(report: SalesReportKey) {
  const today = dayjs();
  if (report === 'overdue-receivables') return { from: today.startOf('year').format(DATE), to: today.format(DATE) };
  if (report === 'new-customers') return { from: today.startOf('month').format(DATE), to: today.endOf('month').format(DATE) };
  return { from: today.startOf('year').format(DATE), to: today.endOf('year').format(DATE) };
}

export function SalesReportPage() {
  const { report: param } = useParams();
  const report = (SALES_REPORTS as readonly string[]).includes(param ?? '') ? (param as SalesReportKey) : null;
  return report ? <ReportView key={report} report={report} /> : <NotFoundPage />;
}

function ReportView({ report }: { report: SalesReportKey }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const [filters, setFilters] = useUrlFilters(KEYS);
  const teams = useAllTeams(can(me.permissions, 'teams', 'read'));
  const pipelines = usePipelines();
  const lang = i18n.language.startsWith('zh') ? 'zh-CN' : 'en';
  const range = defaultRange(report);
  const period = (filters.period as TargetPeriod | undefined) ?? 'month';
  const query = useMemo(() => {
    const q: Record<string, string | undefined> = {
      currency: filters.currency ?? 'CNY',
      teamId: filters.teamId,
      ownerId: filters.ownerId,
      lang,
    };
    if (report === 'forecast') {
      q.period = period;
      q.periodStart =
        filters.periodStart ??
        dayjs()
          .startOf(period === 'quarter' ? 'month' : period)
          .format(DATE);
      if (period === 'quarter')
        q.periodStart = dayjs(q.periodStart)
          .month(Math.floor(dayjs(q.periodStart).month() / 3) * 3)
          .format(DATE);
    } else {
      q.to = filters.to ?? range.to;
      // Overdue receivables look at one day; the range starts there too so it is never "before from".
      q.from = report === 'overdue-receivables' ? q.to : (filters.from ?? range.from);
    }
    if (USES_PIPELINE.has(report)) q.pipelineId = filters.pipelineId;
    if (report === 'revenue') q.groupBy = filters.groupBy ?? 'month';
    return q;
  }, [filters, report, lang, period, range.from, range.to]);
  const data = useSalesReport(report, query);
  const label = useCallback((key: string) => t(`salesReports.columns.${key}`), [t]);
  const option = useMemo(() => (data.data ? chartOption(data.data, label) : null), [data.data, label]);
  const mayExport = can(me.permissions, 'reports', 'export');

  const cell = (column: ReportColumn, value: unknown) => {
    if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
    if (column.type === 'money') return formatMinor(toMinor(String(value)));
    if (column.type === 'percent') return `${value}%`;
    if (column.key === 'bucket') return t('salesReports.bucket', { days: value });
    if (column.key === 'stage' || column.key === 'name' || column.key === 'owner') return String(value);
    return String(value);
  };
  const columns: TableColumnsType<Row> = (data.data?.columns ?? []).map((c) => ({
    key: c.key,
    dataIndex: c.key,
    title: label(c.key),
    align: c.type === 'text' ? 'left' : 'right',
    render: (v: unknown) => cell(c, v),
  }));
  const totals = data.data?.totals ?? {};

  const onRange = (values: [Dayjs | null, Dayjs | null] | null) =>
    setFilters({ from: values?.[0]?.format(DATE) ?? undefined, to: values?.[1]?.format(DATE) ?? undefined });

  return (
    <>
      <PageHeader
        title={t(`salesReports.reports.${report}.title`)}
        description={t(`salesReports.reports.${report}.definition`)}
        extra={
          <>
            <Link to="/reports/sales">
              <Button icon={<ArrowLeftOutlined />}>{t('salesReports.allReports')}</Button>
            </Link>
            {mayExport && (
              <>
                <Button icon={<DownloadOutlined />} href={reportFileUrl(report, query, 'csv', i18n.language)} download>
                  {t('salesReports.exportCsv')}
                </Button>
                <Button icon={<DownloadOutlined />} href={reportFileUrl(report, query, 'xlsx', i18n.language)} download>
                  {t('salesReports.exportXlsx')}
                </Button>
              </>
            )}
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          {report === 'forecast' ? (
            <>
              <Segmented<TargetPeriod>
                value={period}
                onChange={(p) => setFilters({ period: p, periodStart: undefined })}
                options={(['month', 'quarter', 'year'] as const).map((p) => ({ value: p, label: t(`targets.periods.${p}`) }))}
              />
              <DatePicker
                aria-label={t('salesReports.filters.period')}
                picker={period}
                allowClear={false}
                value={dayjs(query.periodStart)}
                onChange={(d) => d && setFilters({ periodStart: d.startOf(period === 'quarter' ? 'month' : period).format(DATE) })}
              />
            </>
          ) : report === 'overdue-receivables' ? (
            <DatePicker
              aria-label={t('salesReports.filters.asOf')}
              value={dayjs(query.to)}
              allowClear={false}
              onChange={(d) => d && setFilters({ to: d.format(DATE) })}
              prefix={t('salesReports.filters.asOf')}
            />
          ) : (
            <DatePicker.RangePicker
              aria-label={t('salesReports.filters.range')}
              value={[dayjs(query.from), dayjs(query.to)]}
              allowClear={false}
              onChange={onRange}
            />
          )}
          <Select
            aria-label={t('salesReports.filters.currency')}
            value={query.currency}
            onChange={(v) => setFilters({ currency: v })}
            options={CURRENCIES.map((c) => ({ value: c, label: c }))}
            style={{ width: 90 }}
          />
          {USES_PIPELINE.has(report) && (
            <Select
              aria-label={t('salesReports.filters.pipeline')}
              placeholder={t('salesReports.filters.defaultPipeline')}
              allowClear
              value={filters.pipelineId}
              onChange={(v) => setFilters({ pipelineId: v })}
              options={(pipelines.data ?? []).map((p) => ({ value: p.id, label: lang === 'zh-CN' && p.nameZh ? p.nameZh : p.name }))}
              style={{ minWidth: 160 }}
            />
          )}
          {report === 'revenue' && (
            <Select
              aria-label={t('salesReports.filters.groupBy')}
              value={query.groupBy}
              onChange={(v) => setFilters({ groupBy: v })}
              options={REVENUE_GROUPS.map((g) => ({ value: g, label: t(`salesReports.groupBy.${g}`) }))}
              style={{ minWidth: 130 }}
            />
          )}
          {can(me.permissions, 'teams', 'read') && (
            <Select
              aria-label={t('salesReports.filters.team')}
              placeholder={t('salesReports.filters.allTeams')}
              allowClear
              value={filters.teamId}
              onChange={(v) => setFilters({ teamId: v })}
              options={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
              style={{ minWidth: 160 }}
            />
          )}
          <UserSelect
            aria-label={t('salesReports.filters.owner')}
            placeholder={t('salesReports.filters.allOwners')}
            allowClear
            value={filters.ownerId}
            onChange={(v) => setFilters({ ownerId: v ?? undefined })}
            style={{ minWidth: 200 }}
          />
        </Flex>
      </Card>
      {data.error ? (
        <QueryError error={data.error} onRetry={() => data.refetch()} />
      ) : (
        <>
          <Card style={{ marginBottom: 16 }}>
            {data.isLoading || !option ? (
              <Skeleton active />
            ) : data.data && data.data.rows.length === 0 ? (
              <Typography.Paragraph type="secondary" style={{ textAlign: 'center', margin: 48 }}>
                {t('salesReports.empty')}
              </Typography.Paragraph>
            ) : (
              <Suspense fallback={<Skeleton active />}>
                <ReportChart option={option} label={t(`salesReports.reports.${report}.title`)} />
              </Suspense>
            )}
          </Card>
          <Card>
            <Table<Row>
              rowKey={(r) => JSON.stringify([r.stageId ?? r.ownerId ?? r.key ?? r.bucket, r.day ?? '', r.province ?? ''])}
              size="small"
              loading={data.isFetching}
              columns={columns}
              dataSource={data.data?.rows ?? []}
              pagination={(data.data?.rows.length ?? 0) > 100 ? { pageSize: 100 } : false}
              locale={{ emptyText: t('salesReports.empty') }}
              summary={() =>
                data.data && data.data.rows.length > 0 ? (
                  <Table.Summary.Row>
                    {data.data.columns.map((c, i) => (
                      <Table.Summary.Cell key={c.key} index={i} align={c.type === 'text' ? 'left' : 'right'}>
                        <strong>{i === 0 ? t('salesReports.total') : c.key in totals ? cell(c, totals[c.key]) : ''}</strong>
                      </Table.Summary.Cell>
                    ))}
                  </Table.Summary.Row>
                ) : null
              }
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t('salesReports.rangeNote', { from: data.data?.from ?? '', to: data.data?.to ?? '', currency: data.data?.currency ?? '' })}
            </Typography.Paragraph>
          </Card>
        </>
      )}
    </>
  );
}
