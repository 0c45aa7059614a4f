import type { DealTimelines } from '../../../db/repos/forecast-history.ts';
import { eventsByDeal, openState, type DealState } from './asof.ts';

// How pipeline has actually turned into revenue inside a period, learned from the store's own history
// (the default close-date treatment of the forecast).
//
// The window is the forecast's: from `a` to `b` after the as-of instant (a month forecast made on its
// first day: 0 to 31 days). Every 7 days back in history, at instants t early enough that the window
// [t + a, t + b) had fully passed before the cutoff, every deal open at t is taken as it stood then
// (stage, recorded probability, value, expected close date). Deals are grouped by where their expected
// close date sat relative to that window: before it (overdue), in it, up to 60 days after it, later,
// or no date. Per group:
//   k = value of those deals won with a close inside the window / sum of value x probability at t
// so k says how much of the probability-weighted pipeline of that kind closed won within the window
// (it folds together slips, pull-ins, optimistic probabilities and discounts at signing). An open deal
// is then won inside the period with chance min(1, p x k of its group). Nothing dated at or after the
// cutoff is read, and every window used ended before it, so the outcome of each sample is known: no
// censoring. A group with fewer than MIN_STATES samples uses k over all groups; with fewer than that in
// all, there is no calibration and the forecast falls back to the slip distribution.
// Deals do not win or lose independently (a good month is good for many), so the same history also gives
// the common variance: at each past instant, the pipeline's calibrated expectation mu, the variance
// independent deals would give (sum of value^2 x pi x (1 - pi)) and what was won y; the share of the
// squared misses (y - mu)^2 that independence does not explain, relative to mu^2, pooled over instants:
//   tau^2 = max(0, sum((y - mu)^2 - independent variance) / sum(mu^2))
// The simulation scales every deal's chance in a run by one factor with mean 1 and variance tau^2.

const DAY_MS = 86_400_000;
export const GRID_DAYS = 7;
export const NEXT_DAYS = 60;
export const MIN_STATES = 30;

export const POSITIONS = ['before', 'in', 'next', 'later', 'none'] as const;
export type Position = (typeof POSITIONS)[number];

export interface ConversionRate {
  /** null with fewer than MIN_STATES samples */
  k: number | null;
  states: number;
  wonMinor: number;
  weightedMinor: number;
}

export interface ConversionModel {
  source: 'history' | 'none';
  /** the window, as offsets from the as-of instant (ms) */
  window: { a: number; b: number };
  rates: Record<Position, ConversionRate>;
  pooled: ConversionRate;
  /** relative variance of the common factor (tau^2); 0 when misses are no wider than independence explains */
  commonVariance: number;
  /** past instants behind commonVariance */
  instants: number;
}

/** Where an expected close date sits relative to the window [from, to). */
export function positionOf(expected: number | null, from: number, to: number): Position {
  if (expected === null) return 'none';
  if (expected < from) return 'before';
  if (expected < to) return 'in';
  return expected < to + NEXT_DAYS * DAY_MS ? 'next' : 'later';
}

const dayMs = (isoDay: string | null) => (isoDay === null ? null : Date.parse(`${isoDay}T00:00:00Z`));

export interface ConversionInput {
  timelines: DealTimelines;
  /** nothing at or after this instant is used */
  cutoff: number;
  window: { a: number; b: number };
  currency: string;
  /** the probability (0-1) a deal in this state would be forecast with, or null to skip it */
  probabilityOf: (state: DealState & { stage: string }) => number | null;
  /** samples a group needs before its k is used (default MIN_STATES) */
  minStates?: number;
}

