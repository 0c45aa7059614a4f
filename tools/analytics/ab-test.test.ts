import { describe, expect, it } from 'vitest';
import { compareArms, formatP } from './ab-test.ts';

describe('compareArms', () => {
  it('names B the winner of 40/100 vs 55/100 with lift, z, p and the Newcombe interval', () => {
    // rates 40.0% and 55.0%: lift 15 points, relative 15 / 40 = 37.5%
    // pooled 95/200 = 0.475, SE = sqrt(0.475 * 0.525 * 0.02) = 0.0706222, z = 0.15 / 0.0706222 = 2.124, p = 0.03367
    // Wilson 95%: A 0.3094-0.4980, B 0.4524-0.6438 -> B - A: 0.15 - sqrt(0.0976^2 + 0.0980^2) = 0.0117,
    //                                                       0.15 + sqrt(0.0938^2 + 0.0906^2) = 0.2804 -> 1.2 to 28.0 points
    const v = compareArms({ label: 'statement', n: 100, x: 40 }, { label: 'question', n: 100, x: 55 });
    expect(v).toEqual({
      rateA: 40, rateB: 55, liftPoints: 15, relativeLiftPct: 37.5, z: 2.124, pValue: 0.03367,
      confidenceInterval: { lowerPoints: 1.2, upperPoints: 28, level: 0.95, method: 'newcombe_hybrid_score' },
      significant: true, winner: 'B', verdict: 'B (question) wins: 55.0% vs 40.0%, p = 0.034',
    });
  });

  it('names A when A is significantly better', () => {
    // 60/200 vs 30/200: pooled 90/400 = 0.225, SE = sqrt(0.225 * 0.775 * 0.01) = 0.041758, z = -0.15 / 0.041758 = -3.592, p = 0.000328
    const v = compareArms({ label: 'A', n: 200, x: 60 }, { label: 'B', n: 200, x: 30 });
    expect([v.z, v.pValue, v.liftPoints, v.relativeLiftPct, v.winner]).toEqual([-3.592, 0.000328, -15, -50, 'A']);
    expect(v.verdict).toBe('A (A) wins: 30.0% vs 15.0%, p < 0.001');
  });

  it('says "no significant difference" when p >= 0.05', () => {
    // 10/50 vs 14/50: pooled 0.24, SE = sqrt(0.24 * 0.76 * 0.04) = 0.085417, z = 0.08 / 0.085417 = 0.937, p = 0.349
    const v = compareArms({ label: 'A', n: 50, x: 10 }, { label: 'B', n: 50, x: 14 });
    expect([v.z, v.pValue, v.significant, v.winner]).toEqual([0.937, 0.349, false, null]);
    expect(v.verdict).toBe('no significant difference (p = 0.349, needs p < 0.05)');
    expect(v.confidenceInterval!.lowerPoints).toBeLessThan(0);
  });

  it('survives zero successes, single trials and empty arms without NaN', () => {
    const none = compareArms({ label: 'A', n: 10, x: 0 }, { label: 'B', n: 12, x: 0 });
    expect([none.rateA, none.rateB, none.liftPoints, none.relativeLiftPct, none.z, none.pValue, none.winner]).toEqual([0, 0, 0, null, 0, 1, null]);
    const single = compareArms({ label: 'A', n: 1, x: 0 }, { label: 'B', n: 1, x: 1 });
    // 0/1 vs 1/1: pooled 0.5, SE = sqrt(0.25 * 2) = 0.7071, z = 1.414, p = 0.1573: one email each proves nothing
    expect([single.z, single.pValue, single.winner]).toEqual([1.414, 0.1573, null]);
    const empty = compareArms({ label: 'A', n: 0, x: 0 }, { label: 'B', n: 3, x: 1 });
    expect(empty).toMatchObject({ rateA: null, rateB: 33.3, liftPoints: null, z: null, pValue: null, confidenceInterval: null, significant: false, winner: null });
    expect(empty.verdict).toBe('not enough data: A has 0 and B has 3 trials');
    for (const v of [none, single, empty]) expect(JSON.stringify(v)).not.toMatch(/NaN|Infinity/);
  });

  it('formats p-values', () => {
    expect([formatP(0.0004), formatP(0.0336), formatP(1)]).toEqual(['p < 0.001', 'p = 0.034', 'p = 1.000']);
  });
});
