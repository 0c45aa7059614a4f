import type { Executor } from '../../db/client.ts';
import { closeDateObservations, wonDealsBetween } from '../../db/repos/forecast.ts';
import { dealHistoryAt, dealTimelinesBefore } from '../../db/repos/forecast-history.ts';
import { stageOutcomeCounts } from '../../db/repos/pipeline.ts';
import type { Scope } from '../../db/repos/scope.ts';
import { rebuildDealsAt } from '../../tools/analytics/forecast/asof.ts';
import { computeForecast, type ForecastDeal } from '../../tools/analytics/forecast/compute.ts';
import { fitEstimates, mostlyUndated, runRateSpan } from '../../tools/analytics/forecast/estimates.ts';
import { storedProbability } from '../../tools/analytics/forecast/probability.ts';
import { fitTiming } from '../../tools/analytics/forecast/timing.ts';
import { periodAt, shiftPeriod, type Period } from '../../tools/analytics/period.ts';
import type { MonthForecast } from './forecast-report.ts';

// The demo org replayed month by month. For each of the `months` whole months before now's month, as of
// its first day 00:00 UTC, the forecast is computed exactly as forecast computes it
// (computeForecast: won so far + Monte Carlo over the open deals), with only what was known that day:
//   - open deals = created before the day and not closed before it, each with the stage, probability,
//     value and expected close date of its last stage change or field edit dated before the day;
//   - probability = that recorded probability, else the stage's win rate among deals closed before the day;
//   - the close-date treatment fitted on history before the day (fitTiming: calibrated, or slips);
//   - commit by the stage rule (negotiation), since the forecast category has no history;
//   - undated deals placed by their age, the new-pipeline run rate and, when most of the open value is
//     undated, the track-record blend (fitEstimates), as forecast does;
//   - won so far = 0 (the day is the month's first instant).
// Actual = value of deals won with closedAt in the month, read after the fact.

const ALL: Scope = { kind: 'all' };

export interface ReplayOptions {
  method: 'calibrated' | 'slips';
  runs: number;
  seed: number;
  currency: string;
}

export async function forecastAsOf(ex: Executor, month: Period, options: ReplayOptions): Promise<MonthForecast & { skipped: number; method: string }> {
  const day = month.start;
  const span = runRateSpan(month, day)!;
  const [history, observations, winRates, actualRows, timelines, wonHistory] = await Promise.all([
    dealHistoryAt(ex, ALL, day),
    closeDateObservations(ex, day),
    stageOutcomeCounts(ex, day),
    wonDealsBetween(ex, ALL, month.start, month.end),
    dealTimelinesBefore(ex, day),
    wonDealsBetween(ex, ALL, span.since, span.until),
  ]);
  const { deals: rebuilt, skipped } = rebuildDealsAt(history, day);
  const deals: ForecastDeal[] = rebuilt
    .filter((d) => d.currency.trim().toUpperCase() === options.currency)
    .map((d) => {
      const p = storedProbability(d, winRates);
      return { ...d, probability: p.p, probabilitySource: p.source };
    });
  const timing = fitTiming({ method: options.method, asOf: day, period: month, currency: options.currency, observations, winRates, ...(options.method === 'calibrated' ? { timelines } : {}) });
  const estimates = fitEstimates({ period: month, asOf: day, currency: options.currency, groupBy: 'total', timelines, wonHistory, trackRecord: mostlyUndated(deals) });
  const result = computeForecast({
    period: month,
    asOf: day,
    groupBy: 'total',
    open: deals,
    won: [],
    closeModel: timing.closeModel,
    ...(timing.conversion ? { conversion: timing.conversion } : {}),
    ...estimates,
    runs: options.runs,
    seed: options.seed,
    isCommit: (d) => d.stage === 'negotiation',
  });
  const actual = actualRows.filter((d) => d.currency.trim().toUpperCase() === options.currency);
  const t = result.total;
  return {
    month: month.label,
    open: deals.length,
    expectedDeals: t.expectedDeals,
    commit: t.commitMinor,
    weighted: t.weightedMinor,
    p10: t.p10Minor,
    p50: t.p50Minor,
    p90: t.p90Minor,
    actual: actual.reduce((s, d) => s + d.valueMinor, 0),
    actualDeals: actual.length,
    skipped,
    method: timing.note.method,
  };
}

/** The `count` whole months before `now`'s month, oldest first. */
export function pastMonths(now: Date, count: number): Period[] {
  const current = periodAt('month', now.getUTCFullYear(), now.getUTCMonth());
  return Array.from({ length: count }, (_, i) => shiftPeriod(current, i - count));
}

export async function replayDemo(ex: Executor, now: Date, months = 12, options: ReplayOptions = { method: 'calibrated', runs: 10_000, seed: 1, currency: 'USD' }) {
  const out: (MonthForecast & { skipped: number; method: string })[] = [];
  for (const month of pastMonths(now, months)) out.push(await forecastAsOf(ex, month, options));
  return out;
}
