// Ridge-penalised logistic regression fitted by Newton's method (IRLS): deterministic, no learning
// rate to tune, and fast on sparse one-hot rows because the Hessian is accumulated from non-zeros only.

/** One design row: indexes and values of its non-zero features (one-hots are 1, numbers any real). */
export interface SparseRow {
  index: number[];
  value: number[];
}

export interface LogisticFit {
  intercept: number;
  /** one coefficient per feature column */
  weights: number[];
  iterations: number;
}

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

export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function logit(p: number, epsilon = 1e-6): number {
  const q = Math.min(1 - epsilon, Math.max(epsilon, p));
  return Math.log(q / (1 - q));
}

export function linearScore(fit: Pick<LogisticFit, 'intercept' | 'weights'>, row: SparseRow, offset = 0): number {
  let z = fit.intercept + offset;
  for (let j = 0; j < row.index.length; j++) z += (fit.weights[row.index[j]!] ?? 0) * row.value[j]!;
  return z;
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
  const { lambda, interceptLambda = 1e-9, maxIterations = 50, tolerance = 1e-8, rowWeights } = options;
  const size = columns + 1; // the last slot is the intercept
  const beta = new Float64Array(size);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const hessian = new Float64Array(size * size);
    const gradient = new Float64Array(size);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const rw = rowWeights?.[i] ?? 1;
      let z = beta[columns]! + (offsets[i] ?? 0);
      for (let j = 0; j < row.index.length; j++) z += beta[row.index[j]!]! * row.value[j]!;
      const p = sigmoid(z);
      const residual = rw * ((labels[i] ? 1 : 0) - p);
      const w = rw * Math.max(p * (1 - p), 1e-10);
      // the intercept acts as one more always-on feature
      const idx = [...row.index, columns];
      const val = [...row.value, 1];
      for (let a = 0; a < idx.length; a++) {
        gradient[idx[a]!]! += residual * val[a]!;
        for (let b = 0; b < idx.length; b++) hessian[idx[a]! * size + idx[b]!]! += w * val[a]! * val[b]!;
      }
    }
    for (let j = 0; j < columns; j++) {
      gradient[j]! -= lambda * beta[j]!;
      hessian[j * size + j]! += lambda;
    }
    gradient[columns]! -= interceptLambda * beta[columns]!;
    hessian[columns * size + columns]! += interceptLambda;
    const step = solveSymmetric(hessian, gradient, size);
    let change = 0;
    for (let j = 0; j < size; j++) {
      beta[j]! += step[j]!;
      change = Math.max(change, Math.abs(step[j]!));
    }
    if (change < tolerance) {
      iterations++;
      break;
    }
  }
  return { intercept: beta[columns]!, weights: Array.from(beta.subarray(0, columns)), iterations };
}

/** Solves H x = g for a symmetric positive-definite H by Cholesky decomposition. */
function solveSymmetric(h: Float64Array, g: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = h[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) l[i * n + i] = Math.sqrt(Math.max(sum, 1e-12));
      else l[i * n + j] = sum / l[j * n + j]!;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = g[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * n + k]! * y[k]!;
    y[i] = sum / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i]! * x[k]!;
    x[i] = sum / l[i * n + i]!;
  }
  return x;
}
