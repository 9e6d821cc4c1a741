import ReactEChartsCore from 'echarts-for-react/lib/core';
import { useTranslation } from 'react-i18next';
import type { Assessment, Dimension } from '../../../shared/schemas/assessments';
import { echarts, LATEST_COLOR, PREVIOUS_COLOR } from './charts';
import { dimensionName } from './dimensionName';

interface Props {
  dimensions: Dimension[];
  latest: Assessment | null;
  previous: Assessment | null;
  scaleMax: number;
  height?: number;
  /** A small chart without legend and axis names (the organization panel). */
  compact?: boolean;
}

const valuesOf = (a: Assessment, dimensions: Dimension[]) => dimensions.map((d) => a.scores.find((s) => s.dimensionId === d.id)?.score ?? 0);

/** The newest assessment's shape over the previous one's, one axis per dimension. */
export function AssessmentRadar({ dimensions, latest, previous, scaleMax, height = 360, compact = false }: Props) {
  const { t, i18n } = useTranslation();
  // Old assessments may have used a larger scale; the axes fit the larger of the two.
  const max = Math.max(scaleMax, latest?.scaleMax ?? 0, previous?.scaleMax ?? 0);
  const series = [
    previous && {
      name: t('assessments.previous', { date: previous.assessedOn }),
      value: valuesOf(previous, dimensions),
      lineStyle: { color: PREVIOUS_COLOR, type: 'dashed' as const },
      itemStyle: { color: PREVIOUS_COLOR },
      areaStyle: { color: 'rgba(140,140,140,0.12)' },
    },
    latest && {
      name: t('assessments.latest', { date: latest.assessedOn }),
      value: valuesOf(latest, dimensions),
      lineStyle: { color: LATEST_COLOR, width: 2 },
      itemStyle: { color: LATEST_COLOR },
      areaStyle: { color: 'rgba(22,119,255,0.22)' },
    },
  ].filter((x): x is NonNullable<typeof x> => !!x);
  const option = {
    animation: !compact,
    tooltip: compact ? undefined : { trigger: 'item' },
    legend: compact ? undefined : { bottom: 0, data: series.map((s) => s.name) },
    radar: {
      radius: compact ? '65%' : '62%',
      center: ['50%', compact ? '50%' : '46%'],
      indicator: dimensions.map((d) => ({ name: compact ? '' : dimensionName(d, i18n.language), max })),
      axisName: { color: '#434343', fontSize: 12 },
      splitNumber: Math.min(max, 5),
    },
    series: [{ type: 'radar', symbolSize: compact ? 3 : 6, data: series }],
  };
  return (
    <div data-testid="assessment-radar" aria-label={t('assessments.radar')} role="img">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height, width: '100%' }} />
    </div>
  );
}