export function fitConversion(input: ConversionInput): ConversionModel {
  const { a, b } = input.window;
  const empty = (): ConversionRate => ({ k: null, states: 0, wonMinor: 0, weightedMinor: 0 });
  const rates = Object.fromEntries(POSITIONS.map((p) => [p, empty()])) as Record<Position, ConversionRate>;
  const pooled = empty();
  const events = eventsByDeal(input.timelines.stageChanges, input.timelines.fieldChanges);
  const last = input.cutoff - b; // the latest instant whose window has fully passed
  const currency = input.currency.toUpperCase();
  const samples: Sample[] = [];

  for (const deal of input.timelines.deals) {
    if (deal.currency.trim().toUpperCase() !== currency) continue;
    const created = deal.createdAt.getTime();
    const closed = deal.closedAt?.getTime() ?? null;
    const list = events.get(deal.id) ?? [];
    // grid instants after creation and while open, oldest first
    const steps = Math.floor((last - created) / (GRID_DAYS * DAY_MS));
    const state: DealState = { probability: null, expectedCloseDate: null };
    let next = 0;
    for (let i = steps; i >= 0; i--) {
      const t = last - i * GRID_DAYS * DAY_MS;
      if (t <= created || (closed !== null && closed < t)) continue;
      while (next < list.length && list[next]!.at < t) list[next++]!.apply(state);
      const open = openState(state);
      if (!open) continue;
      const p = input.probabilityOf(open);
      if (p === null) continue;
      const wonInside = deal.outcome === 'won' && closed !== null && closed >= t + a && closed < t + b ? deal.valueMinor : 0;
      const position = positionOf(dayMs(open.expectedCloseDate), t + a, t + b);
      samples.push({ t, position, p, valueMinor: open.valueMinor, wonMinor: wonInside });
      for (const r of [rates[position], pooled]) {
        r.states++;
        r.wonMinor += wonInside;
        r.weightedMinor += open.valueMinor * p;
      }
    }
  }
  const settle = (r: ConversionRate) => {
    r.k = r.states >= (input.minStates ?? MIN_STATES) && r.weightedMinor > 0 ? r.wonMinor / r.weightedMinor : null;
  };
  POSITIONS.forEach((p) => settle(rates[p]));
  settle(pooled);
  const { variance, instants } = commonVarianceOf(samples, (s) => rates[s.position].k ?? pooled.k);
  return { source: pooled.k === null ? 'none' : 'history', window: { a, b }, rates, pooled, commonVariance: variance, instants };
}

export interface Sample {
  t: number;
  position: Position;
  p: number;
  valueMinor: number;
  wonMinor: number;
}

/** tau^2 from per-instant calibrated expectations vs what was won (see the header); 0 without usable instants. */
export function commonVarianceOf<S extends Omit<Sample, 'position'>>(samples: readonly S[], kOf: (s: S) => number | null): { variance: number; instants: number } {
  const byT = new Map<number, { mu: number; independent: number; y: number }>();
  for (const s of samples) {
    const k = kOf(s);
    if (k === null) continue;
    const pi = Math.min(1, s.p * k);
    const at = byT.get(s.t) ?? { mu: 0, independent: 0, y: 0 };
    at.mu += s.valueMinor * pi;
    at.independent += s.valueMinor * s.valueMinor * pi * (1 - pi);
    at.y += s.wonMinor;
    byT.set(s.t, at);
  }
  let excess = 0;
  let scale = 0;
  let instants = 0;
  for (const { mu, independent, y } of byT.values()) {
    if (mu <= 0) continue;
    excess += (y - mu) ** 2 - independent;
    scale += mu * mu;
    instants++;
  }
  return { variance: scale > 0 ? Math.max(0, excess / scale) : 0, instants };
}

/** The k for an open deal expected on `expectedCloseDate`, forecast for [from, to); null when uncalibrated. */
export function conversionFor(model: ConversionModel, expectedCloseDate: string | null, from: number, to: number): number | null {
  if (model.source === 'none') return null;
  return model.rates[positionOf(dayMs(expectedCloseDate), from, to)].k ?? model.pooled.k;
}

export function describeConversion(model: ConversionModel): string {
  if (model.source === 'none') return `too little history to calibrate (under ${MIN_STATES} past deal-weeks)`;
  const f = (r: ConversionRate) => (r.k === null ? `n/a (${r.states})` : `${r.k.toFixed(2)} (${r.states})`);
  return (
    `calibrated on ${model.pooled.states} past deal-weeks: won inside an equal window per unit of probability-weighted value, ` +
    `by expected close date: before the period ${f(model.rates.before)}, in it ${f(model.rates.in)}, up to ${NEXT_DAYS} days after ${f(model.rates.next)}, ` +
    `later ${f(model.rates.later)}, none ${f(model.rates.none)}; all ${f(model.pooled)}; ` +
    `common variation between deals: sd ${Math.sqrt(model.commonVariance).toFixed(2)} of the expectation (from ${model.instants} past instants)`
  );
}
