import { mean, ratio } from '../../../core/stats/descriptive.ts';
import type { ForecastSnapshotRow } from '../../../db/repos/forecast-snapshots.ts';
import type { WonDealRow } from '../../../db/repos/forecast.ts';
import type { SnapshotParams } from './snapshot.ts';

// Forecast snapshots against what closed. For a snapshot whose period has ended:
//   actual  = value of deals won with closedAt in the period, in the snapshot's currency, matching its
//             filters and group, among the owners the snapshot's taker could see (and the caller can)
//   error   = P50 - actual (positive: the forecast was too high, bias 'over'; negative: 'under')
//   APE     = |error| / actual x 100, null when actual = 0 (no percentage of nothing)
//   inside  = P10 <= actual <= P90
// Aggregates: MAPE = mean APE over rows with actual > 0; mean error; mean signed percentage error
// (same rows as MAPE); coverage = share of rows whose actual fell inside [P10, P90].

export type Bias = 'over' | 'under' | 'exact';

export interface AccuracyRow {
  snapshot: ForecastSnapshotRow;
  actualMinor: number;
  actualDeals: WonDealRow[];
  errorMinor: number;
  /** percent, null when actual = 0 */
  ape: number | null;
  /** percent, signed, null when actual = 0 */
  percentError: number | null;
  bias: Bias;
  inInterval: boolean;
}

export interface AccuracySummary {
  evaluated: number;
  mape: number | null;
  mapeSample: number;
  meanErrorMinor: number | null;
  meanPercentError: number | null;
  bias: Bias | null;
  coverage: number | null;
  inside: number;
  over: number;
  under: number;
}

export const paramsOf = (s: ForecastSnapshotRow) => s.params as Partial<SnapshotParams>;

/** Does a won deal count toward this snapshot row's actual? */
export function countsFor(s: ForecastSnapshotRow, deal: WonDealRow): boolean {
  const p = paramsOf(s);
  if (deal.currency.trim().toUpperCase() !== s.currency.trim().toUpperCase()) return false;
  if (Array.isArray(p.scope) && !p.scope.includes(deal.ownerId)) return false;
  const f = p.filters ?? {};
  if (f.ownerId && deal.ownerId !== f.ownerId) return false;
  if (f.teamId && deal.teamId !== f.teamId) return false;
  if (f.productId && deal.productId !== f.productId) return false;
  if (s.groupBy === 'rep') return deal.ownerId === s.groupKey;
  if (s.groupBy === 'product') return (deal.productId ?? 'none') === s.groupKey;
  return true;
}

export function scoreSnapshot(s: ForecastSnapshotRow, wonInPeriod: readonly WonDealRow[]): AccuracyRow {
  const actualDeals = wonInPeriod.filter((d) => countsFor(s, d)).sort((a, b) => b.valueMinor - a.valueMinor || a.id.localeCompare(b.id));
  const actualMinor = actualDeals.reduce((sum, d) => sum + d.valueMinor, 0);
  const errorMinor = s.p50Minor - actualMinor;
  const relative = ratio(errorMinor, actualMinor);
  return {
    snapshot: s,
    actualMinor,
    actualDeals,
    errorMinor,
    ape: relative === null ? null : Math.abs(relative) * 100,
    percentError: relative === null ? null : relative * 100,
    bias: errorMinor > 0 ? 'over' : errorMinor < 0 ? 'under' : 'exact',
    inInterval: s.p10Minor <= actualMinor && actualMinor <= s.p90Minor,
  };
}

export function summarize(rows: readonly AccuracyRow[]): AccuracySummary {
  const apes = rows.map((r) => r.ape).filter((a): a is number => a !== null);
  const signed = rows.map((r) => r.percentError).filter((a): a is number => a !== null);
  const meanError = mean(rows.map((r) => r.errorMinor));
  const inside = rows.filter((r) => r.inInterval).length;
  const coverage = ratio(inside, rows.length);
  return {
    evaluated: rows.length,
    mape: mean(apes),
    mapeSample: apes.length,
    meanErrorMinor: meanError,
    meanPercentError: mean(signed),
    bias: meanError === null ? null : meanError > 0 ? 'over' : meanError < 0 ? 'under' : 'exact',
    coverage: coverage === null ? null : coverage * 100,
    inside,
    over: rows.filter((r) => r.bias === 'over').length,
    under: rows.filter((r) => r.bias === 'under').length,
  };
}

/** True when the snapshot's period is over at `now` (its exclusive end date has begun). */
export const periodEnded = (s: { periodEnd: string }, now: Date) => Date.parse(`${s.periodEnd}T00:00:00Z`) <= now.getTime();
