import { describe, expect, it } from 'vitest';
import { fitCloseDateModel } from './close-dates.ts';
import { computeForecast, type ForecastDeal } from './compute.ts';
import { cycleHistory, d, DAY } from './cycle-fixture.ts';
import { fitCycleModel, undatedChance } from './undated.ts';

// Days from a fixed origin; no clock is read. Four kinds of past deal, ten of each (value 100), as of day 100,
// for a 10-day window starting at asOf (a = 0, b = 10 days):
//   h1 created 0, won 5;  h2 created 0, lost 20;  h3 created 50, won 75;  h4 created 60, still open.
// Pooled over ages 0, 7, ..., 84 (age + 10 <= 100, the oldest deal's age): samples (open at that age, window
// ended by day 100): h1 at age 0; h2 at 0, 7, 14; h3 at 0, 7, 14, 21 (won inside [71, 81) at age 21);
// h4 at 0, 7, 14, 21, 28 -> 13 samples per ten, 2 won inside: q0 = 2/13. Pseudo-value V = 20 deals x 100.
//   q(0)  = (won 1,000 + 2,000 x 2/13) / (value 4,000 + 2,000) = 17/78     (h1 won inside [0, 10))
//   q(21) = (won 1,000 + 2,000 x 2/13) / (value 2,000 + 2,000) = 17/52     (h1, h2 closed before age 21; h3 won)
const asOf = d(100);
const window = { a: 0, b: 10 * DAY };
const history = cycleHistory();

describe('undated deals placed by their age', () => {
  const model = fitCycleModel(history, asOf, window);

  it('learns the value won within an equal window by past deals of the same age', () => {
    expect(model).toMatchObject({ source: 'history', closed: 30, won: 20, pooledSamples: 130 });
    expect(model.winRate).toBeCloseTo(2 / 3, 12);
    expect(model.pooledRate).toBeCloseTo(2 / 13, 12);
    expect(undatedChance(model, d(100), null).q).toBeCloseTo(17 / 78, 12);
    expect(undatedChance(model, d(79), null)).toMatchObject({ samples: 20 });
    expect(undatedChance(model, d(79), null).q).toBeCloseTo(17 / 52, 12);
    // a stored probability scales the age's rate by p / win rate: 17/52 x 0.5 / (2/3)
    expect(undatedChance(model, d(79), 0.5).q).toBeCloseTo((17 / 52) * 0.75, 12);
  });

  it('reads nothing closed at or after asOf', () => {
    // h4 won on day 103: unknown on day 100, so the model is the same as with h4 open
    const later = history.map((h) => (h.createdAt === d(60) ? { ...h, closedAt: d(103), won: true } : h));
    const same = fitCycleModel(later, asOf, window);
    expect(undatedChance(same, d(79), null).q).toBe(undatedChance(model, d(79), null).q);
    expect(same.commonVariance).toBe(model.commonVariance);
  });

  it('needs enough closed history', () => {
    expect(fitCycleModel(history.slice(0, 12), asOf, window).source).toBe('none');
  });

  it('gives computeForecast an expectation for a deal with no expected close date, and counts it', () => {
    const deal: ForecastDeal = {
      id: 'u1', name: 'Undated', account: 'Acme', ownerId: 'o', ownerName: 'Owner', productId: null, productName: null,
      stage: 'discovery', forecastCategory: 'pipeline', valueMinor: 52_000, expectedCloseDate: null, probability: 0.4,
      probabilitySource: 'stage_win_rate', createdAt: new Date(d(79)),
    };
    const input = { period: { start: new Date(d(100)), end: new Date(d(110)) }, asOf: new Date(asOf), groupBy: 'total' as const, open: [deal], won: [], closeModel: fitCloseDateModel([]), runs: 2_000, seed: 3 };
    // without the model the deal cannot be placed (no date, no close-date history): $0
    const before = computeForecast(input);
    expect([before.total.expectedMinor, before.unplaced]).toEqual([0, 1]);
    const after = computeForecast({ ...input, cycles: model });
    // 52,000 x 17/52 = 17,000
    expect(after.total.expectedMinor).toBeCloseTo(17_000, 6);
    expect(after.byAge).toEqual({ deals: 1, valueMinor: 52_000, expectedMinor: after.total.expectedMinor, canClose: 1 });
    expect(after.unplaced).toBe(0);
    expect(after.total.contributions[0]).toMatchObject({ byAge: true, expectedInPeriod: false });
  });
});
