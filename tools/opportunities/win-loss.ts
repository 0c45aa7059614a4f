import { ratio } from '../../core/stats/descriptive.ts';
import type { ClosedDealRow } from '../../db/repos/win-loss.ts';
import { pct } from '../core/schemas.ts';

// The arithmetic behind win_loss_analysis, apart from the database so it can be checked by hand.
// Win rate = wins / (wins + losses) in percent, null over no deals; a group under SMALL_SAMPLE deals is
// flagged, and only groups of at least SMALL_SAMPLE deals can be called a pattern.

export const SMALL_SAMPLE = 5;
const REASON_CAP = 10;
const PATTERN_CAP = 5;

export interface GroupStats {
  key: string;
  label: string;
  n: number;
  wins: number;
  losses: number;
  winRate: number | null;
  smallSample: boolean;
  dealIds: string[];
}

export interface CompetitorStats extends GroupStats {
  /** deals lost to this competitor */
  lostTo: number;
}

export interface ReasonCount {
  reason: string;
  count: number;
  /** share of the won (or lost) deals giving this reason, percent */
  share: number | null;
  dealIds: string[];
}

export interface Pattern {
  dimension: 'rep' | 'product' | 'competitor' | 'source';
  group: GroupStats;
  differencePoints: number;
  text: string;
}

const rate = (wins: number, n: number) => {
  const r = ratio(wins, n);
  return r === null ? null : pct(r * 100);
};
const norm = (s: string) => s.trim().toLowerCase();

/** Groups deals by one or more keys each (a deal with two competitors counts in both groups). */
export function groupDeals(
  deals: readonly ClosedDealRow[],
  keysOf: (d: ClosedDealRow) => { key: string; label: string }[],
  always: readonly { key: string; label: string }[] = [],
): GroupStats[] {
  const groups = new Map<string, GroupStats>();
  const touch = (key: string, label: string) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, label, n: 0, wins: 0, losses: 0, winRate: null, smallSample: true, dealIds: [] }));
    return g;
  };
  for (const a of always) touch(a.key, a.label);
  for (const deal of deals) {
    const seen = new Set<string>();
    for (const { key, label } of keysOf(deal)) {
      if (seen.has(key)) continue;
      seen.add(key);
      const g = touch(key, label);
      g.n++;
      if (deal.outcome === 'won') g.wins++;
      else g.losses++;
      g.dealIds.push(deal.id);
    }
  }
  return [...groups.values()]
    .map((g) => ({ ...g, winRate: rate(g.wins, g.n), smallSample: g.n < SMALL_SAMPLE }))
    .sort((a, b) => b.n - a.n || a.label.localeCompare(b.label));
}

export function competitorGroups(deals: readonly ClosedDealRow[]): CompetitorStats[] {
  const named = (d: ClosedDealRow) => [...d.competitors, ...(d.lostToCompetitor ? [d.lostToCompetitor] : [])].filter((c) => c.trim() !== '');
  const groups = groupDeals(deals, (d) => named(d).map((c) => ({ key: norm(c), label: c.trim() })));
  return groups.map((g) => ({
    ...g,
    lostTo: deals.filter((d) => d.outcome === 'lost' && d.lostToCompetitor && norm(d.lostToCompetitor) === g.key).length,
  }));
}

/** The most frequent reasons among deals of one outcome, with how many of them gave each. */
export function topReasons(deals: readonly ClosedDealRow[], outcome: 'won' | 'lost'): ReasonCount[] {
  const ofOutcome = deals.filter((d) => d.outcome === outcome);
  const counts = new Map<string, ReasonCount>();
  for (const d of ofOutcome) {
    const reason = (outcome === 'won' ? d.wonReason : d.lostReason)?.trim();
    if (!reason) continue;
    const entry = counts.get(norm(reason)) ?? { reason, count: 0, share: null, dealIds: [] };
    entry.count++;
    entry.dealIds.push(d.id);
    counts.set(norm(reason), entry);
  }
  return [...counts.values()]
    .map((r) => ({ ...r, share: rate(r.count, ofOutcome.length) }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
    .slice(0, REASON_CAP);
}

const DIMENSION_WORDS: Record<Pattern['dimension'], (label: string) => string> = {
  rep: (l) => `Deals owned by ${l}`,
  product: (l) => `${l} deals`,
  competitor: (l) => `Deals against ${l}`,
  source: (l) => `Deals from ${l}`,
};

/** Groups of at least SMALL_SAMPLE deals whose win rate is furthest from the overall one, in words. */
export function findPatterns(dimensions: Record<Pattern['dimension'], readonly GroupStats[]>, overall: number | null): Pattern[] {
  if (overall === null) return [];
  const candidates: Pattern[] = [];
  for (const [dimension, groups] of Object.entries(dimensions) as [Pattern['dimension'], readonly GroupStats[]][]) {
    for (const group of groups) {
      if (group.n < SMALL_SAMPLE || group.winRate === null) continue;
      const differencePoints = pct(group.winRate - overall);
      if (differencePoints === 0) continue;
      const direction = differencePoints > 0 ? 'higher' : 'lower';
      const text = `${DIMENSION_WORDS[dimension](group.label)} won ${group.wins} of ${group.n} (${group.winRate.toFixed(1)}%) against ${overall.toFixed(1)}% overall: ${Math.abs(differencePoints).toFixed(1)} points ${direction}.`;
      candidates.push({ dimension, group, differencePoints, text });
    }
  }
  return candidates
    .sort((a, b) => Math.abs(b.differencePoints) - Math.abs(a.differencePoints) || b.group.n - a.group.n)
    .slice(0, PATTERN_CAP);
}

export { rate as winRatePercent };
