import { createRng } from '../../core/random.ts';
import { percentile } from '../../core/stats/descriptive.ts';

// Monte Carlo over open deals: in each run every deal is won with its probability p and, when won, closes
// on a date drawn from its close-date candidates; its value counts when that date falls in the window.
// Only whether the date falls in the window matters to a period's total, and win and date are
// independent, so each run draws one number per deal against p x q (q = share of its candidates inside
// the window): the same distribution as drawing the win and then the date, at half the cost.
// Optionally every run first draws a common factor f (lognormal, mean 1) that scales every deal's
// chance in that run: outcomes that move together (a good or a bad month for everyone), which
// independent deals alone would understate. Each run's total per group starts from a fixed base
// (revenue already won). Seeded: the same input and seed give the same numbers, because deals are drawn
// in the order given and every run consumes the same random numbers.

export interface SimDeal {
  /** win probability, 0-1 */
  p: number;
  valueMinor: number;
  /** index of the group the deal belongs to (0 when there is one group) */
  group: number;
  /** candidate close instants (ms), equally likely; drawn only when the deal is won */
  closes: ArrayLike<number>;
}

export interface SimInput {
  deals: readonly SimDeal[];
  groups: number;
  runs: number;
  seed: number;
  /** the period to count closes in: [from, to) in ms */
  window: { from: number; to: number };
  /** per group, added to every run (won revenue already closed in the period) */
  base?: readonly number[];
  /**
   * per group, amounts of which one, drawn at random, is added to every run (revenue from deals not yet
   * created, sampled from past periods: forecast-new-pipeline.ts). One index is drawn per run and shared by
   * every group (sample i of each group comes from the same past window), so groups move together.
   */
  extra?: readonly (readonly number[] | undefined)[];
  /** relative variance (tau^2) of a common factor shared by all deals in a run; 0 or absent = independent deals */
  commonVariance?: number;
}

export interface Quantiles {
  p10: number;
  p50: number;
  p90: number;
  mean: number;
}

/** Share (0-1) of a deal's close candidates that fall in [from, to): its chance to close in the period when won. */
export function closeChance(closes: ArrayLike<number>, from: number, to: number): number {
  if (closes.length === 0) return 0;
  let inside = 0;
  for (let i = 0; i < closes.length; i++) {
    const at = closes[i]!;
    if (at >= from && at < to) inside++;
  }
  return inside / closes.length;
}

/** Simulated totals per group, one entry per run. Deals that can never land in the window draw nothing. */
export function simulate(input: SimInput): Float64Array[] {
  const { groups, runs, window } = input;
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`simulate: runs must be a positive integer, got ${runs}`);
  const totals = Array.from({ length: groups }, (_, g) => new Float64Array(runs).fill(input.base?.[g] ?? 0));
  const live = input.deals
    .map((d) => ({ ...d, inside: d.p * closeChance(d.closes, window.from, window.to) }))
    .filter((d) => d.inside > 0 && d.valueMinor !== 0);
  for (const d of live) {
    if (d.group < 0 || d.group >= groups) throw new Error(`simulate: deal group ${d.group} outside 0..${groups - 1}`);
  }
  const variance = Math.max(0, input.commonVariance ?? 0);
  // lognormal with mean 1 and variance tau^2: sigma^2 = ln(1 + tau^2), mu = -sigma^2 / 2
  const sigma = Math.sqrt(Math.log1p(variance));
  // flat typed arrays: the inner loop runs runs x deals times
  const inside = Float64Array.from(live, (d) => d.inside);
  const values = Float64Array.from(live, (d) => d.valueMinor);
  const groupOf = Int32Array.from(live, (d) => d.group);
  const sums = new Float64Array(groups);
  const rng = createRng(input.seed);
  const extraCount = input.extra?.reduce((n, s) => Math.max(n, s?.length ?? 0), 0) ?? 0;
  for (let r = 0; r < runs; r++) {
    const factor = sigma > 0 ? Math.exp(rng.normal(-(sigma * sigma) / 2, sigma)) : 1;
    sums.fill(0);
    for (let i = 0; i < inside.length; i++) {
      if (rng.next() < Math.min(1, inside[i]! * factor)) sums[groupOf[i]!]! += values[i]!;
    }
    for (let g = 0; g < groups; g++) totals[g]![r]! += sums[g]!;
    if (extraCount > 0) {
      const pick = rng.next();
      input.extra!.forEach((samples, g) => {
        if (samples && samples.length > 0) totals[g]![r]! += samples[Math.floor(pick * samples.length)]!;
      });
    }
  }
  return totals;
}

/** Adds per-run totals of several groups into one series (the grand total). */
export function sumRuns(series: readonly Float64Array[], runs: number): Float64Array {
  const out = new Float64Array(runs);
  for (const s of series) for (let r = 0; r < runs; r++) out[r]! += s[r]!;
  return out;
}

/** P10, P50, P90 (linear interpolation, as percentile_cont) and the mean of simulated totals. */
export function quantilesOf(runs: Float64Array): Quantiles {
  if (runs.length === 0) return { p10: 0, p50: 0, p90: 0, mean: 0 };
  // sorted once; percentile() re-sorts an already sorted copy, which is linear
  const sorted = Array.from(runs).sort((a, b) => a - b);
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    p10: percentile(sorted, 0.1) ?? 0,
    p50: percentile(sorted, 0.5) ?? 0,
    p90: percentile(sorted, 0.9) ?? 0,
    mean: sum / sorted.length,
  };
}
