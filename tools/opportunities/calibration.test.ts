import { describe, expect, it } from 'vitest';
import { calibrate, calibrationEffect, fitCalibrator, fitIsotonic, fitPlatt, isotonicValue, type ScoredOutcome } from './calibration.ts';
import { fitLogistic, logit, sigmoid } from './win-probability/logistic.ts';

const points = (scores: number[], won: number[]): ScoredOutcome[] => scores.map((score, i) => ({ score, won: won[i] === 1 }));

describe('isotonic calibration (pool-adjacent-violators)', () => {
  it('pools a 6-point example into the hand-computed step function', () => {
    // outcomes by score 1..6: 1 0 0 1 0 1
    // 1,2 violate (1 > 0) -> {1,2} = 1/2; then 3 (0) violates -> {1,2,3} = 1/3;
    // 4 (1) fine; 5 (0) violates -> {4,5} = 1/2, still above 1/3; 6 (1) fine.
    const fit = fitIsotonic(points([1, 2, 3, 4, 5, 6], [1, 0, 0, 1, 0, 1]));
    expect(fit.blocks.map(({ from, to, weight }) => ({ from, to, weight }))).toEqual([
      { from: 1, to: 3, weight: 3 },
      { from: 4, to: 5, weight: 2 },
      { from: 6, to: 6, weight: 1 },
    ]);
    expect(fit.blocks[0]!.value).toBeCloseTo(1 / 3, 12);
    expect(fit.blocks[1]!.value).toBe(0.5);
    expect(fit.blocks[2]!.value).toBe(1);
    // the step function: flat inside blocks and beyond the ends, linear across the gaps between blocks
    expect(isotonicValue(fit, 0)).toBeCloseTo(1 / 3, 12);
    expect(isotonicValue(fit, 2)).toBeCloseTo(1 / 3, 12);
    expect(isotonicValue(fit, 3.5)).toBeCloseTo((1 / 3 + 1 / 2) / 2, 12); // half-way from 1/3 to 1/2
    expect(isotonicValue(fit, 4.5)).toBe(0.5);
    expect(isotonicValue(fit, 5.5)).toBe(0.75);
    expect(isotonicValue(fit, 9)).toBe(1);
  });

  it('gives tied scores one value and clips with epsilon', () => {
    const fit = fitIsotonic(points([0, 0, 1, 1], [1, 0, 1, 1]), 0.01);
    expect(fit.blocks.map((b) => b.value)).toEqual([0.5, 0.99]);
    expect(calibrate(fit, 0)).toBe(0.5);
  });
});

describe('Platt scaling', () => {
  it('recovers the slope and intercept of a known logistic curve', () => {
    // 1000 rows at each score, wins exactly 1000 * sigmoid(2s + 0.5) (rounded)
    const data: ScoredOutcome[] = [];
    for (const s of [-2, -1, 0, 1, 2]) {
      const wins = Math.round(1000 * sigmoid(2 * s + 0.5));
      for (let i = 0; i < 1000; i++) data.push({ score: s, won: i < wins });
    }
    const fit = fitPlatt(data);
    expect(fit.a).toBeCloseTo(2, 2);
    expect(fit.b).toBeCloseTo(0.5, 2);
  });

  it('maps a score by hand: sigmoid(a * score + b), and reports its logit correction', () => {
    const cal = { kind: 'platt' as const, a: 2, b: -1 };
    expect(calibrate(cal, 0.5)).toBe(0.5);
    expect(calibrate(cal, 1)).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
    // logit(calibrated) - score = (2 * 1 - 1) - 1 = 0
    expect(calibrationEffect(cal, 1)).toBeCloseTo(0, 9);
    expect(calibrationEffect(cal, 2)).toBeCloseTo(3 - 2, 9);
  });

  it('never turns a ranking over: a negative slope becomes the held-out win rate', () => {
    // higher scores lost more often: the best-fitting line slopes down, the calibrator stays flat instead
    const data = points([-2, -1, -1, 0, 1, 1, 2, 2], [1, 1, 0, 1, 0, 1, 0, 0]);
    const fit = fitPlatt(data);
    expect(fit.a).toBe(0);
    expect(fit.b).toBeCloseTo(Math.log(4.5 / 4.5), 12); // (4 wins + 0.5) / (8 + 1) = 0.5
    expect(calibrate(fit, -5)).toBe(calibrate(fit, 5));
  });

  it('falls back to Platt when there are too few points for a step function', () => {
    expect(fitCalibrator('isotonic', points([1, 2, 3], [0, 1, 1])).kind).toBe('platt');
    const many = points([...Array(30).keys()], [...Array(30).keys()].map((i) => (i % 3 === 0 ? 0 : 1)));
    expect(fitCalibrator('isotonic', many).kind).toBe('isotonic');
  });
});

describe('ridge logistic regression', () => {
  it('fits an intercept-only model to the observed log-odds, net of the offset', () => {
    const rows = [0, 1, 2, 3].map(() => ({ index: [], value: [] }));
    const fit = fitLogistic(rows, [true, true, true, false], 0, [0.5, 0.5, 0.5, 0.5], { lambda: 0 });
    expect(fit.intercept + 0.5).toBeCloseTo(Math.log(3), 8); // logit(3/4) = ln 3
  });

  it('solves the penalised score equations', () => {
    const rows = [
      { index: [0], value: [1] },
      { index: [0], value: [1] },
      { index: [0, 1], value: [1, 2] },
      { index: [1], value: [-1] },
      { index: [], value: [] },
      { index: [1], value: [0.5] },
    ];
    const y = [true, false, true, false, false, true];
    const lambda = 0.7;
    const fit = fitLogistic(rows, y, 2, [], { lambda });
    const residual = rows.map((r, i) => (y[i] ? 1 : 0) - sigmoid(fit.intercept + r.index.reduce((s, c, j) => s + fit.weights[c]! * r.value[j]!, 0)));
    // d/dw_j: sum_i r_i x_ij - lambda w_j = 0; d/db: sum_i r_i = 0 (intercept unpenalised)
    for (const j of [0, 1]) {
      const g = rows.reduce((s, r, i) => s + residual[i]! * (r.value[r.index.indexOf(j)] ?? 0), 0) - lambda * fit.weights[j]!;
      expect(Math.abs(g)).toBeLessThan(1e-8);
    }
    expect(Math.abs(residual.reduce((a, b) => a + b, 0))).toBeLessThan(1e-6);
    expect(logit(0.5)).toBe(0);
  });
});
