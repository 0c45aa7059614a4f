import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { commonVarianceOf, MIN_STATES } from '../../tools/analytics/forecast/calibration.ts';
import { closeChance, quantilesOf, simulate, type SimDeal } from '../../tools/analytics/monte-carlo.ts';
import { periodAt, periodsBetween, shiftPeriod, type Period } from '../../tools/analytics/period.ts';
import { MAVEN_DIR } from './win-probability-maven.ts';
import type { MonthForecast } from './forecast-report.ts';

// Maven CRM opportunities replayed month by month with the forecast's Monte Carlo (monte-carlo.ts), using
// only what was known on each month's first day D:
//   - open deals: engaged before D and not closed before D (Prospecting rows have no dates: never open);
//   - win probability: the stage prior, won / (won + lost) of deals closed before D (every open deal
//     here is in Engaging);
//   - value: the mean close_value of the product's deals won before D, else the product's list price
//     (an open deal's own close_value is its outcome, never read);
//   - close date if won: engage date + a duration drawn from the engage->close durations of deals won
//     before D that lasted at least as long as the deal has already been open (a deal older than every
//     such deal cannot be placed: it cannot close in the month);
//   - won so far = 0.
// Actual = close_value of deals won with close_date in the month. Deals engaged during the month and won
// in it are unknown on D; a variant adds a run rate for them: one of the previous three whole months'
// "engaged and won in the same month" revenue, drawn at random in each run (known on D).
// A third variant is the forecast's calibrated treatment (forecast-calibration.ts) with the deal's age in
// place of its expected close date, which Maven lacks: every 7 days back from D minus the month's length,
// the deals open then, by age (0-30, 30-60, 60-90, 90-120, 120+ days), k = value won within the next
// month / sum of value x prior; each open deal is won inside the month with min(1, prior x k of its age),
// and every run shares a common factor with the variance the same history shows (commonVarianceOf).

const DAY = 86_400_000;
const MIN_CLOSED = 50;
const RUN_RATE_MONTHS = 3;

export interface MavenRow {
  id: string;
  product: string;
  stage: string;
  engage: number | null;
  close: number | null;
  value: number;
}

const productKey = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, ''); // 'GTXPro' vs 'GTX Pro'

