import { describe, expect, it } from 'vitest';
import { choleskySolve, fitLogistic, linearScore, logit, sigmoid, type SparseRow } from './logistic.ts';

const x = (...value: number[]): SparseRow => ({ index: value.map((_, j) => j), value });

/** The penalised loss's gradient at the fit: every entry is 0 at the optimum. */
function gradient(rows: SparseRow[], y: number[], fit: { intercept: number; weights: number[] }, lambda: number, interceptLambda = 0, offsets: number[] = []) {
  const residual = rows.map((r, i) => sigmoid(linearScore(fit, r, offsets[i] ?? 0)) - y[i]!);
  const weights = fit.weights.map((w, j) => rows.reduce((s, r, i) => s + residual[i]! * (r.value[r.index.indexOf(j)] ?? 0), 0) + lambda * w);
  return { weights, intercept: residual.reduce((a, b) => a + b, 0) + interceptLambda * fit.intercept };
}

describe('ridge logistic regression (Newton / IRLS)', () => {
  it('fits a separable 4-point set to the hand-computed penalised optimum', () => {
    // x = 1, 1, -1, -1 with y = 1, 1, 0, 0. By symmetry b = 0, and dL/dw = 0 reads
    // 2(1 - s(w)) + 2 s(-w) = 4 s(-w) = lambda * w. With lambda = 1 / ln 3 it holds at w = ln 3:
    // s(-ln 3) = 1 / (1 + 3) = 1/4, so 4 * 1/4 = 1 = (1 / ln 3) * ln 3. Every prediction is 3/4 right.
    const rows = [x(1), x(1), x(-1), x(-1)];
    const fit = fitLogistic(rows, [1, 1, 0, 0], 1, { lambda: 1 / Math.log(3) });
    expect(fit.converged).toBe(true);
    expect(fit.weights[0]).toBeCloseTo(Math.log(3), 10);
    expect(fit.intercept).toBeCloseTo(0, 10);
    expect(sigmoid(linearScore(fit, x(1)))).toBeCloseTo(0.75, 10);
  });

  it('fits an asymmetric 4-point set: gradient of the penalised loss ~0, labels as booleans or numbers', () => {
    // x = 0, 1, 2, 3 with y = 0, 1, 0, 1 and lambda = 0.5: no closed form; the optimum is where
    // sum_i (p_i - y_i) x_i + 0.5 w = 0 and sum_i (p_i - y_i) = 0 (unpenalised intercept)
    const rows = [x(0), x(1), x(2), x(3)];
    const y = [0, 1, 0, 1];
    const fit = fitLogistic(rows, y, 1, { lambda: 0.5 });
    const g = gradient(rows, y, fit, 0.5);
    expect(Math.abs(g.weights[0]!)).toBeLessThan(1e-9);
    expect(Math.abs(g.intercept)).toBeLessThan(1e-9);
    expect(fit.weights[0]).toBeGreaterThan(0); // the 1s sit at the larger x
    const asBooleans = fitLogistic(rows, y.map((v) => v === 1), 1, { lambda: 0.5 });
    expect(asBooleans).toEqual(fit);
  });

  it('is deterministic and converges to the same optimum every time', () => {
    const rows = [x(1, 0), x(0, 1), x(1, 1), x(0, 0), x(2, -1)];
    const y = [1, 0, 1, 0, 1];
    expect(fitLogistic(rows, y, 2, { lambda: 0.3 })).toEqual(fitLogistic(rows, y, 2, { lambda: 0.3 }));
  });

  it('fits an intercept-only model to the observed log-odds, net of the offset', () => {
    // 3 of 4 won: logit(3/4) = ln 3 = offset + intercept
    const rows = [0, 1, 2, 3].map(() => x());
    const fit = fitLogistic(rows, [true, true, true, false], 0, { lambda: 0, offsets: [0.5, 0.5, 0.5, 0.5] });
    expect(fit.intercept + 0.5).toBeCloseTo(Math.log(3), 10);
    expect(fit.weights).toEqual([]);
  });

  it('treats a row of weight 2 as the row twice', () => {
    const once = fitLogistic([x(1), x(-1), x(0.5)], [1, 0, 0], 1, { lambda: 0.2, rowWeights: [2, 1, 1] });
    const twice = fitLogistic([x(1), x(1), x(-1), x(0.5)], [1, 1, 0, 0], 1, { lambda: 0.2 });
    expect(once.weights[0]).toBeCloseTo(twice.weights[0]!, 9);
    expect(once.intercept).toBeCloseTo(twice.intercept, 9);
  });

  it('penalises the intercept when asked: an all-one-class sample stays finite', () => {
    // all 3 positive, no features: dL/db = 3 (s(b) - 1) + 1 * b = 0 -> b * (1 + e^b) = 3 at b ~ 1.0;
    // check the equation rather than the number
    const fit = fitLogistic([x(), x(), x()], [1, 1, 1], 0, { lambda: 0, interceptLambda: 1, offsets: [] });
    expect(Number.isFinite(fit.intercept)).toBe(true);
    expect(Math.abs(3 * (sigmoid(fit.intercept) - 1) + fit.intercept)).toBeLessThan(1e-9);
  });

  it('starts an offset-free empty fit at the clamped base rate and one with offsets at 0', () => {
    // no rows: nothing moves the start; base rate 0 is clamped to 1e-3 -> logit(0.001)
    expect(fitLogistic([], [], 0, { lambda: 1 }).intercept).toBeCloseTo(Math.log(0.001 / 0.999), 12);
    expect(fitLogistic([], [], 0, { lambda: 1, offsets: [] }).intercept).toBe(0);
  });

  it('scores rows, ignoring columns the fit does not know', () => {
    // 0.5 + 0.25 + 2 * 1 + 3 * (unknown column 5 -> 0) = 2.75
    expect(linearScore({ intercept: 0.5, weights: [2] }, { index: [0, 5], value: [1, 3] }, 0.25)).toBe(2.75);
    expect(logit(0.5)).toBe(0);
    expect(logit(0)).toBeCloseTo(Math.log(1e-6 / (1 - 1e-6)), 12);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
  });

  it('solves a symmetric positive-definite system by Cholesky', () => {
    // [[4, 2], [2, 3]] x = [2, 1]: det 8, x = [(2*3 - 2*1) / 8, (4*1 - 2*2) / 8] = [0.5, 0]
    const solved = choleskySolve(new Float64Array([4, 2, 2, 3]), [2, 1], 2);
    expect(solved[0]).toBeCloseTo(0.5, 12);
    expect(solved[1]).toBeCloseTo(0, 12);
  });
});
