import { percentileOfSorted } from '../../../core/stats/descriptive.ts';
import type { ClosedDeal } from './profile.ts';

// What the org's own closed deals say before looking at any single deal: how often deals that
// reached a stage went on to win, and how long deals usually sit in each stage.

export interface WinRate {
  wins: number;
  deals: number;
  /** Laplace-smoothed: (wins + 1) / (deals + 2), so a stage with 3 of 3 wins is not 100% */
  rate: number;
}

export interface StagePriors {
  overall: WinRate;
  stages: Record<string, WinRate>;
}

export interface StageDuration {
  deals: number;
  p50: number;
  p80: number;
}

const smoothed = (wins: number, deals: number): WinRate => ({ wins, deals, rate: (wins + 1) / (deals + 2) });

/**
 * Per stage, the win rate of closed deals that reached it. A deal counts once for every open stage
 * on its path (a deal won from negotiation also passed proposal), which is what "the chance a deal
 * now in proposal wins" conditions on.
 */
export function stagePriors(history: readonly ClosedDeal[]): StagePriors {
  const counts = new Map<string, { wins: number; deals: number }>();
  let wins = 0;
  for (const deal of history) {
    if (deal.won) wins++;
    const path = deal.stagesReached ?? (deal.stage ? [deal.stage] : []);
    for (const stage of new Set(path)) {
      const c = counts.get(stage) ?? { wins: 0, deals: 0 };
      c.deals++;
      if (deal.won) c.wins++;
      counts.set(stage, c);
    }
  }
  const stages: Record<string, WinRate> = {};
  for (const [stage, c] of [...counts].sort(([a], [b]) => a.localeCompare(b))) stages[stage] = smoothed(c.wins, c.deals);
  return { overall: smoothed(wins, history.length), stages };
}

/** The prior for a deal: its stage's rate, or the overall rate when the stage is unknown or unseen. */
export function priorFor(priors: StagePriors, stage: string | undefined): { rate: WinRate; source: 'stage' | 'overall' } {
  const byStage = stage === undefined ? undefined : priors.stages[stage];
  return byStage ? { rate: byStage, source: 'stage' } : { rate: priors.overall, source: 'overall' };
}

/** Linear-interpolated quantile of an ascending array. */
export function quantile(sorted: readonly number[], q: number): number {
  return percentileOfSorted(sorted, q) ?? Number.NaN;
}

/** Typical time in each stage (median and 80th percentile, days) from closed deals' stage durations. */
export function stageDurations(history: readonly ClosedDeal[]): Record<string, StageDuration> {
  const days = new Map<string, number[]>();
  for (const deal of history) {
    for (const [stage, d] of Object.entries(deal.daysInStages ?? {})) {
      if (!Number.isFinite(d) || d < 0) continue;
      const list = days.get(stage) ?? [];
      list.push(d);
      days.set(stage, list);
    }
  }
  const out: Record<string, StageDuration> = {};
  for (const [stage, list] of [...days].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = list.sort((a, b) => a - b);
    out[stage] = { deals: sorted.length, p50: quantile(sorted, 0.5), p80: quantile(sorted, 0.8) };
  }
  return out;
}
