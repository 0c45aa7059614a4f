import { percentile, ratio } from '../../core/stats/descriptive.ts';
import type { SimilarDeal } from '../../db/repos/intel-deals.ts';

// Outcome arithmetic over a list of similar deals, shared by similar_deals and deal_strategy.

export interface Money {
  amountMinor: number;
  currency: string;
}

/** The most common currency among these deals (ties: alphabetical), so ranges never mix currencies. */
export function mainCurrency(deals: readonly { currency: string }[]): string | null {
  const counts = new Map<string, number>();
  for (const d of deals) counts.set(d.currency, (counts.get(d.currency) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return sorted[0]?.[0] ?? null;
}

export function summariseOutcomes(deals: readonly SimilarDeal[]) {
  const closed = deals.filter((d) => d.outcome !== null);
  const won = closed.filter((d) => d.outcome === 'won');
  const currency = mainCurrency(won);
  const values = won.filter((d) => d.currency === currency).map((d) => d.valueMinor);
  return {
    closed: closed.length,
    won: won.length,
    lost: closed.length - won.length,
    /** 0..1, null when nothing closed */
    winRate: ratio(won.length, closed.length),
    wonRange:
      currency === null
        ? null
        : {
            min: { amountMinor: Math.min(...values), currency },
            max: { amountMinor: Math.max(...values), currency },
            deals: values.length,
          },
  };
}

/** p25 and p75 (linear interpolation, like Postgres percentile_cont); null when empty */
export function interquartile(values: readonly number[]): { p25: number; p75: number } | null {
  const p25 = percentile(values, 0.25);
  const p75 = percentile(values, 0.75);
  return p25 === null || p75 === null ? null : { p25, p75 };
}
