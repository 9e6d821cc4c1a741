import { LineChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only the parts the assessment charts draw, so the chunk stays a fraction of full ECharts.
echarts.use([RadarChart, LineChart, RadarComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };

/** Latest in blue, previous in grey: the eye reads the newer shape first. */
export const LATEST_COLOR = '#1677ff';
export const PREVIOUS_COLOR = '#8c8c8c';
