import { shiftPeriod, type Period } from '../period.ts';
import { newPipelineMean, newPipelineRunRate, RUN_RATE_WINDOWS } from './new-pipeline.ts';
import { fitCycleModel, type CycleDeal } from './undated.ts';

// The age-placed forecast's own track record, as of the forecast instant, and what it implies.
// A pipeline with no expected close dates (many CRM exports) is forecast from deal ages (undated.ts) plus
// the new-pipeline run rate. How well that did here before is measurable without reading the future: the
// same forecast is replayed at the same point of each of the MAX_ORIGINS periods before the forecast's
// (as of June 1st for June: May 1st for May, April 1st for April...), for those whose window had ended by
// asOf, refitted with only what was known then (deals created before it, closes before it), and compared
// with what was then won in the window. Origins are whole periods back, not a sliding grid, because the
// forecast is for a calendar period and calendar periods are what vary (quarter-end pushes). Beside it,
// the trailing run rate (revenue won per window over the RUN_RATE_WINDOWS windows before the origin), the
// forecast a sales team quotes. From the origins:
//   weight on the pipeline forecast w = inverse mean squared relative error, each error shrunk towards the
//     pair's average with PRIOR_ORIGINS pseudo-origins (empirical Bayes: few origins leave w near 1/2);
//   blend F = w x pipeline + (1 - w) x run rate;
//   log residuals r = ln(actual / F) at the n origins: mean m, sd s; the interval is the predictive one for
//     a normal sample, F x exp(m +- t(0.9, n - 1) x s x sqrt(1 + 1 / n)), median F x exp(m).
// Every constant here is fixed a priori (half a year of monthly origins, the three-window run rate, the
// textbook t quantile), not tuned on a backtest.

export const MAX_ORIGINS = 6;
export const MIN_ORIGINS = 4;
export const PRIOR_ORIGINS = 2;

// Student's t, 0.9 quantile, df 1..30 (textbook table); beyond, the normal's 1.2816
const T90 = [3.078, 1.886, 1.638, 1.533, 1.476, 1.44, 1.415, 1.397, 1.383, 1.372, 1.363, 1.356, 1.35, 1.345, 1.341, 1.337, 1.333, 1.33, 1.328, 1.325, 1.323, 1.321, 1.319, 1.318, 1.316, 1.315, 1.314, 1.313, 1.311, 1.31];
export const t90 = (df: number): number => (df < 1 ? Infinity : (T90[Math.floor(df) - 1] ?? 1.2816));

export interface OriginWindow {
  /** the past instant the forecast is replayed as of */
  t: number;
  /** its window, [t + a, t + b) */
  a: number;
  b: number;
}

export interface TrackOrigin extends OriginWindow {
  /** age-placed open deals + new-pipeline run rate, fitted as of t */
  pipelineMinor: number;
  /** revenue won per window over the windows before t */
  runRateMinor: number;
  /** revenue won inside [t + a, t + b) */
  actualMinor: number;
}

export interface TrackRecord {
  source: 'history' | 'none';
  origins: TrackOrigin[];
  /** weight on the pipeline forecast, 0-1 (1 - weight on the run rate) */
  weight: number;
  /** mean squared relative errors of each forecast at the origins */
  pipelineMse: number;
  runRateMse: number;
  /** mean and sd of ln(actual / blend) at the origins */
  centre: number;
  sd: number;
  /** half-width of the 80% interval in log units */
  halfWidth: number;
}

/** Revenue won per window of `length` over the RUN_RATE_WINDOWS windows ending at `at`; windows starting before historyStart are left out. */
export function trailingRunRate(won: readonly { closedAt: number; valueMinor: number }[], at: number, length: number, historyStart: number, count = RUN_RATE_WINDOWS): number | null {
  if (length <= 0) return null;
  let sum = 0;
  let windows = 0;
  for (let i = 1; i <= count; i++) {
    const from = at - i * length;
    if (from < historyStart) break;
    for (const d of won) if (d.closedAt >= from && d.closedAt < from + length) sum += d.valueMinor;
    windows++;
  }
  return windows > 0 ? sum / windows : null;
}

/** The age-placed forecast's expectation for [t + a, t + b), refitted with what was known at t; null when the age model cannot be fitted then. */
export function pipelineExpectationAt(deals: readonly CycleDeal[], t: number, window: { a: number; b: number }, historyStart: number): number | null {
  const known: CycleDeal[] = [];
  for (const d of deals) {
    if (d.createdAt >= t) continue;
    const closed = d.closedAt !== null && d.closedAt < t;
    known.push({ createdAt: d.createdAt, closedAt: closed ? d.closedAt : null, won: closed && d.won, valueMinor: d.valueMinor });
  }
  const model = fitCycleModel(known, t, window, { commonVariance: false });
  if (model.source === 'none') return null;
  let open = 0;
  for (const d of known) if (d.closedAt === null) open += d.valueMinor * model.rateAt(t - d.createdAt).q;
  const won = known.filter((d) => d.won).map((d) => ({ key: 'all', label: 'all deals', createdAt: d.createdAt, closedAt: d.closedAt!, valueMinor: d.valueMinor }));
  return open + newPipelineMean(newPipelineRunRate(won, t, window, historyStart));
}

