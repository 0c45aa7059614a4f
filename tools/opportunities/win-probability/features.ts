import { logit, type SparseRow } from './logistic.ts';
import { priorFor, type StageDuration, type StagePriors, type WinRate } from './history.ts';
import { factLogRatio, type FactLikelihood } from './likelihood.ts';
import { neighbourEvidence, type Neighbour, type NeighbourEvidence } from './neighbours.ts';
import { dealFacts, type ClosedDeal, type DealFacts } from './profile.ts';
import type { FeatureSpace, NumericFeature, TrainingExample } from './types.ts';

// Turns one deal (plus its neighbours) into a design row on the logit scale. The stage prior is the
// row's offset, not a column: the fitted weights are adjustments to it, and with no evidence the
// model says exactly what the org's history for that stage says.

export interface EncodeContext {
  priors: StagePriors;
  durations: Record<string, StageDuration>;
  likelihood: FactLikelihood;
  space: FeatureSpace;
  k: number;
  shrinkage: number;
}

export interface EncodedDeal {
  row: SparseRow;
  /** logit of the stage prior */
  offset: number;
  prior: { rate: WinRate; source: 'stage' | 'overall'; stage: string | undefined };
  evidence: NeighbourEvidence;
  /** naive-Bayes log-likelihood ratio of the deal's facts against the closed history */
  factLogRatio: number;
  aging: { days: number; p50: number; p80: number } | null;
  /** column index -> fact it came from, for explaining */
  facts: Array<{ column: number; key: string; value: string }>;
}

const LOG2 = Math.log(2);
const clip = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** days -> log2(1 + days): the first silent week matters more than the difference between 60 and 67 days */
export const recencyValue = (days: number): number => Math.log(1 + Math.max(0, days)) / LOG2;

/** time in stage relative to the stage's median, on a log2 scale (0 = typical, 1 = twice as long), clipped */
export const agingValue = (days: number, p50: number): number => clip(Math.log((days + 1) / (p50 + 1)) / LOG2, -4, 4);

function agingOf(deal: DealFacts, durations: Record<string, StageDuration>): EncodedDeal['aging'] {
  const typical = deal.stage === undefined ? undefined : durations[deal.stage];
  if (deal.daysInStage === undefined || !typical || !Number.isFinite(typical.p50)) return null;
  return { days: deal.daysInStage, p50: typical.p50, p80: typical.p80 };
}

/**
 * Columns the training examples can support: a numeric part only when some example carries its
 * input (the facts' naive-Bayes ratio when some example has facts), a `key=value` fact only when it occurs in at least `minCount` examples. Sorted, so the
 * same data always gives the same column order.
 */
export function buildFeatureSpace(
  examples: readonly TrainingExample[],
  durations: Record<string, StageDuration>,
  minCount: number,
): FeatureSpace {
  const numeric: NumericFeature[] = ['similar_deals'];
  if (examples.some((e) => dealFacts(e.deal).length > 0)) numeric.push('fact_likelihood');
  const withTouch = examples.filter((e) => e.deal.daysSinceLastTouch !== undefined).length;
  if (withTouch > 0) numeric.push('recency');
  if (withTouch > 0 && withTouch < examples.length) numeric.push('recency_missing');
  if (examples.some((e) => agingOf(e.deal, durations) !== null)) numeric.push('aging', 'past_p80');
  const counts = new Map<string, number>();
  for (const { deal } of examples) {
    for (const [key, value] of dealFacts(deal)) counts.set(`${key}=${value}`, (counts.get(`${key}=${value}`) ?? 0) + 1);
  }
  const categorical = [...counts]
    .filter(([, n]) => n >= minCount)
    .map(([name]) => name)
    .sort();
  return { numeric, categorical };
}

const columnCache = new WeakMap<FeatureSpace, Map<string, number>>();
function columnsOf(space: FeatureSpace): Map<string, number> {
  let map = columnCache.get(space);
  if (!map) {
    map = new Map(space.categorical.map((name, i) => [name, i]));
    columnCache.set(space, map);
  }
  return map;
}

/** `self`: the deal's own closed record when it is in the history the context was built from (training rows), left out of the facts' ratio. */
export function encodeDeal(ctx: EncodeContext, deal: DealFacts, neighbours: readonly Neighbour[], self?: ClosedDeal): EncodedDeal {
  const { space } = ctx;
  const prior = priorFor(ctx.priors, deal.stage);
  const offset = logit(prior.rate.rate);
  const evidence = neighbourEvidence(neighbours.slice(0, ctx.k), prior.rate.rate, ctx.shrinkage);
  const likelihood = factLogRatio(ctx.likelihood, deal, self);
  const aging = agingOf(deal, ctx.durations);
  const index: number[] = [];
  const value: number[] = [];
  const put = (column: number, x: number) => {
    if (column < 0 || x === 0) return;
    index.push(column);
    value.push(x);
  };
  const col = (name: NumericFeature) => space.numeric.indexOf(name);
  put(col('similar_deals'), logit(evidence.rate) - offset);
  put(col('fact_likelihood'), likelihood);
  if (deal.daysSinceLastTouch !== undefined) put(col('recency'), recencyValue(deal.daysSinceLastTouch));
  else put(col('recency_missing'), 1);
  if (aging) {
    put(col('aging'), agingValue(aging.days, aging.p50));
    put(col('past_p80'), aging.days > aging.p80 ? 1 : 0);
  }
  const facts: EncodedDeal['facts'] = [];
  const base = space.numeric.length;
  for (const [key, v] of dealFacts(deal)) {
    const at = columnsOf(space).get(`${key}=${v}`);
    if (at === undefined) continue;
    put(base + at, 1);
    facts.push({ column: base + at, key, value: v });
  }
  return { row: { index, value }, offset, prior: { ...prior, stage: deal.stage }, evidence, factLogRatio: likelihood, aging, facts };
}
