import { describe, expect, it } from 'vitest';
import { renderChartSvg } from './chart-svg.ts';
import { pipelineOption } from './public/charts.js';

describe('renderChartSvg', () => {
  const option = {
    title: { text: 'Open pipeline' },
    xAxis: { type: 'category' as const, data: ['qualification', 'proposal', 'negotiation'] },
    yAxis: { type: 'value' as const },
    series: [{ type: 'bar' as const, data: [120, 80, 40] }],
  };

  it('renders a bar chart spec to a standalone SVG of the asked size, with its labels and one bar per value', () => {
    const svg = renderChartSvg(option, { width: 500, height: 300 });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('width="500"');
    expect(svg).toContain('height="300"');
    for (const label of ['Open pipeline', 'qualification', 'proposal', 'negotiation']) expect(svg).toContain(label);
    // one bar path per data point, its height (the "l0 -h" segment) proportional to the value: 120:80:40
    const heights = [...svg.matchAll(/<path d="M[\d.]+ [\d.]+l[\d.]+ 0l0 -([\d.]+)[^"]*"[^>]*ecmeta_data_index="(\d)"/g)].map((m) => Number(m[1]));
    expect(heights).toHaveLength(3);
    expect(heights[1]! / heights[0]!).toBeCloseTo(80 / 120, 2);
    expect(heights[2]! / heights[0]!).toBeCloseTo(40 / 120, 2);
  });

  it('draws the same SVG for the same spec, and refuses a size that is not a pixel count', () => {
    // class names carry a per-instance counter (so two SVGs inline on one page never clash); the drawing is the same
    const drawing = (svg: string) => svg.replace(/zr\d+-cls-\d+/g, 'cls');
    expect(drawing(renderChartSvg(option))).toBe(drawing(renderChartSvg(option)));
    expect(() => renderChartSvg(option, { width: 0, height: 300 })).toThrow('width must be a whole number of pixels from 1 to 4000 (got 0)');
    expect(() => renderChartSvg(option, { width: 300, height: 1.5 })).toThrow(/height/);
  });
});

describe('the dashboard\'s own chart specs on the server', () => {
  it('renders the pipeline chart the page draws, from a pipeline_summary output, to scale', () => {
    const usd = (dollars: number) => ({ amountMinor: dollars * 100, currency: 'USD' });
    const pipeline = {
      stages: [
        { stage: 'qualification', totalValue: usd(300_000), weightedValue: usd(60_000) },
        { stage: 'proposal', totalValue: usd(150_000), weightedValue: usd(90_000) },
      ],
    };
    const svg = renderChartSvg(pipelineOption(pipeline), { width: 600, height: 300 });
    for (const label of ['qualification', 'proposal', 'Total value', 'Weighted value', '$300K']) expect(svg).toContain(label);
    // bar heights per data point, both series: 300k, 150k (total) and 60k, 90k (weighted) are 1 : 0.5 : 0.2 : 0.3
    const bars = [...svg.matchAll(/<path d="M[\d.]+ [\d.]+l[\d.]+ 0l0 -([\d.]+)[^"]*"[^>]*ecmeta_series_index="(\d)" ecmeta_data_index="(\d)"/g)].map((m) => ({ series: m[2], index: m[3], height: Number(m[1]) }));
    const height = (series: string, index: string) => bars.find((b) => b.series === series && b.index === index)!.height;
    expect(bars).toHaveLength(4);
    expect(height('0', '1') / height('0', '0')).toBeCloseTo(0.5, 2);
    expect(height('1', '0') / height('0', '0')).toBeCloseTo(0.2, 2);
    expect(height('1', '1') / height('0', '0')).toBeCloseTo(0.3, 2);
  });
});