const meanOf = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** The same instant in each of the `count` periods before `period`, with the window it would forecast; only windows that had ended by asOf. */
export function trackOrigins(period: Period, asOf: number, count = MAX_ORIGINS): OriginWindow[] {
  const offset = asOf - period.start.getTime();
  const out: OriginWindow[] = [];
  for (let j = 1; j <= count; j++) {
    const p = shiftPeriod(period, -j);
    const t = p.start.getTime() + offset;
    const from = Math.max(p.start.getTime(), t);
    const to = p.end.getTime();
    if (to > asOf || to <= from) continue;
    out.push({ t, a: from - t, b: to - t });
  }
  return out;
}

/** Replays the age-placed forecast at `origins` (closes at or after asOf must be null) and fits the blend and its interval. */
export function fitTrackRecord(deals: readonly CycleDeal[], asOf: number, origins: readonly OriginWindow[], historyStart: number): TrackRecord {
  const wonKnown = deals.filter((d) => d.won && d.closedAt !== null && d.closedAt < asOf).map((d) => ({ closedAt: d.closedAt!, valueMinor: d.valueMinor }));
  const replayed: TrackOrigin[] = [];
  for (const o of origins) {
    if (o.t + o.b > asOf || o.t + o.a < historyStart) continue; // not ended yet, or before the store's history
    const actualMinor = wonKnown.reduce((s, d) => (d.closedAt >= o.t + o.a && d.closedAt < o.t + o.b ? s + d.valueMinor : s), 0);
    if (actualMinor <= 0) continue; // a relative error needs revenue
    const pipelineMinor = pipelineExpectationAt(deals, o.t, o, historyStart);
    const runRateMinor = trailingRunRate(wonKnown, o.t, o.b - o.a, historyStart);
    if (pipelineMinor === null || runRateMinor === null) continue;
    replayed.push({ ...o, pipelineMinor, runRateMinor, actualMinor });
  }
  return summarizeTrack(replayed);
}

/** The blend weight and residual distribution of replayed origins (any order). */
export function summarizeTrack(origins: TrackOrigin[]): TrackRecord {
  const n = origins.length;
  const base: TrackRecord = { source: 'none', origins, weight: 0.5, pipelineMse: 0, runRateMse: 0, centre: 0, sd: 0, halfWidth: 0 };
  if (n < MIN_ORIGINS) return base;
  const pipelineMse = meanOf(origins.map((o) => ((o.pipelineMinor - o.actualMinor) / o.actualMinor) ** 2));
  const runRateMse = meanOf(origins.map((o) => ((o.runRateMinor - o.actualMinor) / o.actualMinor) ** 2));
  const pooled = (pipelineMse + runRateMse) / 2;
  const shrink = (mse: number) => (n * mse + PRIOR_ORIGINS * pooled) / (n + PRIOR_ORIGINS);
  const [mp, mr] = [shrink(pipelineMse), shrink(runRateMse)];
  const weight = mp + mr > 0 ? mr / (mp + mr) : 0.5; // (1/mp) / (1/mp + 1/mr)
  const residuals = origins.map((o) => Math.log(o.actualMinor / Math.max(1, weight * o.pipelineMinor + (1 - weight) * o.runRateMinor)));
  const centre = meanOf(residuals);
  const sd = Math.sqrt(residuals.reduce((s, r) => s + (r - centre) ** 2, 0) / (n - 1));
  const halfWidth = t90(n - 1) * sd * Math.sqrt(1 + 1 / n);
  return { source: 'history', origins, weight, pipelineMse, runRateMse, centre, sd, halfWidth };
}

/** P10/P50/P90 and the point blend for a window, from the forecast's pipeline expectation and the trailing run rate now. */
export function blendQuantiles(track: TrackRecord, pipelineMinor: number, runRateMinor: number): { blendMinor: number; p10: number; p50: number; p90: number } | null {
  if (track.source === 'none') return null;
  const blendMinor = track.weight * pipelineMinor + (1 - track.weight) * runRateMinor;
  if (!(blendMinor > 0) || !Number.isFinite(track.halfWidth)) return null;
  const at = (z: number) => blendMinor * Math.exp(track.centre + z);
  return { blendMinor, p10: at(-track.halfWidth), p50: at(0), p90: at(track.halfWidth) };
}
