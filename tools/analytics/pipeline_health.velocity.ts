import { mean, ratio } from '../../core/stats/descriptive.ts';
import type { ClosedDealWithCreation } from '../../db/repos/analytics-revenue.ts';
import type { OpenDealRow } from '../../db/repos/pipeline.ts';
import { daysFrom, percentOf, round1 } from './revenue-common.ts';

// Sales velocity and coverage for pipeline_health, apart from the database so they can be checked by hand.
//   velocity per day = open deals x average open deal value x win rate / average cycle days
//   (win rate = won / (won + lost) and cycle = mean days from creation to close of the won deals, both over the
//   deals closed in the lookback window); per month = per day x 30.
//   coverage = open value expected to close in the period / (target - won so far in the period)

export const DAYS_PER_MONTH = 30;

export interface Velocity {
  openDeals: number;
  averageDealValueMinor: number | null;
  won: number;
  lost: number;
  /** percent, one decimal */
  winRate: number | null;
  averageCycleDays: number | null;
  perDayMinor: number | null;
  perMonthMinor: number | null;
}

/** `open` in the report currency; `closed` every currency (rates and cycles have no unit). */
export function velocityOf(open: readonly OpenDealRow[], closed: readonly ClosedDealWithCreation[]): Velocity {
  const average = mean(open.map((d) => d.valueMinor));
  const won = closed.filter((d) => d.outcome === 'won');
  const lost = closed.length - won.length;
  const rate = ratio(won.length, closed.length);
  const cycle = mean(won.map((d) => Math.max(0, daysFrom(d.createdAt, d.closedAt))));
  const perDay = average === null || rate === null || cycle === null ? null : ratio(open.length * average * rate, cycle);
  return {
    openDeals: open.length,
    averageDealValueMinor: average === null ? null : Math.round(average),
    won: won.length,
    lost,
    winRate: percentOf(won.length, closed.length),
    averageCycleDays: round1(cycle),
    perDayMinor: perDay === null ? null : Math.round(perDay),
    perMonthMinor: perDay === null ? null : Math.round(perDay * DAYS_PER_MONTH),
  };
}

export interface Coverage {
  targetMinor: number | null;
  wonSoFarMinor: number;
  remainingMinor: number | null;
  pipelineMinor: number;
  pipelineDeals: number;
  /** pipeline / remaining, two decimals ("3.2x"); null without a remaining target */
  ratio: number | null;
}

/** Open deals (report currency) expected to close in [firstDay, lastDay] against what is left of the target. */
export function coverageOf(open: readonly OpenDealRow[], firstDay: string, lastDay: string, targetMinor: number | null, wonSoFarMinor: number): Coverage {
  const inPeriod = open.filter((d) => d.expectedCloseDate !== null && d.expectedCloseDate >= firstDay && d.expectedCloseDate <= lastDay);
  const pipeline = inPeriod.reduce((s, d) => s + d.valueMinor, 0);
  const remaining = targetMinor === null ? null : targetMinor - wonSoFarMinor;
  const r = remaining === null || remaining <= 0 ? null : ratio(pipeline, remaining);
  return {
    targetMinor,
    wonSoFarMinor,
    remainingMinor: remaining,
    pipelineMinor: pipeline,
    pipelineDeals: inPeriod.length,
    ratio: r === null ? null : Math.round(r * 100) / 100,
  };
}
