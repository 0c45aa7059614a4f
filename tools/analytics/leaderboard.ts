import { INTERACTION_TYPES, type InteractionType } from '../../core/domain.ts';
import { mean } from '../../core/stats/descriptive.ts';
import type { ActivityCountRow, RepQuotaRow } from '../../db/repos/analytics-reps.ts';
import type { ClosedDealWithCreation } from '../../db/repos/analytics-revenue.ts';
import type { ClosedDealRow } from '../../db/repos/win-loss.ts';
import type { Granularity } from './period.ts';
import { attainmentOf, daysFrom, percentOf, round1, targetOf } from './revenue-common.ts';

// The arithmetic behind rep_leaderboard, apart from the database so it can be checked by hand.
// Per rep and period: won revenue (in the report currency), deals won and lost, win rate = won / (won + lost)
// over all currencies, average won deal size, average cycle of won deals (created -> closed), interactions
// they logged by type, quota attainment; then a rank on one metric, nulls last.

export const RANK_METRICS = ['revenue', 'win_rate', 'deal_size', 'cycle_length', 'activities', 'attainment', 'deals_won'] as const;
export type RankMetric = (typeof RANK_METRICS)[number];

export type ActivityCounts = Record<InteractionType, number> & { total: number };

export interface RepLine {
  repId: string;
  name: string;
  team: string | null;
  wonRevenueMinor: number;
  dealsWon: number;
  dealsLost: number;
  winRate: number | null;
  averageDealSizeMinor: number | null;
  averageCycleDays: number | null;
  activities: ActivityCounts;
  quotaMinor: number | null;
  attainment: number | null;
  previousRevenueMinor: number;
  previousWinRate: number | null;
  /** the value ranked on */
  metricValue: number | null;
  /** 1 = best; ties share a rank; null when the metric is unknown for the rep */
  rank: number | null;
}

export interface LeaderboardFacts {
  reps: readonly RepQuotaRow[];
  /** deals closed in the period (every currency) */
  current: readonly ClosedDealWithCreation[];
  /** deals closed in the previous period (every currency) */
  previous: readonly ClosedDealRow[];
  activities: readonly ActivityCountRow[];
  granularity: Granularity;
  currency: string;
  rankBy: RankMetric;
}

const sameCurrency = (currency: string) => (d: { currency: string }) => d.currency.trim().toUpperCase() === currency;

function metricOf(line: Omit<RepLine, 'metricValue' | 'rank'>, metric: RankMetric): number | null {
  switch (metric) {
    case 'revenue': return line.wonRevenueMinor;
    case 'win_rate': return line.winRate;
    case 'deal_size': return line.averageDealSizeMinor;
    case 'cycle_length': return line.averageCycleDays;
    case 'activities': return line.activities.total;
    case 'attainment': return line.attainment;
    case 'deals_won': return line.dealsWon;
  }
}

/** Lower is better only for cycle length. */
export const lowerIsBetter = (metric: RankMetric) => metric === 'cycle_length';

export function buildLeaderboard(f: LeaderboardFacts): RepLine[] {
  const inCurrency = sameCurrency(f.currency);
  const lines = f.reps.map((rep) => {
    const mine = f.current.filter((d) => d.ownerId === rep.id);
    const won = mine.filter((d) => d.outcome === 'won');
    const lost = mine.filter((d) => d.outcome === 'lost');
    const wonHere = won.filter(inCurrency);
    const revenue = wonHere.reduce((s, d) => s + d.valueMinor, 0);
    const before = f.previous.filter((d) => d.ownerId === rep.id);
    const beforeWon = before.filter((d) => d.outcome === 'won');
    const activities = Object.fromEntries(INTERACTION_TYPES.map((t) => [t, 0])) as ActivityCounts;
    activities.total = 0;
    for (const a of f.activities.filter((x) => x.userId === rep.id)) {
      activities[a.type] += a.count;
      activities.total += a.count;
    }
    const quota = targetOf([rep], f.granularity, f.currency).amountMinor;
    const averageSize = mean(wonHere.map((d) => d.valueMinor));
    const line = {
      repId: rep.id,
      name: rep.name,
      team: rep.team,
      wonRevenueMinor: revenue,
      dealsWon: won.length,
      dealsLost: lost.length,
      winRate: percentOf(won.length, won.length + lost.length),
      averageDealSizeMinor: averageSize === null ? null : Math.round(averageSize),
      averageCycleDays: round1(mean(won.map((d) => Math.max(0, daysFrom(d.createdAt, d.closedAt))))),
      activities,
      quotaMinor: quota,
      attainment: attainmentOf(revenue, quota),
      previousRevenueMinor: beforeWon.filter(inCurrency).reduce((s, d) => s + d.valueMinor, 0),
      previousWinRate: percentOf(beforeWon.length, before.length),
    };
    return { ...line, metricValue: metricOf(line, f.rankBy), rank: null as number | null };
  });
  const direction = lowerIsBetter(f.rankBy) ? 1 : -1;
  lines.sort((a, b) => {
    if (a.metricValue === null || b.metricValue === null) return (a.metricValue === null ? 1 : 0) - (b.metricValue === null ? 1 : 0) || a.name.localeCompare(b.name);
    return direction * (a.metricValue - b.metricValue) || a.name.localeCompare(b.name);
  });
  // competition ranking: equal values share a rank, the next rank skips
  lines.forEach((line, i) => {
    if (line.metricValue === null) return;
    const previous = lines[i - 1];
    line.rank = previous && previous.metricValue === line.metricValue ? previous.rank : i + 1;
  });
  return lines;
}

/**
 * The best and the worst ranked rep, only when there is something to compare: at least two reps with a value
 * and not all equal (naming a "top" among reps who all closed nothing would be noise). `tied` counts the others
 * sharing that rank.
 */
export function topAndBottom(lines: readonly RepLine[]): { top: Place | null; bottom: Place | null } {
  const ranked = lines.filter((l) => l.rank !== null);
  const first = ranked[0];
  const last = ranked[ranked.length - 1];
  if (!first || !last || ranked.length < 2 || first.metricValue === last.metricValue) return { top: null, bottom: null };
  const tied = (l: RepLine) => ranked.filter((r) => r.rank === l.rank).length - 1;
  return { top: { line: first, tied: tied(first) }, bottom: { line: last, tied: tied(last) } };
}

export interface Place {
  line: RepLine;
  tied: number;
}
