import { describe, expect, it } from 'vitest';
import { closeChance, quantilesOf, simulate, sumRuns } from './monte-carlo.ts';

const window = { from: 1_000, to: 2_000 };
const inside = [1_500];

describe('Monte Carlo over deals', () => {
  // Two deals with fixed close dates inside the window: a = 100 won with p 0.6, b = 300 won with p 0.3.
  // P(total = 0)     = 0.4 x 0.7 = 0.28
  // P(total = a=100) = 0.6 x 0.7 = 0.42   cumulative 0.70
  // P(total = b=300) = 0.4 x 0.3 = 0.12   cumulative 0.82
  // P(total = 400)   = 0.6 x 0.3 = 0.18   cumulative 1.00
  // P10 lies in the 0 plateau (0-0.28), P50 in the 100 plateau (0.28-0.70), P90 in the 400 plateau (0.82-1):
  // far from every edge at 10,000 runs (a cumulative share's standard error is under 0.005).
  const deals = [
    { p: 0.6, valueMinor: 100, group: 0, closes: inside },
    { p: 0.3, valueMinor: 300, group: 0, closes: inside },
  ];

  it('lands exactly on the plateau values of a two-deal case', () => {
    const [runs] = simulate({ deals, groups: 1, runs: 10_000, seed: 7, window });
    const q = quantilesOf(runs!);
    expect([q.p10, q.p50, q.p90]).toEqual([0, 100, 400]);
    // mean = 0.6 x 100 + 0.3 x 300 = 150, within sampling error
    expect(q.mean).toBeGreaterThan(145);
    expect(q.mean).toBeLessThan(155);
  });

  it('adds the base (revenue already won) to every run', () => {
    const [runs] = simulate({ deals, groups: 1, runs: 10_000, seed: 7, window, base: [1_000] });
    const q = quantilesOf(runs!);
    expect([q.p10, q.p50, q.p90]).toEqual([1_000, 1_100, 1_400]);
  });

  it('repeats exactly from the same seed, and differs with another', () => {
    const a = simulate({ deals, groups: 1, runs: 500, seed: 11, window })[0]!;
    const b = simulate({ deals, groups: 1, runs: 500, seed: 11, window })[0]!;
    const c = simulate({ deals, groups: 1, runs: 500, seed: 12, window })[0]!;
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(c)).not.toEqual(Array.from(a));
  });

  it('counts a won deal only when its drawn close date falls in the window', () => {
    // closes: 2 of 4 candidates inside [1000, 2000): q = 0.5; with p = 1 the deal lands in about half the runs
    const closes = [500, 1_200, 1_800, 2_500];
    expect(closeChance(closes, window.from, window.to)).toBe(0.5);
    const [runs] = simulate({ deals: [{ p: 1, valueMinor: 10, group: 0, closes }], groups: 1, runs: 10_000, seed: 3, window });
    const landed = Array.from(runs!).filter((v) => v === 10).length;
    expect(landed).toBeGreaterThan(4_800);
    expect(landed).toBeLessThan(5_200);
    // never inside: never counted
    const [never] = simulate({ deals: [{ p: 1, valueMinor: 10, group: 0, closes: [2_000, 3_000] }], groups: 1, runs: 100, seed: 3, window });
    expect(Array.from(never!).every((v) => v === 0)).toBe(true);
  });

  it('keeps groups apart and sums them into the total run by run', () => {
    const grouped = simulate({ deals: [{ ...deals[0]!, group: 0 }, { ...deals[1]!, group: 1 }], groups: 2, runs: 10_000, seed: 7, window });
    // group 0 alone: 0 (0.4) or 100 (0.6) -> P10 0, P50 100, P90 100; group 1: 0 (0.7) or 300 -> P10 0, P50 0, P90 300
    expect([quantilesOf(grouped[0]!).p50, quantilesOf(grouped[0]!).p90]).toEqual([100, 100]);
    expect([quantilesOf(grouped[1]!).p50, quantilesOf(grouped[1]!).p90]).toEqual([0, 300]);
    const total = quantilesOf(sumRuns(grouped, 10_000));
    expect([total.p10, total.p50, total.p90]).toEqual([0, 100, 400]);
  });

  it('gives zeros, never NaN, with no deals or no runs to summarise', () => {
    const [runs] = simulate({ deals: [], groups: 1, runs: 100, seed: 1, window });
    expect(quantilesOf(runs!)).toEqual({ p10: 0, p50: 0, p90: 0, mean: 0 });
    expect(quantilesOf(new Float64Array(0))).toEqual({ p10: 0, p50: 0, p90: 0, mean: 0 });
    expect(closeChance([], 0, 1)).toBe(0);
  });

  it('widens the spread, not the mean, with a common factor', () => {
    const many = Array.from({ length: 50 }, () => ({ p: 0.5, valueMinor: 100, group: 0, closes: inside }));
    const independent = quantilesOf(simulate({ deals: many, groups: 1, runs: 10_000, seed: 5, window })[0]!);
    const common = quantilesOf(simulate({ deals: many, groups: 1, runs: 10_000, seed: 5, window, commonVariance: 0.09 })[0]!);
    // mean 50 x 0.5 x 100 = 2,500 either way; independent sd = sqrt(50 x 0.25) x 100 = 354, common adds 0.3 x 2,500 = 750
    expect(Math.abs(independent.mean - 2_500)).toBeLessThan(30);
    expect(Math.abs(common.mean - 2_500)).toBeLessThan(60);
    expect(common.p90 - common.p10).toBeGreaterThan(1.8 * (independent.p90 - independent.p10));
  });

  it('rejects a bad run count or group index', () => {
    expect(() => simulate({ deals, groups: 1, runs: 0, seed: 1, window })).toThrow(/runs must be a positive integer/);
    expect(() => simulate({ deals: [{ ...deals[0]!, group: 3 }], groups: 1, runs: 10, seed: 1, window })).toThrow(/group 3 outside/);
  });
});
