// Descriptive statistics that never return NaN for empty input: callers get null and decide what to show.

/** Linear-interpolated percentile (the same definition as Postgres percentile_cont); q in [0, 1]. */
export function percentile(values: readonly number[], q: number): number | null {
  return percentileOfSorted([...values].sort((a, b) => a - b), q);
}

/** percentile() of values already sorted ascending (no copy, no sort): for many percentiles of one sample. */
export function percentileOfSorted(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower]!;
  return low + (sorted[upper]! - low) * (position - lower);
}

export const median = (values: readonly number[]) => percentile(values, 0.5);

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
}

/** a / b, or null when b is zero: a rate over nothing is unknown, not 0 and not NaN. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}