export function loadMavenPipeline(dir = MAVEN_DIR): { rows: MavenRow[]; listPrice: Map<string, number> } | null {
  const file = path.join(dir, 'sales_pipeline.csv');
  if (!existsSync(file)) return null;
  const read = (name: string) => parse(readFileSync(path.join(dir, name), 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const listPrice = new Map(read('products.csv').map((p) => [productKey(p.product ?? ''), Number(p.sales_price) * 100]));
  const rows = read('sales_pipeline.csv').map((r) => ({
    id: r.opportunity_id ?? '',
    product: productKey(r.product ?? ''),
    stage: r.deal_stage ?? '',
    engage: r.engage_date ? Date.parse(`${r.engage_date}T00:00:00Z`) : null,
    close: r.close_date ? Date.parse(`${r.close_date}T00:00:00Z`) : null,
    value: Math.round(Number(r.close_value || 0) * 100),
  }));
  return { rows, listPrice };
}

type Q = { p10: number; p50: number; p90: number };
export interface MavenMonth extends MonthForecast {
  withRunRate: Q;
  calibrated: Q & { expected: number };
  closedBefore: number;
  skipped?: string;
}

export function forecastMavenMonth(data: NonNullable<ReturnType<typeof loadMavenPipeline>>, month: Period, runs: number, seed: number): MavenMonth {
  const D = month.start.getTime();
  const end = month.end.getTime();
  const closedBefore = data.rows.filter((r) => r.close !== null && r.close < D);
  const open = data.rows.filter((r) => r.engage !== null && r.engage < D && (r.close === null || r.close >= D));
  const won = data.rows.filter((r) => r.stage === 'Won' && r.close !== null && r.close >= D && r.close < end);
  const actual = won.reduce((s, r) => s + r.value, 0);
  const base: MavenMonth = {
    month: month.label, open: open.length, expectedDeals: 0, commit: 0, weighted: 0, p10: 0, p50: 0, p90: 0,
    actual, actualDeals: won.length, withRunRate: { p10: 0, p50: 0, p90: 0 }, calibrated: { p10: 0, p50: 0, p90: 0, expected: 0 }, closedBefore: closedBefore.length,
  };
  if (closedBefore.length < MIN_CLOSED) return { ...base, skipped: `${closedBefore.length} deals closed before ${month.label}: too few to fit` };

  const wonBefore = closedBefore.filter((r) => r.stage === 'Won');
  const prior = wonBefore.length / closedBefore.length;
  const meanValue = new Map<string, { sum: number; n: number }>();
  for (const r of wonBefore) {
    const m = meanValue.get(r.product) ?? { sum: 0, n: 0 };
    m.sum += r.value;
    m.n++;
    meanValue.set(r.product, m);
  }
  const valueOf = (product: string) => {
    const m = meanValue.get(product);
    return m ? m.sum / m.n : (data.listPrice.get(product) ?? 0);
  };
  const durations = wonBefore.filter((r) => r.engage !== null).map((r) => r.close! - r.engage!);

  const deals: SimDeal[] = open.map((r) => {
    const age = D - r.engage!;
    return { p: prior, valueMinor: Math.round(valueOf(r.product)), group: 0, closes: durations.filter((d) => d >= age).map((d) => r.engage! + d) };
  });
  const window = { from: D, to: end };
  const pipeline = quantilesOf(simulate({ deals, groups: 1, runs, seed, window })[0]!);

  const { k, commonVariance } = ageConversion(data.rows, D, end - D, prior, (r) => valueOf(r.product));
  const calibratedDeals: SimDeal[] = open.map((r) => {
    const rate = k.get(ageBucket(D - r.engage!)) ?? k.get('all') ?? 0;
    return { p: Math.min(1, prior * rate), valueMinor: Math.round(valueOf(r.product)), group: 0, closes: [D] };
  });
  const calibrated = quantilesOf(simulate({ deals: calibratedDeals, groups: 1, runs, seed, window, commonVariance })[0]!);
  // run rate of deals engaged and won within one month, from the whole months before D
  const previous = Array.from({ length: RUN_RATE_MONTHS }, (_, i) => shiftPeriod(month, -(i + 1)));
  const sameMonth = previous.map((p) =>
    data.rows
      .filter((r) => r.stage === 'Won' && r.engage !== null && r.engage >= p.start.getTime() && r.close! < p.end.getTime() && r.engage < p.end.getTime() && r.close! >= p.start.getTime())
      .reduce((s, r) => s + r.value, 0),
  );
  const withRunRate = quantilesOf(simulate({ deals: calibratedDeals, groups: 1, runs, seed, window, commonVariance, extra: [sameMonth] })[0]!);
  const chance = (d: SimDeal) => closeChance(d.closes, D, end);
  return {
    ...base,
    // no expected close dates here: "expected" deals are those that can close in the month, and the
    // weighted figure is their value x prior x chance of closing in the month (the simulation's mean)
    expectedDeals: deals.filter((d) => chance(d) > 0).length,
    weighted: deals.reduce((s, d) => s + d.valueMinor * d.p * chance(d), 0),
    p10: pipeline.p10,
    p50: pipeline.p50,
    p90: pipeline.p90,
    withRunRate: { p10: withRunRate.p10, p50: withRunRate.p50, p90: withRunRate.p90 },
    calibrated: { p10: calibrated.p10, p50: calibrated.p50, p90: calibrated.p90, expected: calibratedDeals.reduce((s, d) => s + d.valueMinor * d.p, 0) },
  };
}

const AGE_EDGES = [30, 60, 90, 120];
const ageBucket = (ageMs: number) => {
  const i = AGE_EDGES.findIndex((edge) => ageMs < edge * DAY);
  return i === -1 ? `${AGE_EDGES.at(-1)}+` : `<${AGE_EDGES[i]}`;
};

/**
 * k per age bucket (and 'all'): value won within `windowMs` after t / sum of value x prior, over deals open
 * at weekly t with t + windowMs <= D; and the common variance of those windows (commonVarianceOf).
 */
function ageConversion(rows: readonly MavenRow[], D: number, windowMs: number, prior: number, valueOf: (r: MavenRow) => number) {
  const num = new Map<string, number>();
  const den = new Map<string, number>();
  const count = new Map<string, number>();
  const samples: { t: number; bucket: string; p: number; valueMinor: number; wonMinor: number }[] = [];
  const engaged = rows.filter((r) => r.engage !== null && r.engage < D);
  const earliest = Math.min(...engaged.map((r) => r.engage!));
  for (let t = D - windowMs; t > earliest; t -= 7 * DAY) {
    for (const r of engaged) {
      // open at t: engaged before it and not closed before it (a close on or after D is unknown on D: still open)
      if (r.engage! >= t || (r.close !== null && r.close < D && r.close < t)) continue;
      const wonInside = r.stage === 'Won' && r.close !== null && r.close < D && r.close >= t && r.close < t + windowMs ? r.value : 0;
      const bucket = ageBucket(t - r.engage!);
      samples.push({ t, bucket, p: prior, valueMinor: valueOf(r), wonMinor: wonInside });
      for (const key of [bucket, 'all']) {
        num.set(key, (num.get(key) ?? 0) + wonInside);
        den.set(key, (den.get(key) ?? 0) + valueOf(r) * prior);
        count.set(key, (count.get(key) ?? 0) + 1);
      }
    }
  }
  const k = new Map<string, number>();
  for (const [key, n] of count) if (n >= MIN_STATES && (den.get(key) ?? 0) > 0) k.set(key, num.get(key)! / den.get(key)!);
  const { variance } = commonVarianceOf(samples, (s) => k.get(s.bucket) ?? k.get('all') ?? null);
  return { k, commonVariance: variance };
}

/** Every month from the first close to the last, as of its first day. */
export function replayMaven(runs = 10_000, seed = 1, dir = MAVEN_DIR): MavenMonth[] | null {
  const data = loadMavenPipeline(dir);
  if (!data) return null;
  const closes = data.rows.map((r) => r.close).filter((c): c is number => c !== null);
  const first = new Date(Math.min(...closes));
  const last = new Date(Math.max(...closes));
  const from = periodAt('month', first.getUTCFullYear(), first.getUTCMonth()).start;
  return periodsBetween('month', from, new Date(last.getTime() + DAY)).map((m) => forecastMavenMonth(data, m, runs, seed));
}
