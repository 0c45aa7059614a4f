import { dealFacts, type ClosedDeal, type DealFacts } from './profile.ts';

// A second view of the deal's facts, next to their one-hot columns: naive Bayes over the closed
// history. For every fact key (product, owner, budget...), how much more often closed won deals had
// this deal's value than closed lost ones, as a log-likelihood ratio; the ratios of all keys add up
// into one number. The one-hot columns each need their own weight and are shrunk hard by the ridge
// penalty on a few hundred deals; this one column carries every fact's evidence at once, and the
// regression learns how far to trust it (naive Bayes double-counts correlated facts, so the weight
// usually stays well below 1). Like the similar deals, it is a statistic of the closed history.

export interface FactLikelihood {
  wins: number;
  losses: number;
  /** key -> value -> [won, lost] closed deals with that value */
  counts: Record<string, Record<string, [number, number]>>;
}

const valuesCache = new WeakMap<DealFacts, Array<[string, string]>>(); // deals are immutable values, read many times

/**
 * One value per fact key: several values of one key (competitors) are joined, so each key is
 * one categorical attribute. Keys the deal does not have are left out (naive Bayes skips them).
 */
export function factValues(deal: DealFacts): Array<[key: string, value: string]> {
  const cached = valuesCache.get(deal);
  if (cached) return cached;
  const byKey = new Map<string, string[]>();
  for (const [key, value] of dealFacts(deal)) byKey.set(key, [...(byKey.get(key) ?? []), value]);
  const values = [...byKey].map(([key, list]): [string, string] => [key, list.join('+')]);
  valuesCache.set(deal, values);
  return values;
}

export function factLikelihood(deals: readonly ClosedDeal[]): FactLikelihood {
  const table: FactLikelihood = { wins: 0, losses: 0, counts: {} };
  for (const deal of deals) add(table, deal);
  return table;
}

function add(table: FactLikelihood, deal: ClosedDeal): void {
  if (deal.won) table.wins++;
  else table.losses++;
  for (const [key, value] of factValues(deal)) {
    const byValue = (table.counts[key] ??= {});
    const pair = (byValue[value] ??= [0, 0]);
    pair[deal.won ? 0 : 1]++;
  }
}

/** One fact key's naive-Bayes log ratio. */
export interface FactRatio {
  key: string;
  value: string;
  logRatio: number;
}

/**
 * Per fact key of the deal, log P(value | won) - log P(value | lost), Laplace-smoothed:
 * P(value | won) = (won with value + 1) / (wins + values of the key + 1), the +1 value leaving room
 * for one never seen. A key no closed deal had is left out. `self`: the deal's own closed record,
 * when the table counts it (a training row), is taken out first, so the ratio is the one the table
 * would give without it (leave-one-out, as its similar deals never include itself).
 */
export function factRatios(table: FactLikelihood, deal: DealFacts, self?: ClosedDeal): FactRatio[] {
  const own = self ? new Map(factValues(self)) : undefined;
  const ownClass = self?.won ? 0 : 1;
  const wins = table.wins - (self?.won === true ? 1 : 0);
  const losses = table.losses - (self?.won === false ? 1 : 0);
  const ratios: FactRatio[] = [];
  for (const [key, value] of factValues(deal)) {
    const byValue = table.counts[key];
    if (!byValue) continue;
    const ownValue = own?.get(key);
    const counts = (v: string): [number, number] => {
      const pair = byValue[v] ?? [0, 0];
      if (ownValue !== v) return pair;
      const out: [number, number] = [pair[0], pair[1]];
      out[ownClass] -= 1;
      return out;
    };
    let cardinality = Object.keys(byValue).length + 1;
    if (ownValue !== undefined && byValue[ownValue] && byValue[ownValue][0] + byValue[ownValue][1] === 1) cardinality--; // only the deal itself had it
    if (cardinality === 1) continue; // only the deal itself had this key
    const [w, l] = counts(value);
    ratios.push({ key, value, logRatio: Math.log((w + 1) / (wins + cardinality)) - Math.log((l + 1) / (losses + cardinality)) });
  }
  return ratios;
}

/** Naive-Bayes log-likelihood ratio of the deal's facts: the sum of factRatios (the class prior left out: the stage prior carries it). */
export function factLogRatio(table: FactLikelihood, deal: DealFacts, self?: ClosedDeal): number {
  let sum = 0;
  for (const r of factRatios(table, deal, self)) sum += r.logRatio;
  return sum;
}
