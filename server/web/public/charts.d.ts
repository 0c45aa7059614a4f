// Types for charts.js, so server code (chart-svg.ts, briefings) can build the same chart specs the page draws.
// Only the fields each builder reads; the tools' outputs have these and more.
import type { EChartsOption } from 'echarts';

interface Money {
  amountMinor: number;
  currency: string;
}
interface ForecastRow {
  label: string;
  won: Money;
  p10: Money;
  p50: Money;
  p90: Money;
}

export function pipelineOption(pipeline: { stages: { stage: string; totalValue: Money; weightedValue: Money }[] }): EChartsOption;
export function funnelOption(funnel: { overall: { steps: { step: string; count: number }[] } }): EChartsOption;
export function forecastOption(forecast: { total: ForecastRow; groups: ForecastRow[] }): EChartsOption;
export function leaderboardOption(board: { reps: { name: string; wonRevenue: Money }[] }): EChartsOption;
export function accuracyOption(accuracy: { rows: { period: string; asOf: string; p10: Money; p50: Money; p90: Money; actual: Money }[] }): EChartsOption;
