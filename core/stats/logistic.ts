// L2-regularised (ridge) logistic regression fitted by Newton's method (IRLS) on sparse rows.
// Deterministic: no randomness, no learning rate, fixed iteration order, one Cholesky solve per step.
// The Hessian is accumulated from each row's non-zeros only, so one-hot designs stay cheap.

/** One design row: column indexes and values of its non-zero features (the intercept is implicit). */
export interface SparseRow {
  index: number[];
  value: number[];
}

export interface LogisticOptions {
  /** penalty (lambda / 2) * |w|^2 on the weights */
  lambda: number;
  /** penalty (interceptLambda / 2) * b^2 on the intercept (default 0: unpenalised) */
  interceptLambda?: number;
  /**
   * fixed logit per row added to its linear score (a prior the weights adjust); when given, the fit
   * starts from the offsets alone (intercept 0), otherwise from the base rate
   */
  offsets?: readonly number[];
  /** per-row weights (default 1): a row of weight 2 counts as the row twice */
  rowWeights?: readonly number[];
  maxIterations?: number;
  /** stop when the largest parameter step is below this */
  tolerance?: number;
}

export interface LogisticFit {
  intercept: number;
  /** one coefficient per feature column */
  weights: number[];
  iterations: number;
  converged: boolean;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** log(p / (1 - p)) with p clamped into [epsilon, 1 - epsilon], so 0 and 1 stay finite. */
export function logit(p: number, epsilon = 1e-6): number {
  const q = Math.min(1 - epsilon, Math.max(epsilon, p));
  return Math.log(q / (1 - q));
}

/** log(1 + e^z) without overflow */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** intercept + offset + w·x for one row (columns the fit does not know count 0). */
export function linearScore(fit: Pick<LogisticFit, 'intercept' | 'weights'>, row: SparseRow, offset = 0): number {
  let z = fit.intercept + offset;
  for (let j = 0; j < row.index.length; j++) z += (fit.weights[row.index[j]!] ?? 0) * row.value[j]!;
  return z;
}

/**
 * Solves A x = b for a symmetric positive-definite A (row-major, n x n) by Cholesky decomposition.
 * A pivot that rounding has driven to <= 0 (a numerically singular A) is floored at 1e-12 instead of
 * failing, so a (near-)collinear design still yields a usable Newton direction.
 */
export function choleskySolve(a: ArrayLike<number>, b: ArrayLike<number>, n: number): number[] {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) l[i * n + i] = Math.sqrt(Math.max(sum, 1e-12));
      else l[i * n + j] = sum / l[j * n + j]!;
    }
  }
  const z = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * n + k]! * z[k]!;
    z[i] = sum / l[i * n + i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = z[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i]! * x[k]!;
    x[i] = sum / l[i * n + i]!;
  }
  return x;
}

/**
 * Fits P(y = 1) = sigmoid(offset + intercept + w·x) by minimising the weighted negative log-likelihood
 * plus (lambda / 2)|w|^2 + (interceptLambda / 2) b^2. Labels are booleans or numbers in [0, 1].
 * Each Newton step is halved until the penalised loss does not increase; a step smaller than
 * `tolerance` is taken whole and ends the fit (converged).
 */
export function fitLogistic(
  rows: readonly SparseRow[],
  labels: readonly (boolean | number)[],
  columns: number,
  options: LogisticOptions,
): LogisticFit {
  const { lambda, interceptLambda = 0, offsets, rowWeights, maxIterations = 50, tolerance = 1e-8 } = options;
  const size = columns + 1; // the last slot is the intercept
  const y = labels.map((l) => (typeof l === 'boolean' ? (l ? 1 : 0) : l));
  const rowWeight = (i: number) => rowWeights?.[i] ?? 1;
  const offset = (i: number) => offsets?.[i] ?? 0;
  const score = (beta: readonly number[], i: number) => {
    const row = rows[i]!;
    let z = beta[columns]! + offset(i);
    for (let j = 0; j < row.index.length; j++) z += beta[row.index[j]!]! * row.value[j]!;
    return z;
  };
  const objective = (beta: readonly number[]) => {
    let loss = 0;
    for (let i = 0; i < rows.length; i++) {
      const z = score(beta, i);
      loss += rowWeight(i) * (softplus(z) - y[i]! * z);
    }
    for (let j = 0; j < columns; j++) loss += 0.5 * lambda * beta[j]! ** 2;
    return loss + 0.5 * interceptLambda * beta[columns]! ** 2;
  };

  let beta = new Array<number>(size).fill(0);
  if (!offsets) {
    // start at the base rate, clamped so an all-one-class sample stays finite
    let total = 0;
    let positives = 0;
    for (let i = 0; i < rows.length; i++) {
      total += rowWeight(i);
      positives += rowWeight(i) * y[i]!;
    }
    const rate = Math.min(Math.max(positives / Math.max(total, 1), 1e-3), 1 - 1e-3);
    beta[columns] = Math.log(rate / (1 - rate));
  }
  let current = objective(beta);

  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const gradient = new Array<number>(size).fill(0);
    const hessian = new Float64Array(size * size);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const rw = rowWeight(i);
      const p = sigmoid(score(beta, i));
      const residual = rw * (p - y[i]!);
      const w = rw * Math.max(p * (1 - p), 1e-12);
      // the intercept acts as one more always-on feature
      const idx = [...row.index, columns];
      const val = [...row.value, 1];
      for (let a = 0; a < idx.length; a++) {
        gradient[idx[a]!] = gradient[idx[a]!]! + residual * val[a]!;
        for (let b = 0; b < idx.length; b++) hessian[idx[a]! * size + idx[b]!] = hessian[idx[a]! * size + idx[b]!]! + w * val[a]! * val[b]!;
      }
    }
    for (let j = 0; j < size; j++) {
      const penalty = j === columns ? interceptLambda : lambda;
      gradient[j] = gradient[j]! + penalty * beta[j]!;
      // the 1e-9 keeps the solve stable for columns no row uses
      hessian[j * size + j] = hessian[j * size + j]! + penalty + 1e-9;
    }
    const step = choleskySolve(hessian, gradient, size);
    const largest = Math.max(...step.map(Math.abs));
    if (largest < tolerance) {
      beta = beta.map((b, j) => b - step[j]!);
      return { intercept: beta[columns]!, weights: beta.slice(0, columns), iterations: iteration, converged: true };
    }

    // Newton step, halved until the penalised loss does not increase; when no halving lowers it, the
    // step is below what rounding can resolve and the parameters stay (moved 0: converged)
    let scale = 1;
    let moved = 0;
    for (let halving = 0; halving < 30; halving++) {
      const candidate = beta.map((b, j) => b - scale * step[j]!);
      const candidateValue = objective(candidate);
      if (candidateValue <= current + 1e-12) {
        beta = candidate;
        current = candidateValue;
        moved = scale * largest;
        break;
      }
      scale /= 2;
    }
    if (moved < tolerance) return { intercept: beta[columns]!, weights: beta.slice(0, columns), iterations: iteration, converged: true };
  }
  return { intercept: beta[columns]!, weights: beta.slice(0, columns), iterations: maxIterations, converged: false };
}
