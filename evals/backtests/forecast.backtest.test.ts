import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../tools/analytics/period.ts';
import { forecastMavenMonth, type MavenRow } from './forecast-maven.ts';
import { forecastMavenProduct } from './forecast-maven-product.ts';
import { monthTable, summarizeMonths, type MonthForecast } from './forecast-report.ts';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const row = (id: string, stage: string, engage: string | null, close: string | null, value: number): MavenRow => ({
  id, product: 'gtx', stage, engage: engage ? day(engage) : null, close: close ? day(close) : null, value,
});

describe('Maven as-of replay', () => {
  // Before March: 40 won (value 100, 40 days from engage to close) and 20 lost -> prior 40 / 60 = 2/3, mean won value 100.
  // Open on March 1st: X engaged 02-15 (14 days old: every won duration, 40 days, is longer -> closes 03-27, in March);
  // Y engaged 2016-12-01 (90 days old, older than any won deal: cannot be placed). X is won in March at 50,000.
  // Forecast: weighted = 100 x 2/3 = 66.7; X is lost in 1/3 of runs: P10 0, P50 100, P90 100. Actual 50,000.
  const history = [
    ...Array.from({ length: 40 }, (_, i) => row(`w${i}`, 'Won', '2017-01-01', '2017-02-10', 100)),
    ...Array.from({ length: 20 }, (_, i) => row(`l${i}`, 'Lost', '2017-01-01', '2017-02-10', 0)),
  ];
  const data = (xValue: number) => ({
    rows: [...history, row('X', 'Won', '2017-02-15', '2017-03-27', xValue), row('Y', 'Engaging', '2016-12-01', null, 0)],
    listPrice: new Map([['gtx', 55_000]]),
  });
  const march = parsePeriod('2017-03', new Date('2017-06-01T00:00:00Z'));

  it('forecasts from what was known on the 1st and never reads the outcome being forecast', () => {
    const m = forecastMavenMonth(data(50_000), march, 10_000, 1);
    expect(m).toMatchObject({ month: '2017-03', open: 2, expectedDeals: 1, p10: 0, p50: 100, p90: 100, actual: 50_000, actualDeals: 1, closedBefore: 60 });
    expect(m.weighted).toBeCloseTo(200 / 3, 9);
    const other = forecastMavenMonth(data(7), march, 10_000, 1);
    expect([other.p10, other.p50, other.p90, other.weighted]).toEqual([m.p10, m.p50, m.p90, m.weighted]);
  });

  it('replays the product forecast: undated deals placed by age, never reading the outcome being forecast', () => {
    const m = forecastMavenProduct(data(50_000), march, 2_000, 1);
    // X and Y are open on March 1st; both have no expected close date and are placed by their age
    expect(m).toMatchObject({ month: '2017-03', open: 2, actual: 50_000, actualDeals: 1 });
    expect(m.byAge).toBeGreaterThan(0);
    expect(m.expected).toBeCloseTo(m.byAge + m.newPipeline, 6);
    // nothing was created and won inside February (the history's deals were created on Jan 1st): no new pipeline
    expect(m.newPipeline).toBe(0);
    const other = forecastMavenProduct(data(7), march, 2_000, 1);
    expect([other.p10, other.p50, other.p90, other.expected]).toEqual([m.p10, m.p50, m.p90, m.expected]);
  });

  it('skips a month with too little closed history', () => {
    const early = forecastMavenMonth(data(1), parsePeriod('2017-02', new Date('2017-06-01T00:00:00Z')), 100, 1);
    expect(early.skipped).toMatch(/0 deals closed before 2017-02/);
  });

  it('summarises months without NaN when a month had no revenue', () => {
    const months: MonthForecast[] = [
      { month: '2026-01', open: 1, expectedDeals: 1, commit: 0, weighted: 100, p10: 50, p50: 110, p90: 200, actual: 100, actualDeals: 1 },
      { month: '2026-02', open: 0, expectedDeals: 0, commit: 0, weighted: 0, p10: 0, p50: 0, p90: 0, actual: 0, actualDeals: 0 },
    ];
    // APE 10% in January, none in February (nothing won); both months inside [P10, P90]
    expect(summarizeMonths(months)).toMatchObject({ months: 2, mape: 10, mapeSample: 1, coverage: 100, wape: 10 });
    expect(monthTable(months)).not.toMatch(/NaN/);
  });
});
