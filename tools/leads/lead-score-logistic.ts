// L2-regularised logistic regression fitted by Newton's method (IRLS) on sparse rows.
// Deterministic: no randomness, fixed iteration order, a Cholesky solve per step.

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

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** log(1 + e^z) without overflow */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

function linear(row: SparseRow, beta: readonly number[]): number {
  let z = beta[0]!;
  for (let k = 0; k < row.idx.length; k++) z += beta[row.idx[k]! + 1]! * row.val[k]!;
  return z;
}

function objective(rows: readonly SparseRow[], y: readonly number[], beta: readonly number[], l2: number): number {
  let loss = 0;
  rows.forEach((row, i) => {
    const z = linear(row, beta);
    loss += softplus(z) - y[i]! * z; // negative log-likelihood of one row
  });
  for (let j = 1; j < beta.length; j++) loss += 0.5 * l2 * beta[j]! ** 2;
  return loss;
}

/** Solves A x = b for symmetric positive-definite A (row-major, n x n) by Cholesky. */
export function choleskySolve(a: Float64Array, b: readonly number[], n: number): number[] {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (sum <= 0) throw new Error(`matrix not positive definite at ${i}`);
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j]!;
      }
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

export function fitLogistic(rows: readonly SparseRow[], y: readonly number[], dims: number, options: LogisticOptions): LogisticFit {
  const { l2, maxIterations = 50, tolerance = 1e-8 } = options;
  const n = dims + 1; // parameter 0 is the intercept
  const positives = y.reduce((s, v) => s + v, 0);
  // start at the base rate, clamped so an all-one-class sample stays finite
  const rate = Math.min(Math.max(positives / Math.max(rows.length, 1), 1e-3), 1 - 1e-3);
  let beta = new Array<number>(n).fill(0);
  beta[0] = Math.log(rate / (1 - rate));
  let current = objective(rows, y, beta, l2);

  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const gradient = new Array<number>(n).fill(0);
    const hessian = new Float64Array(n * n);
    // typed-array and array reads are `number | undefined` under noUncheckedIndexedAccess
    const addG = (j: number, v: number) => (gradient[j] = gradient[j]! + v);
    const addH = (j: number, v: number) => (hessian[j] = hessian[j]! + v);
    rows.forEach((row, i) => {
      const p = sigmoid(linear(row, beta));
      const r = p - y[i]!;
      const w = Math.max(p * (1 - p), 1e-12);
      addG(0, r);
      addH(0, w);
      for (let a = 0; a < row.idx.length; a++) {
        const ca = row.idx[a]! + 1;
        const va = row.val[a]!;
        addG(ca, r * va);
        addH(ca * n, w * va); // intercept x feature, both halves
        addH(ca, w * va);
        for (let b = 0; b < row.idx.length; b++) addH(ca * n + row.idx[b]! + 1, w * va * row.val[b]!);
      }
    });
    for (let j = 1; j < n; j++) {
      addG(j, l2 * beta[j]!);
      addH(j * n + j, l2);
    }
    for (let j = 0; j < n; j++) addH(j * n + j, 1e-9); // keeps the solve stable for unused columns
    const step = choleskySolve(hessian, gradient, n);

    // Newton step with halving until the penalised loss does not increase
    let scale = 1;
    let next = beta;
    let value = current;
    for (let halving = 0; halving < 30; halving++) {
      const candidate = beta.map((b, j) => b - scale * step[j]!);
      const candidateValue = objective(rows, y, candidate, l2);
      if (candidateValue <= current + 1e-12) {
        next = candidate;
        value = candidateValue;
        break;
      }
      scale /= 2;
    }
    const moved = Math.max(...next.map((b, j) => Math.abs(b - beta[j]!)));
    beta = next;
    current = value;
    if (moved < tolerance) return { intercept: beta[0]!, weights: beta.slice(1), iterations: iteration, converged: true };
  }
  return { intercept: beta[0]!, weights: beta.slice(1), iterations: maxIterations, converged: false };
}
