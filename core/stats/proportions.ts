// Inference for proportions: the normal distribution, the Wilson score interval for one proportion,
// the pooled two-proportion z-test and Newcombe's hybrid score interval for a difference of two
// proportions. Pure math; every function returns null (never NaN) when the data cannot answer.

/**
 * Complementary error function, erfc(x), by the Chebyshev fit of Numerical Recipes (erfcc):
 * fractional error below 1.2e-7 everywhere, so tail probabilities keep their relative accuracy.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z - 1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
    t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(poly);
  return x >= 0 ? r : 2 - r;
}

/** P(Z <= z) for a standard normal Z. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** P(|Z| >= |z|): the two-sided p-value of a z statistic. */
export function twoSidedP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

// Acklam's rational approximation of the normal quantile (relative error below 1.2e-9).
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

const horner = (coefficients: readonly number[], x: number) => coefficients.reduce((acc, c) => acc * x + c, 0);

/** The z with P(Z <= z) = p, for 0 < p < 1 (e.g. 0.975 -> 1.95996). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return horner(C, q) / (horner(D, q) * q + 1);
  }
  if (p > 1 - P_LOW) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (horner(A, r) * q) / (horner(B, r) * r + 1);
}

export interface Interval {
  lower: number;
  upper: number;
}

const zFor = (confidence: number) => normalQuantile(1 - (1 - confidence) / 2);

/** Wilson score interval (no continuity correction) for x successes in n trials; null when n = 0. */
export function wilsonInterval(x: number, n: number, confidence = 0.95): Interval | null {
  if (n <= 0) return null;
  const z = zFor(confidence);
  const p = x / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denominator = 1 + z2 / n;
  return { lower: Math.max(0, (centre - half) / denominator), upper: Math.min(1, (centre + half) / denominator) };
}

export interface Arm {
  /** trials (e.g. delivered emails) */
  n: number;
  /** successes (e.g. opened) */
  x: number;
}

export interface ZTest {
  /** (p2 - p1) / pooled standard error */
  z: number;
  /** two-sided */
  pValue: number;
}

/**
 * Pooled two-proportion z-test of H0: p1 = p2. Null when either arm is empty. When the pooled rate is
 * 0 or 1 both arms agree exactly (all failures or all successes): z = 0 and p = 1, no evidence of a difference.
 */
export function twoProportionZTest(first: Arm, second: Arm): ZTest | null {
  if (first.n <= 0 || second.n <= 0) return null;
  const p1 = first.x / first.n;
  const p2 = second.x / second.n;
  const pooled = (first.x + second.x) / (first.n + second.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / first.n + 1 / second.n));
  if (se === 0) return { z: 0, pValue: 1 };
  const z = (p2 - p1) / se;
  return { z, pValue: twoSidedP(z) };
}

/**
 * Newcombe's hybrid score interval (1998, method 10) for p2 - p1, built from each arm's Wilson interval.
 * Unlike the Wald interval it stays inside [-1, 1] and behaves with zero counts. Null when either arm is empty.
 */
export function newcombeDifferenceInterval(first: Arm, second: Arm, confidence = 0.95): Interval | null {
  const w1 = wilsonInterval(first.x, first.n, confidence);
  const w2 = wilsonInterval(second.x, second.n, confidence);
  if (!w1 || !w2) return null;
  const p1 = first.x / first.n;
  const p2 = second.x / second.n;
  const d = p2 - p1;
  return {
    lower: d - Math.sqrt((p2 - w2.lower) ** 2 + (w1.upper - p1) ** 2),
    upper: d + Math.sqrt((w2.upper - p2) ** 2 + (p1 - w1.lower) ** 2),
  };
}
