import ReactECharts from 'echarts-for-react';

/** ECharts in its own chunk: loaded by the report page only, so the first load of the app stays small. */
export default function ReportChart({ option, label }: { option: Record<string, unknown>; label: string }) {
  return (
    <div role="img" aria-label={label}>
      <ReactECharts option={option} notMerge style={{ height: 360 }} opts={{ renderer: 'svg' }} />
    </div>
  );
}
