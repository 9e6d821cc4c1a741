import type { SalesReport } from '../../../shared/schemas/reports';

/**
 * The ECharts option of a report. Money arrives as decimal strings; the chart needs numbers for its
 * geometry only (bar heights), never for figures shown as text, which stay the API's strings.
 */
type Label = (key: string) => string;
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

export function chartOption(report: SalesReport, t: Label): Record<string, unknown> | null {
  const rows = report.rows;
  const base = { tooltip: { trigger: 'axis' }, grid: { left: 16, right: 24, bottom: 24, top: 40, containLabel: true } };
  const bars = (categories: string[], series: { name: string; data: number[]; stack?: string }[], extra: Record<string, unknown> = {}) => ({
    ...base,
    legend: { top: 0 },
    xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value' },
    series: series.map((s) => ({ type: 'bar', ...s })),
    ...extra,
  });
  switch (report.report) {
    case 'funnel':
      return {
        tooltip: { trigger: 'item', formatter: '{b}: {c}' },
        legend: { top: 0 },
        series: [
          {
            name: t('reached'),
            type: 'funnel',
            sort: 'none',
            top: 40,
            bottom: 10,
            minSize: '10%',
            label: { show: true, position: 'inside', formatter: '{b}: {c}' },
            data: rows.filter((r) => r.kind !== 'lost').map((r) => ({ name: String(r.stage), value: num(r.reached) })),
          },
        ],
      };
    case 'win-rate':
      return bars(
        rows.map((r) => String(r.owner ?? '—')),
        [
          { name: t('won'), data: rows.map((r) => num(r.won)), stack: 'deals' },
          { name: t('lost'), data: rows.map((r) => num(r.lost)), stack: 'deals' },
        ],
      );
    case 'sales-cycle':
      return bars(
        rows.map((r) => String(r.owner ?? '—')),
        [{ name: t('avgDays'), data: rows.map((r) => num(r.avgDays)) }],
      );
    case 'forecast': {
      const target = report.totals.target;
      return bars(
        rows.map((r) => String(r.owner ?? '—')),
        [
          { name: t('won'), data: rows.map((r) => num(r.won)), stack: 'forecast' },
          { name: t('weighted'), data: rows.map((r) => num(r.weighted)), stack: 'forecast' },
          { name: t('target'), data: rows.map((r) => num(r.target)) },
        ],
        target ? { title: { text: `${t('attainment')}: ${report.totals.attainment ?? '—'}`, right: 0, top: 0, textStyle: { fontSize: 13 } } } : {},
      );
    }
    case 'revenue': {
      const option = bars(
        rows.map((r) => String(r.name ?? '—')),
        [{ name: t('amount'), data: rows.map((r) => num(r.amount)) }],
      );
      return report.totals.groupBy === 'month'
        ? { ...option, series: [{ type: 'line', name: t('amount'), data: rows.map((r) => num(r.amount)), areaStyle: {} }] }
        : option;
    }
    case 'new-customers': {
      // Days across, one stacked series per province.
      const days = [...new Set(rows.map((r) => String(r.day)))].sort();
      const provinces = [...new Set(rows.map((r) => String(r.name ?? '—')))];
      const count = new Map(rows.map((r) => [`${r.day}|${r.name ?? '—'}`, num(r.count)]));
      return bars(
        days,
        provinces.map((p) => ({ name: p, stack: 'day', data: days.map((d) => count.get(`${d}|${p}`) ?? 0) })),
      );
    }
    case 'overdue-receivables':
      return bars(
        rows.map((r) => String(r.bucket)),
        [{ name: t('amount'), data: rows.map((r) => num(r.amount)) }],
      );
    default:
      return null;
  }
}
