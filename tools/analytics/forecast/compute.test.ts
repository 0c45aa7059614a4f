import { describe, expect, it } from 'vitest';
import type { ConversionModel, ConversionRate } from './calibration.ts';
import { fitCloseDateModel } from './close-dates.ts';
import { computeForecast, type ForecastDeal } from './compute.ts';

const period = { start: new Date('2026-06-01T00:00:00Z'), end: new Date('2026-07-01T00:00:00Z') };
const asOf = new Date('2026-06-01T00:00:00Z');
const deal = (id: string, extra: Partial<ForecastDeal>): ForecastDeal => ({
  id, name: id, account: 'Acme', ownerId: 'u1', ownerName: 'Anna', productId: null, productName: null, stage: 'proposal',
  forecastCategory: 'best_case', valueMinor: 1_000, expectedCloseDate: '2026-06-10', probability: 0.5, probabilitySource: 'stored', ...extra,
});
const rate = (k: number | null): ConversionRate => ({ k, states: 100, wonMinor: 0, weightedMinor: 0 });
const conversion = (rates: Partial<Record<keyof ConversionModel['rates'], number>>): ConversionModel => ({
  source: 'history',
  window: { a: 0, b: 30 * 86_400_000 },
  rates: { before: rate(rates.before ?? null), in: rate(rates.in ?? null), next: rate(rates.next ?? null), later: rate(rates.later ?? null), none: rate(rates.none ?? null) },
  pooled: rate(0.1),
  commonVariance: 0,
  instants: 10,
});

describe('computeForecast with the calibrated close-date treatment', () => {
  // D1: p 0.5, 1,000, expected in June (k in = 0.5)        -> won inside June with 0.25, close chance 0.25 / 0.5 = 50%
  // D2: p 0.8, 2,000, expected 2026-07-15 (k next = 0.25) -> 0.2, close chance 25%
  // D3: p 0.6, 4,000, no date (k none unset -> pooled 0.1)  -> 0.06
  // expected = 0.25 x 1,000 + 0.2 x 2,000 + 0.06 x 4,000 = 250 + 400 + 240 = 890
  // weighted counts only deals expected in June: 1,000 x 0.5 = 500; commit (stage rule: negotiation) = D1 only = 1,000
  // Simulated: D3 lost (0.94): 0 (0.75 x 0.8 x 0.94 = 0.564), 1,000 (0.188, cum 0.752), 2,000 (0.141, cum 0.893), 3,000 (0.047, cum 0.94)
  //            D3 won (0.06) adds 4,000 to each: 4,000 from cum 0.94 on. P10 = 0, P50 = 0, P90 = 3,000 (0.893-0.94: too close to call), so P90 is not asserted.
  const deals = [
    deal('D1', { stage: 'negotiation', forecastCategory: 'commit' }),
    deal('D2', { probability: 0.8, valueMinor: 2_000, expectedCloseDate: '2026-07-15' }),
    deal('D3', { probability: 0.6, valueMinor: 4_000, expectedCloseDate: null }),
  ];
  const result = computeForecast({
    period, asOf, groupBy: 'total', open: deals, won: [], closeModel: fitCloseDateModel([]), conversion: conversion({ in: 0.5, next: 0.25 }),
    runs: 10_000, seed: 3, isCommit: (d) => d.stage === 'negotiation',
  });

  it('weights each deal by min(1, p x k) of where its expected date sits', () => {
    const t = result.total;
    expect(t.expectedMinor).toBeCloseTo(890, 9);
    expect([t.weightedMinor, t.commitMinor, t.commitDeals, t.expectedDeals, t.simulatedDeals]).toEqual([500, 1_000, 1, 1, 3]);
    const chance = Object.fromEntries(t.contributions.map((c) => [c.deal.id, [c.closeChance, c.contributionMinor]]));
    expect(chance.D1).toEqual([0.5, 250]);
    expect(chance.D2![0]).toBeCloseTo(0.25, 12);
    expect(chance.D2![1]).toBeCloseTo(400, 9);
    expect(chance.D3![0]).toBeCloseTo(0.1, 12);
    expect([t.p10Minor, t.p50Minor]).toEqual([0, 0]);
    expect(result.unplaced).toBe(0);
  });

  it('caps the chance at 1 and leaves out a deal with no probability', () => {
    const capped = computeForecast({
      period, asOf, groupBy: 'total', open: [deal('D1', { probability: 0.8 }), deal('D4', { probability: null, probabilitySource: 'none' })], won: [],
      closeModel: fitCloseDateModel([]), conversion: conversion({ in: 2 }), runs: 1_000, seed: 1,
    });
    // 0.8 x 2 = 1.6 -> 1: always won inside June
    expect([capped.total.expectedMinor, capped.total.p10Minor, capped.total.p90Minor]).toEqual([1_000, 1_000, 1_000]);
    expect(capped.unplaced).toBe(1);
    expect(capped.probabilitySources).toEqual({ stored: 1, stage_win_rate: 0, model: 0, none: 1 });
  });

  it('forecasts an ended period as what was won in it', () => {
    const ended = computeForecast({
      period, asOf: new Date('2026-07-05T00:00:00Z'), groupBy: 'rep', open: deals,
      won: [{ id: 'W', name: 'W', account: 'Acme', ownerId: 'u1', ownerName: 'Anna', productId: null, productName: null, valueMinor: 700, closedAt: new Date('2026-06-12T00:00:00Z') }],
      closeModel: fitCloseDateModel([]), runs: 1_000, seed: 1,
    });
    expect([ended.total.wonMinor, ended.total.expectedMinor, ended.total.p10Minor, ended.total.p50Minor, ended.total.p90Minor]).toEqual([700, 700, 700, 700, 700]);
    expect(ended.groups.map((g) => g.label)).toEqual(['Anna']);
  });
});
