import { percentileOfSorted } from '../../core/stats/descriptive.ts';
import { categoryKey, featureKey, indexFeatures, numericValue, transformNumeric } from './lead-score-encode.ts';
import { fitLogistic, type SparseRow } from './lead-score-logistic.ts';
import {
  LEAD_SCORE_PARTS,
  type CategoricalFeatureSpec,
  type FeatureSpec,
  type LeadExample,
  type LeadFeature,
  type LeadScoreModel,
  type LeadScorePart,
  type NumericFeatureSpec,
} from './lead-score-types.ts';

export interface FitLeadScoreOptions {
  /** L2 penalty on the standardised weights (default 1) */
  l2?: number;
  /** recorded in the model; the Newton fit itself is deterministic and uses no randomness */
  seed?: number;
  /** categories seen fewer times than this are treated as unknown (default 5) */
  minCategoryCount?: number;
  /** upper quantile numeric values are clipped to (default 0.99) */
  capQuantile?: number;
}

interface Column {
  part: LeadScorePart;
  name: string;
  label: string;
  phrase: string | undefined;
  kind: 'numeric' | 'categorical';
}

const quantile = (sorted: readonly number[], q: number): number => percentileOfSorted(sorted, q) ?? 0;

/** Every (part, name) seen, in part order then name, with its kind: numeric only if every present value is a number. */
function collectColumns(examples: readonly LeadExample[]): Column[] {
  const columns = new Map<string, Column>();
  for (const { features } of examples) {
    for (const f of features) {
      const key = featureKey(f.part, f.name);
      const column = columns.get(key) ?? { part: f.part, name: f.name, label: f.label ?? f.name, phrase: f.phrase, kind: 'numeric' };
      if (typeof f.value === 'string' && f.value.trim() !== '') column.kind = 'categorical';
      if (typeof f.value === 'boolean') column.kind = 'categorical';
      columns.set(key, column);
    }
  }
  const partOrder = (p: LeadScorePart) => LEAD_SCORE_PARTS.indexOf(p);
  return [...columns.values()].sort((a, b) => partOrder(a.part) - partOrder(b.part) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function numericSpec(column: Column, values: readonly (LeadFeature | undefined)[], capQuantile: number): NumericFeatureSpec | null {
  const present = values.flatMap((f) => {
    const n = numericValue(f?.value);
    return n === null ? [] : [n];
  });
  if (present.length === 0) return null;
  const sorted = [...present].sort((a, b) => a - b);
  const spec: NumericFeatureSpec = {
    kind: 'numeric',
    name: column.name,
    label: column.label,
    ...(column.phrase ? { phrase: column.phrase } : {}),
    transform: sorted[0]! >= 0 ? 'log1p' : 'identity',
    cap: quantile(sorted, capQuantile),
    fill: quantile(sorted, 0.5),
    center: 0,
    scale: 1,
    weight: 0,
  };
  const transformed = values.map((f) => transformNumeric(spec, numericValue(f?.value) ?? spec.fill));
  const mean = transformed.reduce((s, t) => s + t, 0) / transformed.length;
  const variance = transformed.reduce((s, t) => s + (t - mean) ** 2, 0) / transformed.length;
  if (variance < 1e-12) return null; // constant: carries no information
  spec.center = mean;
  spec.scale = Math.sqrt(variance);
  return spec;
}

/**
 * Fits an L2-regularised logistic regression of conversion on the features. Numeric features are
 * capped, log1p-transformed when non-negative and standardised; categorical ones are one-hot over
 * categories seen at least `minCategoryCount` times (missing is a category of its own). Afterwards
 * each categorical feature's weights are shifted so their training average is 0 (the shift goes into
 * the intercept), so every contribution reads "relative to an average lead".
 */
export function fitLeadScoreModel(examples: readonly LeadExample[], options: FitLeadScoreOptions = {}): LeadScoreModel {
  const { l2 = 1, seed = 0, minCategoryCount = 5, capQuantile = 0.99 } = options;
  const indexed = examples.map((e) => indexFeatures(e.features));
  const y: number[] = examples.map((e) => (e.converted ? 1 : 0));

  // one design column per numeric feature and per kept category
  const specs: { column: Column; spec: FeatureSpec; columnOf: Map<string, number> | number }[] = [];
  let dims = 0;
  for (const column of collectColumns(examples)) {
    const values = indexed.map((byKey) => byKey.get(featureKey(column.part, column.name)));
    if (column.kind === 'numeric') {
      const spec = numericSpec(column, values, capQuantile);
      if (spec) specs.push({ column, spec, columnOf: dims++ });
      continue;
    }
    const counts = new Map<string, number>();
    for (const f of values) counts.set(categoryKey(f?.value), (counts.get(categoryKey(f?.value)) ?? 0) + 1);
    const kept = [...counts].filter(([, n]) => n >= minCategoryCount).map(([k]) => k).sort();
    if (kept.length === 0) continue;
    const columnOf = new Map(kept.map((k) => [k, dims++] as const));
    const spec: CategoricalFeatureSpec = { kind: 'categorical', name: column.name, label: column.label, weights: {}, unknownWeight: 0 };
    specs.push({ column, spec, columnOf });
  }

  const rows: SparseRow[] = indexed.map((byKey) => {
    const row: SparseRow = { idx: [], val: [] };
    for (const { column, spec, columnOf } of specs) {
      const f = byKey.get(featureKey(column.part, column.name));
      if (spec.kind === 'numeric' && typeof columnOf === 'number') {
        row.idx.push(columnOf);
        row.val.push((transformNumeric(spec, numericValue(f?.value) ?? spec.fill) - spec.center) / spec.scale);
      } else if (typeof columnOf !== 'number') {
        const c = columnOf.get(categoryKey(f?.value));
        if (c !== undefined) {
          row.idx.push(c);
          row.val.push(1);
        }
      }
    }
    return row;
  });

  const result = fitLogistic(rows, y, dims, { l2 });
  let intercept = result.intercept;
  const parts: LeadScoreModel['parts'] = { behavioural: [], demographic: [], fit: [], engagement: [] };
  for (const { column, spec, columnOf } of specs) {
    if (spec.kind === 'numeric' && typeof columnOf === 'number') {
      spec.weight = result.weights[columnOf]!;
    } else if (spec.kind === 'categorical' && typeof columnOf !== 'number') {
      // centre: the training-average weight of this feature moves into the intercept
      let sum = 0;
      for (const byKey of indexed) {
        const c = columnOf.get(categoryKey(byKey.get(featureKey(column.part, column.name))?.value));
        sum += c === undefined ? 0 : result.weights[c]!;
      }
      const mean = examples.length > 0 ? sum / examples.length : 0;
      intercept += mean;
      for (const [key, c] of columnOf) spec.weights[key] = result.weights[c]! - mean;
      spec.unknownWeight = -mean; // unseen/rare categories keep the un-fitted (prior) weight 0, re-centred
    }
    parts[column.part].push(spec);
  }

  return {
    version: 1,
    intercept,
    parts,
    fit: {
      examples: examples.length,
      positives: y.reduce((s, v) => s + v, 0),
      l2,
      seed,
      iterations: result.iterations,
      converged: result.converged,
    },
  };
}
