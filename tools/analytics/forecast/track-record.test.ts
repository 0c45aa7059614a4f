import { describe, expect, it } from 'vitest';
import { periodAt } from '../period.ts';
import { fitCloseDateModel } from './close-dates.ts';
import { computeForecast, type ForecastDeal } from './compute.ts';
import { mostlyUndated } from './estimates.ts';
import { blendQuantiles, fitTrackRecord, pipelineExpectationAt, summarizeTrack, t90, trackOrigins, trailingRunRate, type TrackOrigin } from './track-record.ts';
import { cycleHistory, d, DAY } from './cycle-fixture.ts';

// Days from a fixed origin; no clock is read.

describe('trailing run rate', () => {
  const won = [
    { closedAt: d(95), valueMinor: 50 },
    { closedAt: d(90), valueMinor: 10 }, // [90, 100)
    { closedAt: d(89), valueMinor: 30 }, // [80, 90)
    { closedAt: d(70), valueMinor: 60 }, // [70, 80)
    { closedAt: d(100), valueMinor: 999 }, // at the instant itself: not before it
  ];
  it('is revenue won per window over the three windows before the instant', () => {
    // (60 + 30 + 60) / 3
    expect(trailingRunRate(won, d(100), 10 * DAY, -Infinity)).toBeCloseTo(50, 12);
  });
  it('leaves out windows that start before the store\'s first close', () => {
    // [70, 80) starts before day 75: (60 + 30) / 2
    expect(trailingRunRate(won, d(100), 10 * DAY, d(75))).toBeCloseTo(45, 12);
    expect(trailingRunRate(won, d(100), 10 * DAY, d(95))).toBeNull();
  });
});

describe('track-record origins', () => {
  it('takes the same instant of each of the six periods before, for windows that have ended', () => {
    const june = periodAt('month', 2026, 5);
    const asOf = Date.parse('2026-06-01T00:00:00Z');
    const origins = trackOrigins(june, asOf);
    expect(origins.map((o) => new Date(o.t).toISOString().slice(0, 10))).toEqual(['2026-05-01', '2026-04-01', '2026-03-01', '2026-02-01', '2026-01-01', '2025-12-01']);
    expect(origins[0]).toMatchObject({ a: 0, b: 31 * DAY }); // May
    expect(origins[3]).toMatchObject({ a: 0, b: 28 * DAY }); // February
  });
  it('keeps the offset into the period: mid-period, and for a period that has not started', () => {
    const june = periodAt('month', 2026, 5);
    const mid = Date.parse('2026-06-15T12:00:00Z');
    // May 15 12:00 -> [May 15 12:00, June 1): 16.5 days
    expect(trackOrigins(june, mid, 1)).toEqual([{ t: Date.parse('2026-05-15T12:00:00Z'), a: 0, b: 16.5 * DAY }]);
    // July as of June 15 12:00 (15.5 days before it): June's window has not ended; May's is [May 1, June 1) seen from April 15 12:00
    const july = periodAt('month', 2026, 6);
    expect(trackOrigins(july, mid, 2)).toEqual([{ t: Date.parse('2026-04-15T12:00:00Z'), a: 15.5 * DAY, b: 46.5 * DAY }]);
  });
});

