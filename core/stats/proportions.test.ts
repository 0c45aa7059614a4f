import { describe, expect, it } from 'vitest';
import { newcombeDifferenceInterval, normalCdf, normalQuantile, twoProportionZTest, twoSidedP, wilsonInterval } from './proportions.ts';

describe('the normal distribution', () => {
  it('matches table values of the CDF and the quantile', () => {
    // standard normal tables: Φ(1.96) = 0.9750021, Φ(-3) = 0.0013499, Φ(0) = 0.5, Φ(-10) = 7.6199e-24
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 7);
    expect(normalCdf(-3)).toBeCloseTo(0.0013499, 7);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-10) / 7.6199e-24).toBeCloseTo(1, 4);
    expect(normalCdf(-40)).toBe(0); // underflows to 0, never NaN
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 6);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });

  it('gives two-sided p-values: |z| = 2.5758 -> 0.01, z = 0 -> 1', () => {
    expect(twoSidedP(2.5758293)).toBeCloseTo(0.01, 7);
    expect(twoSidedP(-1.959964)).toBeCloseTo(0.05, 7);
    expect(twoSidedP(0)).toBe(1);
  });
});

describe('Wilson score interval', () => {
  it('reproduces Newcombe (1998, single proportion, method 3)', () => {
    // 81/263: 0.2553-0.3662; 15/148: 0.0624-0.1605; 0/20: 0-0.1611; 1/29: 0.0061-0.1718
    const cases: [number, number, number, number][] = [[81, 263, 0.2553, 0.3662], [15, 148, 0.0624, 0.1605], [0, 20, 0, 0.1611], [1, 29, 0.0061, 0.1718]];
    for (const [x, n, lower, upper] of cases) {
      const ci = wilsonInterval(x, n)!;
      expect(ci.lower).toBeCloseTo(lower, 4);
      expect(ci.upper).toBeCloseTo(upper, 4);
    }
    expect(wilsonInterval(20, 20)!.upper).toBeLessThanOrEqual(1);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe('two-proportion z-test', () => {
  it('computes the pooled z and p by hand: 40/100 vs 55/100', () => {
    // pooled p = 95/200 = 0.475; SE = sqrt(0.475 * 0.525 * (1/100 + 1/100)) = sqrt(0.0049875) = 0.0706222
    // z = (0.55 - 0.40) / 0.0706222 = 2.12398; p = 2 * (1 - Φ(2.12398)) = 0.03367
    const t = twoProportionZTest({ n: 100, x: 40 }, { n: 100, x: 55 })!;
    expect(t.z).toBeCloseTo(2.12398, 5);
    expect(t.pValue).toBeCloseTo(0.03367, 5);
    // the direction follows second - first
    expect(twoProportionZTest({ n: 100, x: 55 }, { n: 100, x: 40 })!.z).toBeCloseTo(-2.12398, 5);
  });

  it('is unequal-n safe: 30/200 vs 45/150', () => {
    // pooled = 75/350 = 0.2142857; SE = sqrt(0.2142857 * 0.7857143 * (1/200 + 1/150)) = sqrt(0.16836735 * 0.01166667) = 0.0443203
    // z = (0.30 - 0.15) / 0.0443203 = 3.38445; p = 0.000713
    const t = twoProportionZTest({ n: 200, x: 30 }, { n: 150, x: 45 })!;
    expect(t.z).toBeCloseTo(3.38445, 4);
    expect(t.pValue).toBeCloseTo(0.000713, 5);
  });

  it('returns null for an empty arm and "no difference" when nobody (or everybody) succeeded', () => {
    expect(twoProportionZTest({ n: 0, x: 0 }, { n: 10, x: 3 })).toBeNull();
    expect(twoProportionZTest({ n: 10, x: 0 }, { n: 12, x: 0 })).toEqual({ z: 0, pValue: 1 });
    expect(twoProportionZTest({ n: 1, x: 1 }, { n: 1, x: 1 })).toEqual({ z: 0, pValue: 1 });
  });
});

describe('Newcombe hybrid score interval for a difference', () => {
  it('reproduces Newcombe (1998, two proportions, method 10)', () => {
    // second - first: 56/70 - 48/80 = 0.2000 -> 0.0524 to 0.3339; 9/10 - 3/10 -> 0.1705 to 0.8090;
    // 5/56 - 0/29 -> -0.0381 to 0.1926; 0/10 - 0/20 -> -0.1611 to 0.2775; 10/10 - 0/20 -> 0.6791 to 1.0000
    const cases: [number, number, number, number, number, number][] = [
      [56, 70, 48, 80, 0.0524, 0.3339],
      [9, 10, 3, 10, 0.1705, 0.809],
      [5, 56, 0, 29, -0.0381, 0.1926],
      [0, 10, 0, 20, -0.1611, 0.2775],
      [10, 10, 0, 20, 0.6791, 1],
    ];
    for (const [x2, n2, x1, n1, lower, upper] of cases) {
      const ci = newcombeDifferenceInterval({ n: n1, x: x1 }, { n: n2, x: x2 })!;
      expect(ci.lower).toBeCloseTo(lower, 4);
      expect(ci.upper).toBeCloseTo(upper, 4);
    }
    expect(newcombeDifferenceInterval({ n: 0, x: 0 }, { n: 5, x: 1 })).toBeNull();
  });

  it('narrows with the confidence level', () => {
    const ci90 = newcombeDifferenceInterval({ n: 100, x: 40 }, { n: 100, x: 55 }, 0.9)!;
    const ci95 = newcombeDifferenceInterval({ n: 100, x: 40 }, { n: 100, x: 55 })!;
    expect(ci90.lower).toBeGreaterThan(ci95.lower);
    expect(ci90.upper).toBeLessThan(ci95.upper);
    // the 95% interval of 55/100 - 40/100 excludes 0, agreeing with p = 0.034 < 0.05
    expect(ci95.lower).toBeGreaterThan(0);
  });
});
