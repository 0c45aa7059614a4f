import type { RepQuotaRow } from '../../db/repos/analytics-reps.ts';
import type { ClosedDealRow } from '../../db/repos/win-loss.ts';
import { formatMoney, moneyOf } from '../opportunities/opportunity-shared.ts';
import { isoDay, periodsBetween, type Granularity, type Period } from './period.ts';
import { attainmentOf, periodOf, targetOf, trendOf } from './revenue-common.ts';

// The arithmetic behind revenue_report, apart from the database so it can be checked by hand.
// Won revenue = sum of won deals' values by close date; target = the reps' quarterly quotas pro-rated to
// the period (a month = quota / 3, a year = quota x 4); trend = against the previous period of the same length.

export type RevenueGroupBy = 'none' | 'rep' | 'product';

export const GROUP_CAP = 50;
const EVIDENCE_CAP = 10;

export interface RevenueFacts {
  period: Period;
  bucket: Granularity;
  groupBy: RevenueGroupBy;
  currency: string;
  now: Date;
  /** won deals in the period, in `currency` */
  won: readonly ClosedDealRow[];
  /** won deals in the previous period, in `currency` */
  previousWon: readonly ClosedDealRow[];
  /** the reps whose quotas make the target */
  holders: readonly RepQuotaRow[];
  /** a product filter is set: quotas are not per product, so there is no target */
  productFiltered: boolean;
}

const sum = (deals: readonly ClosedDealRow[]) => deals.reduce((s, d) => s + d.valueMinor, 0);
const within = (deals: readonly ClosedDealRow[], p: Period) => deals.filter((d) => d.closedAt >= p.start && d.closedAt < p.end);

interface GroupKey {
  key: string;
  label: string;
}

function keyOf(groupBy: RevenueGroupBy, d: ClosedDealRow): GroupKey {
  if (groupBy === 'rep') return { key: d.ownerId, label: d.owner };
  return { key: d.productId ?? '-', label: d.product ?? '(no product)' };
}

export function buildRevenueReport(f: RevenueFacts) {
  const { currency } = f;
  const targetFor = (holders: readonly RepQuotaRow[], granularity: Granularity) =>
    f.productFiltered ? null : targetOf(holders, granularity, currency).amountMinor;
  const buckets = periodsBetween(f.bucket, f.period.start, f.period.end);

  const totalWon = sum(f.won);
  const totalTarget = targetFor(f.holders, f.period.granularity);
  const total = {
    won: moneyOf(totalWon, currency),
    deals: f.won.length,
    target: totalTarget === null ? null : moneyOf(totalTarget, currency),
    attainment: attainmentOf(totalWon, totalTarget),
    trend: trendOf(totalWon, sum(f.previousWon), currency),
  };

  const bucketRows = buckets.map((b) => {
    const deals = within(f.won, b);
    const target = targetFor(f.holders, f.bucket);
    return {
      ...periodOf(b),
      complete: b.end <= f.now,
      won: moneyOf(sum(deals), currency),
      deals: deals.length,
      target: target === null ? null : moneyOf(target, currency),
      attainment: attainmentOf(sum(deals), target),
    };
  });

  const groups = f.groupBy === 'none' ? [] : buildGroups(f, buckets);
  const evidence = [...f.won]
    .sort((a, b) => b.valueMinor - a.valueMinor || a.closedAt.getTime() - b.closedAt.getTime())
    .slice(0, EVIDENCE_CAP)
    .map((d) => ({
      sourceId: d.id,
      kind: 'opportunity',
      date: d.closedAt.toISOString(),
      quote: `${d.name} (${d.account}) won ${isoDay(d.closedAt)} for ${formatMoney(d.valueMinor, d.currency)} by ${d.owner}${d.product ? `, product ${d.product}` : ''}`,
    }));
  return { total, buckets: bucketRows, groups: groups.slice(0, GROUP_CAP), groupsTotal: groups.length, evidence };
}

function buildGroups(f: RevenueFacts, buckets: readonly Period[]) {
  const { currency } = f;
  const keys = new Map<string, string>();
  // every rep in scope gets a row, even with nothing won
  if (f.groupBy === 'rep') for (const h of f.holders) keys.set(h.id, h.name);
  for (const d of [...f.won, ...f.previousWon]) {
    const k = keyOf(f.groupBy, d);
    if (!keys.has(k.key)) keys.set(k.key, k.label);
  }
  const holderById = new Map(f.holders.map((h) => [h.id, h]));
  const rows = [...keys].map(([key, label]) => {
    const mine = f.won.filter((d) => keyOf(f.groupBy, d).key === key);
    const before = f.previousWon.filter((d) => keyOf(f.groupBy, d).key === key);
    const holder = f.groupBy === 'rep' ? holderById.get(key) : undefined;
    const target = holder && !f.productFiltered ? targetOf([holder], f.period.granularity, currency).amountMinor : null;
    const won = sum(mine);
    return {
      key,
      label,
      won: moneyOf(won, currency),
      deals: mine.length,
      target: target === null ? null : moneyOf(target, currency),
      attainment: attainmentOf(won, target),
      trend: trendOf(won, sum(before), currency),
      byBucket: buckets.map((b) => ({ period: b.label, wonMinor: sum(within(mine, b)) })),
    };
  });
  return rows.sort((a, b) => b.won.amountMinor - a.won.amountMinor || a.label.localeCompare(b.label));
}
