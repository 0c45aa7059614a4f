import { mean, median, ratio } from '../../core/stats/descriptive.ts';
import { table } from './win-probability-report.ts';

// One row per replayed month of the forecast backtests, and the table and summary they print.

export interface MonthForecast {
  month: string;
  /** deals open on the as-of day */
  open: number;
  /** of which expected to close in the month */
  expectedDeals: number;
  commit: number;
  weighted: number;
  p10: number;
  p50: number;
  p90: number;
  actual: number;
  /** deals won in the month */
  actualDeals: number;
}

export interface BacktestSummary {
  months: number;
  mape: number | null;
  mapeSample: number;
  /** median APE: MAPE without the pull of a month with almost no revenue */
  medianApe: number | null;
  /** sum |P50 - actual| / sum actual, percent: the revenue-weighted error */
  wape: number | null;
  /** mean signed percentage error of P50, over months with actual > 0 */
  meanPercentError: number | null;
  /** percent of months whose actual fell inside [P10, P90] */
  coverage: number | null;
  /** MAPE of the weighted pipeline alone, the usual single-number forecast */
  weightedMape: number | null;
}

export const ape = (forecast: number, actual: number) => {
  const r = ratio(Math.abs(forecast - actual), actual);
  return r === null ? null : r * 100;
};
const signedPe = (forecast: number, actual: number) => {
  const r = ratio(forecast - actual, actual);
  return r === null ? null : r * 100;
};
const inside = (m: MonthForecast) => m.p10 <= m.actual && m.actual <= m.p90;
const notNull = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);

export function summarizeMonths(months: readonly MonthForecast[]): BacktestSummary {
  const apes = notNull(months.map((m) => ape(m.p50, m.actual)));
  const coverage = ratio(months.filter(inside).length, months.length);
  return {
    months: months.length,
    mape: mean(apes),
    mapeSample: apes.length,
    medianApe: median(apes),
    wape: (() => {
      const r = ratio(months.reduce((s, m) => s + Math.abs(m.p50 - m.actual), 0), months.reduce((s, m) => s + m.actual, 0));
      return r === null ? null : r * 100;
    })(),
    meanPercentError: mean(notNull(months.map((m) => signedPe(m.p50, m.actual)))),
    coverage: coverage === null ? null : coverage * 100,
    weightedMape: mean(notNull(months.map((m) => ape(m.weighted, m.actual)))),
  };
}

const k = (minor: number) => (minor / 100_000).toFixed(1); // thousands of the currency unit, from minor units
const pc = (x: number | null) => (x === null ? 'n/a' : `${x.toFixed(1)}%`);

/** The per-month table; amounts in thousands of the currency (minor units / 100,000). */
export function monthTable(months: readonly MonthForecast[], unitsPerMajor = 100): string {
  const kk = (minor: number) => (unitsPerMajor === 100 ? k(minor) : (minor / unitsPerMajor / 1000).toFixed(1));
  return table(
    ['month', 'open', 'exp.', 'commit k', 'weighted k', 'P10 k', 'P50 k', 'P90 k', 'actual k', 'won', 'APE', 'in P10-P90'],
    months.map((m) => [
      m.month, String(m.open), String(m.expectedDeals), kk(m.commit), kk(m.weighted), kk(m.p10), kk(m.p50), kk(m.p90), kk(m.actual),
      String(m.actualDeals), pc(ape(m.p50, m.actual)), inside(m) ? 'yes' : 'no',
    ]),
  );
}

/** One line of figures; `weightedLabel` names the "weighted" column when its MAPE is worth printing. */
export function summaryLine(label: string, s: BacktestSummary, weightedLabel?: string): string {
  return (
    `${label}: MAPE ${pc(s.mape)} over ${s.mapeSample} month(s) with revenue (median APE ${pc(s.medianApe)}, WAPE ${pc(s.wape)}); ` +
    `mean signed error ${pc(s.meanPercentError)} (${(s.meanPercentError ?? 0) > 0 ? 'over-forecast' : 'under-forecast'}); ` +
    `P10-P90 coverage ${pc(s.coverage)} of ${s.months} (80% expected)` +
    (weightedLabel ? `; ${weightedLabel} alone as the forecast: MAPE ${pc(s.weightedMape)}` : '')
  );
}
