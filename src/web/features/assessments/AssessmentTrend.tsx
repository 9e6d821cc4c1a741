import ReactEChartsCore from 'echarts-for-react/lib/core';
import { useTranslation } from 'react-i18next';
import type { AssessmentOverview } from '../../../shared/schemas/assessments';
import { echarts, LATEST_COLOR } from './charts';
import { dimensionName } from './dimensionName';

interface Props {
  overview: AssessmentOverview;
  /** The average per assessment, or one line per dimension. */
  mode: 'average' | 'dimensions';
  height?: number;
  /** A sparkline: no axes, legend or tooltip. */
  compact?: boolean;
}

/** How the relationship developed: assessments oldest first on the x axis. */
export function AssessmentTrend({ overview, mode, height = 300, compact = false }: Props) {
  const { t, i18n } = useTranslation();
  const dates = overview.trend.map((p) => p.assessedOn);
  const series =
    mode === 'average'
      ? [
          {
            name: t('assessments.average'),
            type: 'line',
            data: overview.trend.map((p) => p.average),
            smooth: true,
            color: LATEST_COLOR,
            areaStyle: compact ? { color: 'rgba(22,119,255,0.15)' } : undefined,
            symbol: compact ? 'none' : 'circle',
          },
        ]
      : overview.dimensions.map((d) => ({
          name: dimensionName(d, i18n.language),
          type: 'line',
          data: overview.trend.map((p) => p.scores[d.id] ?? null),
          connectNulls: true,
        }));
  const max = Math.max(overview.scale.max, ...overview.trend.map((p) => p.scaleMax));
  const option = compact
    ? {
        animation: false,
        grid: { left: 2, right: 2, top: 4, bottom: 4 },
        xAxis: { type: 'category', show: false, data: dates },
        yAxis: { type: 'value', show: false, min: 0, max },
        series,
      }
    : {
        tooltip: { trigger: 'axis' },
        legend: { bottom: 0, type: 'scroll' },
        grid: { left: 40, right: 20, top: 20, bottom: 50 },
        xAxis: { type: 'category', data: dates },
        yAxis: { type: 'value', min: 0, max, interval: 1 },
        series,
      };
  return (
    <div data-testid="assessment-trend" aria-label={t('assessments.trend')} role="img">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height, width: '100%' }} />
    </div>
  );
}
