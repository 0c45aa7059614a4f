// The win model's view of the shared ridge logistic regression (core/stats/logistic.ts): offsets (the
// stage prior's logit per row) as a positional argument and a faint default intercept penalty.
import { fitLogistic as fitSparseLogistic, linearScore, logit, sigmoid, type LogisticFit, type SparseRow } from '../../../core/stats/logistic.ts';

export { linearScore, logit, sigmoid, type LogisticFit, type SparseRow };

export interface LogisticOptions {
  /** L2 penalty on the weights */
  lambda: number;
  /** L2 penalty on the intercept (default ~0); a small one keeps a one-class sample finite */
  interceptLambda?: number;
  maxIterations?: number;
  tolerance?: number;
  /** per-row weights (default 1) */
  rowWeights?: readonly number[];
}

/**
 * Fits P(y) = sigmoid(offset + intercept + w·x). `offsets` carry a fixed prior logit per row (the
 * stage prior), so the weights learn adjustments to it and shrink back to it when data is thin.
 */
export function fitLogistic(
  rows: readonly SparseRow[],
  labels: readonly boolean[],
  columns: number,
  offsets: readonly number[],
  options: LogisticOptions,
): LogisticFit {
  return fitSparseLogistic(rows, labels, columns, { ...options, interceptLambda: options.interceptLambda ?? 1e-9, offsets });
}
