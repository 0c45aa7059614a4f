import type { DealTimelines } from '../../../db/repos/forecast-history.ts';
import { formatMoney } from '../../opportunities/opportunity-shared.ts';
import { groupOf, type ForecastResult, type GroupBy } from './compute.ts';
import { newPipelineMean, newPipelineRunRate, newPipelineSpan, type NewPipeline } from './new-pipeline.ts';
import { describeCycleModel, fitCycleModel, type CycleModel } from './undated.ts';

// What a forecast estimates beyond the open deals' own dates, fitted as of the forecast instant: the age
// model for open deals without an expected close date (undated.ts, org-wide like the calibration)
// and the run rate of new pipeline (new-pipeline.ts, over the won deals the caller may see, so a
// rep's forecast adds only the rep's own run rate). Shared by the forecast tool and the demo replay.

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
  period: { start: Date; end: Date };
  asOf: Date;
  currency: string;
  groupBy: GroupBy;
  timelines: DealTimelines;
  /** won deals the caller may see, closed in runRateSpan */
  wonHistory: readonly WonWithCreation[];
}): Estimates {
  const w = windowOf(input.period, input.asOf);
  if (!w) return {};
  const currency = input.currency.toUpperCase();
  const asOf = input.asOf.getTime();
  const cycles = fitCycleModel(
    input.timelines.deals
      .filter((d) => d.currency.trim().toUpperCase() === currency)
      .map((d) => ({ createdAt: d.createdAt.getTime(), closedAt: d.closedAt?.getTime() ?? null, won: d.outcome === 'won', valueMinor: d.valueMinor })),
    asOf,
    w,
  );
  // the store's first recorded close (organisation-wide): windows ending before it are no evidence
  let historyStart = Infinity;
  for (const d of input.timelines.deals) if (d.closedAt && d.closedAt.getTime() < historyStart) historyStart = d.closedAt.getTime();
  const newPipeline = newPipelineRunRate(
    input.wonHistory
      .filter((d) => d.currency.trim().toUpperCase() === currency && d.closedAt.getTime() < asOf)
      .map((d) => {
        const ref = groupOf(input.groupBy, d);
        return { key: ref.key, label: ref.label, createdAt: d.createdAt.getTime(), closedAt: d.closedAt.getTime(), valueMinor: d.valueMinor };
      }),
    asOf,
    w,
    historyStart,
  );
  return { cycles, newPipeline };
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
  return notes;
}
