import { categoryKey, featureKey, indexFeatures, isMissing, numericValue } from '../../tools/leads/lead-score-encode.ts';
import type { LeadExample, LeadFeature } from '../../tools/leads/lead-score-types.ts';

// Baseline for the lead-score backtest: naive Bayes over the same feature lists. Categorical
// features use Laplace-smoothed category frequencies (missing is a category); numeric features
// are cut into training-quantile bins (deciles) with a bin of their own for missing.

interface NbFeature {
  key: string;
  /** bin upper edges for numeric features; null for categorical */
  edges: number[] | null;
  /** per class, counts per bin / category */
  counts: [Map<string, number>, Map<string, number>];
  levels: Set<string>;
}

export interface NaiveBayesModel {
  logPriorOdds: number;
  features: NbFeature[];
  classTotals: [number, number];
  alpha: number;
}

function binOf(edges: readonly number[], value: LeadFeature['value']): string {
  const n = numericValue(value);
  if (n === null) return '(missing)';
  const bin = edges.findIndex((edge) => n <= edge);
  return `bin${bin === -1 ? edges.length : bin}`;
}

export function fitNaiveBayes(examples: readonly LeadExample[], alpha = 1, bins = 10): NaiveBayesModel {
  const indexed = examples.map((e) => indexFeatures(e.features));
  const keys = new Map<string, boolean>(); // key -> numeric?
  for (const e of examples) {
    for (const f of e.features) {
      const key = featureKey(f.part, f.name);
      const numeric = keys.get(key) ?? true;
      keys.set(key, numeric && (isMissing(f.value) || typeof f.value === 'number'));
    }
  }
  const classTotals: [number, number] = [0, 0];
  for (const e of examples) classTotals[e.converted ? 1 : 0]++;

  const features: NbFeature[] = [...keys].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, numeric]) => {
    let edges: number[] | null = null;
    if (numeric) {
      const values = indexed.flatMap((m) => {
        const n = numericValue(m.get(key)?.value);
        return n === null ? [] : [n];
      });
      values.sort((a, b) => a - b);
      const cut = new Set<number>();
      for (let b = 1; b < bins; b++) if (values.length > 0) cut.add(values[Math.floor((b * values.length) / bins)]!);
      edges = [...cut].sort((a, b) => a - b);
    }
    const feature: NbFeature = { key, edges, counts: [new Map(), new Map()], levels: new Set() };
    indexed.forEach((m, i) => {
      const value = m.get(key)?.value;
      const level = edges ? binOf(edges, value) : categoryKey(value);
      const counts = feature.counts[examples[i]!.converted ? 1 : 0];
      counts.set(level, (counts.get(level) ?? 0) + 1);
      feature.levels.add(level);
    });
    return feature;
  });
  return { logPriorOdds: Math.log(classTotals[1] / classTotals[0]), features, classTotals, alpha };
}

/** Posterior probability of conversion. */
export function predictNaiveBayes(model: NaiveBayesModel, features: readonly LeadFeature[]): number {
  const byKey = indexFeatures(features);
  let logOdds = model.logPriorOdds;
  for (const f of model.features) {
    const value = byKey.get(f.key)?.value;
    const level = f.edges ? binOf(f.edges, value) : categoryKey(value);
    const levels = f.levels.size + 1; // one extra slot for a level never seen in training
    const p1 = ((f.counts[1].get(level) ?? 0) + model.alpha) / (model.classTotals[1] + model.alpha * levels);
    const p0 = ((f.counts[0].get(level) ?? 0) + model.alpha) / (model.classTotals[0] + model.alpha * levels);
    logOdds += Math.log(p1 / p0);
  }
  return 1 / (1 + Math.exp(-logOdds));
}
