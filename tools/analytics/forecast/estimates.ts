import type { Period } from '../period.ts';
import type { DealTimelines } from '../../../db/repos/forecast-history.ts';
import { formatMoney } from '../../opportunities/opportunity-shared.ts';
import { groupOf, type ForecastResult, type GroupBy } from './compute.ts';
import { newPipelineMean, newPipelineRunRate, newPipelineSpan, RUN_RATE_WINDOWS, type NewPipeline } from './new-pipeline.ts';
import { fitTrackRecord, MIN_ORIGINS, trackOrigins, trailingRunRate, type TrackRecord } from './track-record.ts';
import { describeCycleModel, fitCycleModel, type CycleModel } from './undated.ts';

// What a forecast estimates beyond the open deals' own dates, fitted as of the forecast instant: the age
// model for open deals without an expected close date (undated.ts, org-wide like the calibration)
// and the run rate of new pipeline (new-pipeline.ts, over the won deals the caller may see, so a
// rep's forecast adds only the rep's own run rate); and, when most of the open pipeline has no expected
// close date, the age-placed forecast's own track record (track-record.ts, org-wide), which blends it with
// the caller's trailing run rate and sets its interval. Shared by the forecast tool and the replays.

export interface WonWithCreation {
  ownerId: string;
  ownerName: string;
  productId: string | null;
  productName: string | null;
  valueMinor: number;
  currency: string;
  createdAt: Date;
  closedAt: Date;
}

export interface Estimates {
  cycles?: CycleModel;
  newPipeline?: NewPipeline;
  /** the track record and the trailing run rate (revenue won per window) of the deals the caller may see */
  track?: { record: TrackRecord; runRateMinor: number };
}

/** Whether the track record is fitted: deals with no expected close date carry at least half the open value (a priori: the age model then makes the forecast). */
export function mostlyUndated(open: readonly { valueMinor: number; expectedCloseDate: string | null }[]): boolean {
  const total = open.reduce((s, d) => s + Math.max(0, d.valueMinor), 0);
  const undated = open.reduce((s, d) => s + (d.expectedCloseDate === null ? Math.max(0, d.valueMinor) : 0), 0);
  return total > 0 && undated * 2 >= total;
}

/** The forecast window as offsets from asOf; null when the period is over. */
export function windowOf(period: { start: Date; end: Date }, asOf: Date): { a: number; b: number } | null {
  const from = Math.max(period.start.getTime(), asOf.getTime());
  const to = period.end.getTime();
  return to > from ? { a: from - asOf.getTime(), b: to - asOf.getTime() } : null;
}

/** The span of won deals the new-pipeline run rate reads. */
export function runRateSpan(period: { start: Date; end: Date }, asOf: Date): { since: Date; until: Date } | null {
  const w = windowOf(period, asOf);
  if (!w) return null;
  const span = newPipelineSpan(asOf.getTime(), w);
  return { since: new Date(span.since), until: new Date(span.until) };
}

