import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

// One ECharts option rendered to an SVG string on the server, with no browser and no canvas: the specs the
// dashboard draws (public/charts.js: pipelineOption(pipeline_summary output), forecastOption...) can go into a
// Slack or Teams briefing as an image.

export interface ChartSize {
  width: number;
  height: number;
}

const MAX_SIDE = 4000;

export function renderChartSvg(option: EChartsOption, size: ChartSize = { width: 640, height: 360 }): string {
  for (const side of ['width', 'height'] as const) {
    const value = size[side];
    if (!Number.isInteger(value) || value < 1 || value > MAX_SIDE) throw new RangeError(`${side} must be a whole number of pixels from 1 to ${MAX_SIDE} (got ${value})`);
  }
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    // an SSR string is one frame: animation would render the first, empty one
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
