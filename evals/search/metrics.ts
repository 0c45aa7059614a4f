// Retrieval metrics, binary relevance. Pure functions, tested against hand-computed values.

/** Share of the first k results that are relevant; a list shorter than k counts its gaps as misses. */
export function precisionAt(relevant: readonly boolean[], k: number): number {
  return relevant.slice(0, k).filter(Boolean).length / k;
}

/**
 * nDCG@k with gains 1/log2(rank + 1). The ideal ranking puts min(k, totalRelevant) relevant items first;
 * totalRelevant is how many relevant items exist in the whole collection.
 */
export function ndcgAt(relevant: readonly boolean[], k: number, totalRelevant: number): number {
  const gain = (i: number) => 1 / Math.log2(i + 2);
  let dcg = 0;
  relevant.slice(0, k).forEach((r, i) => {
    if (r) dcg += gain(i);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(k, totalRelevant); i++) ideal += gain(i);
  return ideal === 0 ? 0 : dcg / ideal;
}

/**
 * Recall@k of an approximate top-k against the exact one, tie-aware: an approximate result counts when its
 * distance is no larger than the exact k-th distance (ties at the boundary are interchangeable), each
 * approximate id once. `exact` and `approx` are distances of the returned items.
 */
export function tieAwareRecall(exact: readonly { id: string; distance: number }[], approx: readonly { id: string; distance: number }[], k: number, epsilon = 1e-6): number {
  const top = exact.slice(0, k);
  if (top.length === 0) return 1;
  const boundary = top[top.length - 1]!.distance;
  const seen = new Set<string>();
  let hits = 0;
  for (const a of approx.slice(0, k)) {
    if (seen.has(a.id)) continue;
    seen.add(a.id);
    if (a.distance <= boundary + epsilon) hits += 1;
  }
  return Math.min(1, hits / top.length);
}

/** Reciprocal rank of the first relevant result within the first k (0 when none): MRR@k averaged over questions. */
export function reciprocalRankAt(relevant: readonly boolean[], k: number): number {
  const i = relevant.slice(0, k).indexOf(true);
  return i < 0 ? 0 : 1 / (i + 1);
}

/** The q-quantile (0..1) of a sample, nearest-rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const mean = (values: readonly number[]) => (values.length === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / values.length);
