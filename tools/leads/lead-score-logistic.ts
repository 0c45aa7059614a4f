// The lead score's view of the shared ridge logistic regression (core/stats/logistic.ts): rows as
// parallel `idx`/`val` arrays, 0/1 labels and the penalty called `l2`. The fit itself lives in core.
import { choleskySolve, fitLogistic as fitSparseLogistic, sigmoid } from '../../core/stats/logistic.ts';

export { choleskySolve, sigmoid };

/** A design-matrix row as parallel column indexes and values (the intercept is implicit). */
export interface SparseRow {
  idx: number[];
  val: number[];
}

export interface LogisticFit {
  intercept: number;
  weights: number[];
  iterations: number;
  converged: boolean;
}

export interface LogisticOptions {
  /** penalty (l2 / 2) * |w|^2 on the weights, not on the intercept */
  l2: number;
  maxIterations?: number;
  /** stop when the largest parameter step is below this */
  tolerance?: number;
}

/** Fits from the base rate with an unpenalised intercept; see core fitLogistic. */
export function fitLogistic(rows: readonly SparseRow[], y: readonly number[], dims: number, options: LogisticOptions): LogisticFit {
  const { l2, maxIterations, tolerance } = options;
  return fitSparseLogistic(
    rows.map((r) => ({ index: r.idx, value: r.val })),
    y,
    dims,
    { lambda: l2, ...(maxIterations !== undefined ? { maxIterations } : {}), ...(tolerance !== undefined ? { tolerance } : {}) },
  );
}