export function fitEstimates(input: {
  period: Period;
  asOf: Date;
  currency: string;
  groupBy: GroupBy;
  timelines: DealTimelines;
  /** won deals the caller may see, closed in runRateSpan */
  wonHistory: readonly WonWithCreation[];
  /** fit the track record (mostlyUndated of the open deals) */
  trackRecord?: boolean;
}): Estimates {
  const w = windowOf(input.period, input.asOf);
  if (!w) return {};
  const currency = input.currency.toUpperCase();
  const asOf = input.asOf.getTime();
  const history = input.timelines.deals
    .filter((d) => d.currency.trim().toUpperCase() === currency)
    .map((d) => ({ createdAt: d.createdAt.getTime(), closedAt: d.closedAt?.getTime() ?? null, won: d.outcome === 'won', valueMinor: d.valueMinor }));
  const cycles = fitCycleModel(history, asOf, w);
  // the store's first recorded close (organisation-wide): windows ending before it are no evidence
  let historyStart = Infinity;
  for (const d of input.timelines.deals) if (d.closedAt && d.closedAt.getTime() < historyStart) historyStart = d.closedAt.getTime();
  const wonSeen = input.wonHistory.filter((d) => d.currency.trim().toUpperCase() === currency && d.closedAt.getTime() < asOf);
  const newPipeline = newPipelineRunRate(
    wonSeen
      .map((d) => {
        const ref = groupOf(input.groupBy, d);
        return { key: ref.key, label: ref.label, createdAt: d.createdAt.getTime(), closedAt: d.closedAt.getTime(), valueMinor: d.valueMinor };
      }),
    asOf,
    w,
    historyStart,
  );
  if (!input.trackRecord) return { cycles, newPipeline };
  const record = fitTrackRecord(history, asOf, trackOrigins(input.period, asOf), historyStart);
  const runRateMinor = trailingRunRate(wonSeen.map((d) => ({ closedAt: d.closedAt.getTime(), valueMinor: d.valueMinor })), asOf, w.b - w.a, historyStart);
  return { cycles, newPipeline, ...(runRateMinor !== null ? { track: { record, runRateMinor } } : {}) };
}

/** What was estimated and how, with counts and amounts, for the forecast's notes. */
export function estimateNotes(result: ForecastResult, estimates: Estimates, currency: string): string[] {
  const notes: string[] = [];
  const money = (minor: number) => formatMoney(Math.round(minor), currency);
  const { byAge } = result;
  if (byAge.deals > 0 && estimates.cycles) {
    notes.push(
      `${byAge.deals} open deal(s) worth ${money(byAge.valueMinor)} have no expected close date: when they close was estimated from their age, ` +
        `${byAge.canClose} of them may be won inside the period, adding ${money(byAge.expectedMinor)} expected. How: ${describeCycleModel(estimates.cycles)}`,
    );
  } else if (estimates.cycles && estimates.cycles.source === 'none' && result.unplaced > 0) {
    notes.push(`deals without an expected close date could not be placed by age: ${describeCycleModel(estimates.cycles)}`);
  }
  const np = estimates.newPipeline;
  if (np && np.windows.length > 0) {
    const samples = np.windows.map((w) => `${money(w.totalMinor)} (${w.deals} deal(s), ${new Date(w.from).toISOString().slice(0, 10)} to ${new Date(w.to).toISOString().slice(0, 10)})`);
    notes.push(
      `deals not yet created: ${money(result.total.newPipelineMinor)} expected from deals created and won inside the period, the mean of what was created and won ` +
        `inside the ${np.windows.length} equal window(s) before now (${samples.join('; ')}); each simulated run adds one of them (mean ${money(newPipelineMean(np))})`,
    );
  }
  const blend = result.blend;
  if (blend) {
    const r = blend.record;
    const pc = (x: number) => `${(x * 100).toFixed(0)}%`;
    notes.push(
      `most open deals have no expected close date, so the total blends the forecast above (${money(blend.pipelineMinor)} still to win) with the trailing run rate ` +
        `(${money(blend.runRateMinor)} won per equal window over the last ${RUN_RATE_WINDOWS}), weighted by how each did when replayed as of the same point of the ` +
        `${r.origins.length} previous period(s) (typical error ${pc(Math.sqrt(r.pipelineMse))} vs ${pc(Math.sqrt(r.runRateMse))}): ${pc(r.weight)} forecast, ${pc(1 - r.weight)} run rate, ` +
        `${money(blend.blendMinor)}; P10-P90 from those replays' errors (median ${r.centre >= 0 ? '+' : ''}${(r.centre * 100).toFixed(0)}%, spread ${r.sd.toFixed(2)} in log units, org-wide)`,
    );
  } else if (estimates.track && estimates.track.record.source === 'none' && byAge.deals > 0) {
    notes.push(`too few past periods to replay (${estimates.track.record.origins.length}, need ${MIN_ORIGINS}): the interval is the simulation's alone`);
  }
  return notes;
}