describe('the blend and its interval', () => {
  // four origins, actual 100 each. Pipeline 110, 90, 120, 80: relative errors +-0.1, +-0.2, MSE 0.025.
  // Run rate 100, 100, 130, 70: errors 0, 0, +-0.3, MSE 0.045. Pooled 0.035; shrunk with 2 pseudo-origins:
  // pipeline (4 x 0.025 + 2 x 0.035) / 6 = 0.17 / 6, run rate 0.25 / 6; w = (0.25/6) / (0.42/6) = 25/42.
  const at = (pipelineMinor: number, runRateMinor: number, i: number): TrackOrigin => ({ t: d(10 * i), a: 0, b: 10 * DAY, pipelineMinor, runRateMinor, actualMinor: 100 });
  const origins = [at(110, 100, 0), at(90, 100, 1), at(120, 130, 2), at(80, 70, 3)];
  const record = summarizeTrack(origins);
  // blends (25 p + 17 r) / 42: 4450/42, 3950/42, 5210/42, 3190/42; residuals ln(100 / blend)
  const residuals = [4200 / 4450, 4200 / 3950, 4200 / 5210, 4200 / 3190].map(Math.log);
  const m = residuals.reduce((s, r) => s + r, 0) / 4;
  const sd = Math.sqrt(residuals.reduce((s, r) => s + (r - m) ** 2, 0) / 3);

  it('weights each forecast by its shrunk inverse mean squared error', () => {
    expect(record.source).toBe('history');
    expect(record.pipelineMse).toBeCloseTo(0.025, 12);
    expect(record.runRateMse).toBeCloseTo(0.045, 12);
    expect(record.weight).toBeCloseTo(25 / 42, 12);
  });

  it('sets the median and P10-P90 from the log residuals, with the t quantile for n - 1 degrees of freedom', () => {
    expect(record.centre).toBeCloseTo(m, 12);
    expect(record.sd).toBeCloseTo(sd, 12);
    expect(t90(3)).toBe(1.638);
    expect(record.halfWidth).toBeCloseTo(1.638 * sd * Math.sqrt(1 + 1 / 4), 12);
    // now: pipeline 1,200, run rate 900 -> blend (25 x 1,200 + 17 x 900) / 42
    const blend = (25 * 1200 + 17 * 900) / 42;
    const q = blendQuantiles(record, 1200, 900)!;
    expect(q.blendMinor).toBeCloseTo(blend, 9);
    expect(q.p50).toBeCloseTo(blend * Math.exp(m), 9);
    expect(q.p10).toBeCloseTo(blend * Math.exp(m - 1.638 * sd * Math.sqrt(1.25)), 9);
    expect(q.p90).toBeCloseTo(blend * Math.exp(m + 1.638 * sd * Math.sqrt(1.25)), 9);
  });

  it('needs four origins; with none the forecast keeps the simulation', () => {
    expect(summarizeTrack(origins.slice(0, 3)).source).toBe('none');
    expect(blendQuantiles(summarizeTrack([]), 1200, 900)).toBeNull();
  });

  it('replaces the total of computeForecast (won so far added), and leaves the groups alone', () => {
    const period = { start: new Date(d(100)), end: new Date(d(110)) };
    const deal: ForecastDeal = {
      id: 'x', name: 'X', account: 'Acme', ownerId: 'o', ownerName: 'Owner', productId: null, productName: null, stage: 'proposal', forecastCategory: 'pipeline',
      valueMinor: 2_400, expectedCloseDate: '2026-04-15', probability: 0.5, probabilitySource: 'stored', createdAt: new Date(d(50)),
    };
    const won = [{ id: 'w', name: 'W', account: 'Acme', ownerId: 'o', ownerName: 'Owner', productId: null, productName: null, valueMinor: 300, closedAt: new Date(d(101)) }];
    // the close-date model is empty, so the deal's date is taken as exact: expected 300 + 0.5 x 2,400 = 1,500; the pipeline part 1,200
    const input = { period, asOf: new Date(d(102)), groupBy: 'rep' as const, open: [deal], won, closeModel: fitCloseDateModel([]), runs: 1_000, seed: 1 };
    const plain = computeForecast(input);
    const blended = computeForecast({ ...input, track: { record, runRateMinor: 900 } });
    expect(plain.total.expectedMinor).toBeCloseTo(1_500, 9);
    const blend = (25 * 1200 + 17 * 900) / 42;
    expect(blended.total.expectedMinor).toBeCloseTo(300 + blend, 9);
    expect(blended.total.p50Minor).toBeCloseTo(300 + blend * Math.exp(m), 9);
    expect(blended.total.p90Minor).toBeCloseTo(300 + blend * Math.exp(m + 1.638 * sd * Math.sqrt(1.25)), 9);
    expect(blended.blend).toMatchObject({ pipelineMinor: 1_200, runRateMinor: 900, simulated: { p50Minor: plain.total.p50Minor } });
    expect(blended.groups).toEqual(plain.groups);
    expect(plain.blend).toBeUndefined();
  });
});

describe('replaying the age-placed forecast at a past instant', () => {
  // the fixture of undated.test.ts: ten each of h1 (created 0, won 5), h2 (created 0, lost 20), h3 (created 50,
  // won 75), h4 (created 60, open), value 100. As of day 100, window [100, 110): the open deals are the ten h4,
  // 40 days old. No past deal was open at 40 days with its window ended by day 100 (h3 reached 40 days on day
  // 90 but had closed on 75), so q(40) is the pooled rate alone, 2/13 (undated.test.ts): 10 x 100 x 2/13.
  // New pipeline: no deal was created and won inside [90, 100), [80, 90) or [70, 80): 0.
  const history = cycleHistory();

  it('is the value of the deals open then times their age\'s rate, plus the new-pipeline run rate', () => {
    expect(pipelineExpectationAt(history, d(100), { a: 0, b: 10 * DAY }, d(5))).toBeCloseTo(2000 / 13, 9);
  });

  it('reads nothing from the instant on: a later win leaves it unchanged', () => {
    const later = history.map((h) => (h.createdAt === d(60) ? { ...h, closedAt: d(103), won: true } : h));
    expect(pipelineExpectationAt(later, d(100), { a: 0, b: 10 * DAY }, d(5))).toBeCloseTo(2000 / 13, 9);
    // fitted as of day 120, the origin at day 100 is the same replay: the h4 win on day 103 counts only as its actual;
    // the run rate then is the h3 wins of [70, 80) over three windows
    const record = fitTrackRecord(later, d(120), [{ t: d(100), a: 0, b: 10 * DAY }], d(5));
    expect(record.origins).toEqual([{ t: d(100), a: 0, b: 10 * DAY, pipelineMinor: expect.closeTo(2000 / 13, 9), runRateMinor: expect.closeTo(1000 / 3, 9), actualMinor: 1_000 }]);
    // a window that has not ended by asOf is never replayed
    expect(fitTrackRecord(later, d(105), [{ t: d(100), a: 0, b: 10 * DAY }], d(5)).origins).toEqual([]);
  });
});

describe('when the track record is fitted', () => {
  it('is when deals without an expected close date carry at least half the open value', () => {
    const deal = (valueMinor: number, expectedCloseDate: string | null) => ({ valueMinor, expectedCloseDate });
    expect(mostlyUndated([deal(500, null), deal(500, '2026-07-01')])).toBe(true);
    expect(mostlyUndated([deal(499, null), deal(501, '2026-07-01')])).toBe(false);
    expect(mostlyUndated([])).toBe(false);
  });
});
