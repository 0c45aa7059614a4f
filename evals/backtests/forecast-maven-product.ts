import { fitCloseDateModel } from '../../tools/analytics/forecast/close-dates.ts';
import { computeForecast, type ForecastDeal } from '../../tools/analytics/forecast/compute.ts';
import { newPipelineRunRate } from '../../tools/analytics/forecast/new-pipeline.ts';
import { fitTrackRecord, trackOrigins, trailingRunRate } from '../../tools/analytics/forecast/track-record.ts';
import { fitCycleModel } from '../../tools/analytics/forecast/undated.ts';
import { periodAt, periodsBetween, type Granularity, type Period } from '../../tools/analytics/period.ts';
import type { MonthForecast } from './forecast-report.ts';
import { loadMavenPipeline } from './forecast-maven.ts';

// The Maven CRM export replayed through the product's own forecast arithmetic (computeForecast with the
// cycle-length model for undated deals and the new-pipeline run rate, as runForecast wires them), as of the
// first instant of each period, with the deals as the CSV import stores them:
//   - a deal is created on its engage date (the import's "opened" step), in stage discovery, without an
//     expected close date (Maven has none); Prospecting rows have no dates and are never open in the past;
//   - open on D = engaged before D and not closed before D; probability = the stage's win rate, i.e. won /
//     closed of deals closed before D (every engaged deal passed discovery): source stage_win_rate;
//   - value of an open or lost deal: the product's list price (the maven preset's amount fallback; an open
//     deal's own close_value is its outcome: never read); a deal won before D counts at its won value;
//   - nothing closed at or after D is read, except to score: actual = close_value won inside the period.
// The close-date slip model and the calibration have nothing to learn here (no expected dates), so they are
// empty, as they are in the product on this data; every open deal is placed by its age. Every open deal is
// undated, so the product fits the track record (track-record.ts) and blends the total with the trailing
// run rate once MIN_ORIGINS past periods can be replayed; the simulation's own figures are kept beside it
// ("before"), and the trailing run rate alone is scored too.

const MIN_CLOSED = 50;

export interface ProductPeriod extends MonthForecast {
  expected: number;
  byAge: number;
  canClose: number;
  newPipeline: number;
  commonVariance: number;
  /** the simulation alone (no blend) */
  simulated: { p10: number; p50: number; p90: number };
  /** revenue won per window over the three windows before (null when none) */
  runRate: number | null;
  /** track-record origins replayed, and the weight on the forecast when blended */
  origins: number;
  weight: number | null;
  skipped?: string;
}

type Data = NonNullable<ReturnType<typeof loadMavenPipeline>>;

export function forecastMavenProduct(data: Data, period: Period, runs: number, seed: number): ProductPeriod {
  const D = period.start.getTime();
  const end = period.end.getTime();
  const engaged = data.rows.filter((r) => r.engage !== null && r.engage < D);
  const closedBefore = engaged.filter((r) => r.close !== null && r.close < D);
  const wonBefore = closedBefore.filter((r) => r.stage === 'Won');
  const open = engaged.filter((r) => r.close === null || r.close >= D);
  const won = data.rows.filter((r) => r.stage === 'Won' && r.close !== null && r.close >= D && r.close < end);
  const actual = won.reduce((s, r) => s + r.value, 0);
  const base: ProductPeriod = {
    month: period.label, open: open.length, expectedDeals: 0, commit: 0, weighted: 0, p10: 0, p50: 0, p90: 0, actual, actualDeals: won.length,
    expected: 0, byAge: 0, canClose: 0, newPipeline: 0, commonVariance: 0, simulated: { p10: 0, p50: 0, p90: 0 }, runRate: null, origins: 0, weight: null,
  };
  if (closedBefore.length < MIN_CLOSED) return { ...base, skipped: `${closedBefore.length} deals closed before ${period.label}: too few to fit` };

  const valueOf = (product: string) => data.listPrice.get(product) ?? 0;
  const prior = wonBefore.length / closedBefore.length;
  const deals: ForecastDeal[] = open.map((r) => ({
    id: r.id, name: r.id, account: '', ownerId: 'all', ownerName: 'all', productId: r.product, productName: r.product,
    stage: 'discovery', forecastCategory: 'pipeline', valueMinor: Math.round(valueOf(r.product)), expectedCloseDate: null,
    probability: prior, probabilitySource: 'stage_win_rate', createdAt: new Date(r.engage!),
  }));
  const window = { a: 0, b: end - D };
  const history = engaged.map((r) => {
    const closed = r.close !== null && r.close < D;
    return { createdAt: r.engage!, closedAt: closed ? r.close : null, won: closed && r.stage === 'Won', valueMinor: closed && r.stage === 'Won' ? r.value : Math.round(valueOf(r.product)) };
  });
  const cycles = fitCycleModel(history, D, window);
  const historyStart = Math.min(...closedBefore.map((r) => r.close!));
  const newPipeline = newPipelineRunRate(
    wonBefore.map((r) => ({ key: 'all', label: 'all deals', createdAt: r.engage!, closedAt: r.close!, valueMinor: r.value })),
    D,
    window,
    historyStart,
  );
  const record = fitTrackRecord(history, D, trackOrigins(period, D), historyStart);
  const runRate = trailingRunRate(wonBefore.map((r) => ({ closedAt: r.close!, valueMinor: r.value })), D, end - D, historyStart);
  const result = computeForecast({
    period, asOf: period.start, groupBy: 'total', open: deals, won: [], closeModel: fitCloseDateModel([]), cycles, newPipeline, runs, seed,
    ...(runRate !== null ? { track: { record, runRateMinor: runRate } } : {}),
  });
  const t = result.total;
  const sim = result.blend?.simulated ?? t;
  return {
    ...base,
    expectedDeals: result.byAge.canClose,
    weighted: t.expectedMinor,
    p10: t.p10Minor, p50: t.p50Minor, p90: t.p90Minor,
    expected: t.expectedMinor, byAge: result.byAge.expectedMinor, canClose: result.byAge.canClose, newPipeline: t.newPipelineMinor, commonVariance: result.commonVariance,
    simulated: { p10: sim.p10Minor, p50: sim.p50Minor, p90: sim.p90Minor },
    runRate,
    origins: record.origins.length,
    weight: result.blend ? record.weight : null,
  };
}

/** Every period (month or quarter) from the first close to the last that had closes, as of its first instant. */
export function replayMavenProduct(data: Data, granularity: Granularity, runs = 10_000, seed = 1): ProductPeriod[] {
  const closes = data.rows.map((r) => r.close).filter((c): c is number => c !== null);
  const first = new Date(Math.min(...closes));
  const last = Math.max(...closes);
  const from = periodAt(granularity, first.getUTCFullYear(), first.getUTCMonth()).start;
  return periodsBetween(granularity, from, new Date(last + 86_400_000))
    .filter((p) => closes.some((c) => c >= p.start.getTime() && c < p.end.getTime()))
    .map((p) => forecastMavenProduct(data, p, runs, seed));
}
