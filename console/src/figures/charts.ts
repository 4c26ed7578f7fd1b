/**
 * ECharts, with only the chart types and components the figures screen draws (the full build is
 * several times larger). The canvas renderer needs neither inline scripts nor eval, so it runs
 * under the console's CSP.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export { init };
export type { EChartsType } from 'echarts/core';
