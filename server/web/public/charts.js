// ECharts options built from the tools' outputs: pure functions of the data, so the same spec can be drawn in
// the page or rendered to SVG on the server (server/web/chart-svg.ts).

const major = (money) => Math.round(money.amountMinor) / 100;
const compact = (value) => new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
const axisMoney = { type: 'value', axisLabel: { formatter: (v) => `$${compact(v)}` } };
const stageName = (stage) => stage.replace(/_/g, ' ');

export function pipelineOption(pipeline) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 60, right: 16, top: 32, bottom: 28 },
    xAxis: { type: 'category', data: pipeline.stages.map((s) => stageName(s.stage)) },
    yAxis: axisMoney,
    series: [
      { name: 'Total value', type: 'bar', data: pipeline.stages.map((s) => major(s.totalValue)) },
      { name: 'Weighted value', type: 'bar', data: pipeline.stages.map((s) => major(s.weightedValue)) },
    ],
  };
}

export function funnelOption(funnel) {
  return {
    tooltip: { trigger: 'item', formatter: (p) => `${p.name}: ${p.value} leads` },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '10%',
        width: '80%',
        minSize: '8%',
        label: { position: 'inside', formatter: (p) => `${p.name} ${p.value}` },
        data: funnel.overall.steps.map((s) => ({ name: s.step, value: s.count })),
      },
    ],
  };
}

/** The P10-P90 interval as a floating bar per row (total and each rep), P50 as a marker, won so far as a bar. */
export function forecastOption(forecast) {
  const rows = [forecast.total, ...forecast.groups].reverse();
  const money = (m) => `$${compact(major(m))}`;
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const r = rows[params[0].dataIndex];
        return `${r.label}<br>P10 ${money(r.p10)} · P50 ${money(r.p50)} · P90 ${money(r.p90)}<br>won so far ${money(r.won)}`;
      },
    },
    legend: { top: 0, data: ['Won so far', 'P10-P90', 'P50'] },
    grid: { left: 110, right: 24, top: 32, bottom: 28 },
    yAxis: { type: 'category', data: rows.map((r) => r.label) },
    xAxis: axisMoney,
    series: [
      { name: 'P10', type: 'bar', stack: 'interval', itemStyle: { color: 'transparent' }, tooltip: { show: false }, data: rows.map((r) => major(r.p10)), barWidth: 14 },
      { name: 'P10-P90', type: 'bar', stack: 'interval', itemStyle: { color: '#9fb3f0' }, data: rows.map((r) => major(r.p90) - major(r.p10)), barWidth: 14 },
      { name: 'P50', type: 'scatter', symbol: 'diamond', symbolSize: 14, itemStyle: { color: '#1d3aa8' }, data: rows.map((r) => major(r.p50)) },
      { name: 'Won so far', type: 'scatter', symbol: 'rect', symbolSize: [3, 22], itemStyle: { color: '#2e9e5b' }, data: rows.map((r) => major(r.won)) },
    ],
  };
}

export function leaderboardOption(board) {
  const reps = [...board.reps].reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 120, right: 24, top: 8, bottom: 28 },
    yAxis: { type: 'category', data: reps.map((r) => r.name) },
    xAxis: axisMoney,
    series: [{ name: 'Won revenue', type: 'bar', data: reps.map((r) => major(r.wonRevenue)) }],
  };
}

/** Scored snapshots oldest first: forecast P50 with its P10-P90 band against what actually closed. */
export function accuracyOption(accuracy) {
  const rows = [...accuracy.rows].reverse();
  const labels = rows.map((r) => `${r.period} (${r.asOf.slice(0, 10)})`);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['P10-P90', 'P50', 'Actual'] },
    grid: { left: 60, right: 16, top: 32, bottom: 28 },
    xAxis: { type: 'category', data: labels },
    yAxis: axisMoney,
    series: [
      { name: 'P10', type: 'line', stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, tooltip: { show: false }, data: rows.map((r) => major(r.p10)) },
      { name: 'P10-P90', type: 'line', stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, itemStyle: { color: '#c9d5f7' }, areaStyle: { color: '#c9d5f7' }, data: rows.map((r) => major(r.p90) - major(r.p10)) },
      { name: 'P50', type: 'line', data: rows.map((r) => major(r.p50)) },
      { name: 'Actual', type: 'line', data: rows.map((r) => major(r.actual)) },
    ],
  };
}
