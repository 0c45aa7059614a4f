import { describe, expect, it } from 'vitest';
import { logit } from './logistic.ts';
import { fitReplayCalibrator } from './replay-calibration.ts';

const points = (score: number, wins: number, losses: number) => [
  ...Array.from({ length: wins }, () => ({ score, won: true })),
  ...Array.from({ length: losses }, () => ({ score, won: false })),
];

describe('the replay calibration map', () => {
  it('passes through the replayed win rates when two scores carry all the points and there is no ridge', () => {
    // score 0: 1 of 4 won; score 2: 3 of 4 won. Two free parameters, two rates: a*0 + b = logit(1/4) = -ln 3,
    // a*2 + b = logit(3/4) = ln 3, so a = ln 3 and b = -ln 3
    const map = fitReplayCalibrator([...points(0, 1, 3), ...points(2, 3, 1)], { lambda: 1e-9, minPoints: 1 });
    expect(map.a).toBeCloseTo(Math.log(3), 5);
    expect(map.b).toBeCloseTo(-Math.log(3), 5);
  });

  it('shrinks toward the identity, not toward the base rate', () => {
    // the same replay with an overwhelming ridge keeps the model's own logits
    const map = fitReplayCalibrator([...points(0, 1, 3), ...points(2, 3, 1)], { lambda: 1e9, minPoints: 1 });
    expect(map.a).toBeCloseTo(1, 6);
    expect(map.b).toBeCloseTo(0, 6);
  });

  it('pulls over-confident scores in: predicted 0.1 / 0.9, observed 0.25 / 0.75', () => {
    const z = logit(0.9);
    const map = fitReplayCalibrator([...points(-z, 10, 30), ...points(z, 30, 10)], { lambda: 1e-9, minPoints: 1 });
    // a * z = logit(0.75) = ln 3, symmetric so b = 0
    expect(map.a).toBeCloseTo(Math.log(3) / z, 5);
    expect(map.b).toBeCloseTo(0, 5);
  });

  it('stays the identity with too few points or one class, and never turns the ranking over', () => {
    expect(fitReplayCalibrator(points(1, 5, 5), { minPoints: 60 })).toEqual({ kind: 'platt', a: 1, b: 0 });
    expect(fitReplayCalibrator(points(1, 70, 0))).toEqual({ kind: 'platt', a: 1, b: 0 });
    // higher scores lose more: slope 0 and the smoothed replayed rate, (40 + 0.5) / (80 + 1)
    const reversed = fitReplayCalibrator([...points(-1, 30, 10), ...points(1, 10, 30)], { lambda: 1e-9, minPoints: 1 });
    expect(reversed.a).toBe(0);
    expect(reversed.b).toBeCloseTo(logit(40.5 / 81), 12);
  });
});
