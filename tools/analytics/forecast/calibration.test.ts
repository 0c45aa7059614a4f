import { describe, expect, it } from 'vitest';
import type { DealTimelines } from '../../../db/repos/forecast-history.ts';
import { commonVarianceOf, conversionFor, fitConversion, positionOf } from './calibration.ts';

const DAY = 86_400_000;
const B = Date.UTC(2026, 0, 1);
const at = (day: number) => new Date(B + day * DAY);
const iso = (day: number) => at(day).toISOString().slice(0, 10);

// Cutoff day 100, window [t, t + 28 days): the latest usable instant is day 72, then every 7 days back.
// A: created day 50, proposal p 50, value 1,000, expected day 80, won day 75 at 1,200.
//    t = 51 (window 51-79: expected 80 is after it, within 60 days: next), 58, 65, 72 (in); won inside every window.
// B: created day 40, discovery p 20, value 1,000, expected day 95, still open.
//    t = 44, 51, 58, 65 (next), 72 (in: 95 < 100); never won.
// C: created day 30, qualification p 10, value 5,000, no expected date, probability edited to 30 on day 45, lost day 60.
//    t = 37, 44 (p 0.1), 51, 58 (p 0.3); t = 65 is after its close. All 'none'.
// D: in EUR (left out). E: created day 80, after the latest instant (no sample).
//   in:   4 samples, won 3 x 1,200 = 3,600, weighted 3 x 500 + 200 = 1,700   -> k = 3,600 / 1,700 = 2.1176
//   next: 5 samples, won 1,200,             weighted 500 + 4 x 200 = 1,300   -> k = 1,200 / 1,300 = 0.9231
//   none: 4 samples, won 0,                 weighted 2 x 500 + 2 x 1,500 = 4,000 -> k = 0
//   all: 13 samples, won 4,800, weighted 7,000 -> k = 0.6857
const timelines: DealTimelines = {
  deals: [
    { id: 'A', createdAt: at(50), closedAt: at(75), outcome: 'won', valueMinor: 1_200, currency: 'USD' },
    { id: 'B', createdAt: at(40), closedAt: null, outcome: null, valueMinor: 1_000, currency: 'USD' },
    { id: 'C', createdAt: at(30), closedAt: at(60), outcome: 'lost', valueMinor: 5_000, currency: 'USD' },
    { id: 'D', createdAt: at(30), closedAt: null, outcome: null, valueMinor: 9_000, currency: 'EUR' },
    { id: 'E', createdAt: at(80), closedAt: null, outcome: null, valueMinor: 9_000, currency: 'USD' },
  ],
  stageChanges: [
    { opportunityId: 'A', toStage: 'proposal', probability: 50, valueMinor: 1_000, expectedCloseDate: iso(80), changedAt: at(50) },
    { opportunityId: 'B', toStage: 'discovery', probability: 20, valueMinor: 1_000, expectedCloseDate: iso(95), changedAt: at(40) },
    { opportunityId: 'C', toStage: 'qualification', probability: 10, valueMinor: 5_000, expectedCloseDate: null, changedAt: at(30) },
    { opportunityId: 'D', toStage: 'proposal', probability: 50, valueMinor: 9_000, expectedCloseDate: iso(90), changedAt: at(30) },
    { opportunityId: 'E', toStage: 'proposal', probability: 50, valueMinor: 9_000, expectedCloseDate: iso(90), changedAt: at(80) },
  ],
  fieldChanges: [{ opportunityId: 'C', field: 'probability', newValue: 30, changedAt: at(45) }],
};

const fit = (minStates: number) =>
  fitConversion({
    timelines,
    cutoff: at(100).getTime(),
    window: { a: 0, b: 28 * DAY },
    currency: 'usd',
    probabilityOf: (s) => (s.probability === null ? null : s.probability / 100),
    minStates,
  });

describe('conversion calibration', () => {
  it('learns won-inside-the-window per unit of probability-weighted value, by where the expected date sat', () => {
    const model = fit(4);
    expect(model.source).toBe('history');
    expect(model.rates.in).toMatchObject({ states: 4, wonMinor: 3_600, weightedMinor: 1_700 });
    expect(model.rates.in.k).toBeCloseTo(3_600 / 1_700, 10);
    expect(model.rates.next).toMatchObject({ states: 5, wonMinor: 1_200, weightedMinor: 1_300 });
    expect(model.rates.next.k).toBeCloseTo(1_200 / 1_300, 10);
    expect(model.rates.none).toMatchObject({ states: 4, wonMinor: 0, weightedMinor: 4_000, k: 0 });
    expect(model.rates.before).toMatchObject({ states: 0, k: null });
    expect(model.pooled).toMatchObject({ states: 13, wonMinor: 4_800, weightedMinor: 7_000 });
    expect(model.pooled.k).toBeCloseTo(4_800 / 7_000, 10);
  });

  it('uses the pooled k for a group with too few samples, and none at all without enough history', () => {
    const model = fit(5); // 'in' has 4 samples now too few
    const from = at(100).getTime();
    const to = from + 28 * DAY;
    expect(conversionFor(model, iso(110), from, to)).toBeCloseTo(4_800 / 7_000, 10);
    expect(conversionFor(model, iso(140), from, to)).toBeCloseTo(1_200 / 1_300, 10); // next (5 samples)
    expect(conversionFor(model, iso(300), from, to)).toBeCloseTo(4_800 / 7_000, 10); // later: no samples
    expect(fit(14).source).toBe('none');
    expect(conversionFor(fit(14), iso(110), from, to)).toBeNull();
  });

  it('places an expected date relative to the window', () => {
    expect(positionOf(null, 10, 20)).toBe('none');
    expect(positionOf(9, 10, 20)).toBe('before');
    expect(positionOf(10, 10, 20)).toBe('in');
    expect(positionOf(20, 10, 20)).toBe('next');
    expect(positionOf(20 + 60 * DAY, 10, 20)).toBe('later');
  });

  it('measures the common variance that independent deals do not explain', () => {
    // Two instants, each two deals of 100 with pi = 0.5: mu = 100, independent variance 2 x 100^2 x 0.25 = 5,000.
    // Won 200 at the first, 0 at the second: squared misses 10,000 each, excess 5,000 each.
    // tau^2 = (5,000 + 5,000) / (100^2 + 100^2) = 0.5
    const deal = (t: number, won: number) => ({ t, p: 0.5, valueMinor: 100, wonMinor: won });
    const { variance, instants } = commonVarianceOf([deal(1, 100), deal(1, 100), deal(2, 0), deal(2, 0)], () => 1);
    expect(instants).toBe(2);
    expect(variance).toBeCloseTo(0.5, 10);
    // misses no wider than independence: 0, never negative
    expect(commonVarianceOf([deal(1, 100), deal(1, 0)], () => 1).variance).toBe(0);
    expect(commonVarianceOf([], () => 1)).toEqual({ variance: 0, instants: 0 });
  });
});
