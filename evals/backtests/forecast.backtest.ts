import { eq } from 'drizzle-orm';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { silentLogger } from '../../core/logger.ts';
import { percentile } from '../../core/stats/descriptive.ts';
import { openStore, type Db } from '../../db/client.ts';
import { migrateStore } from '../../db/migrate.ts';
import { users } from '../../db/schema/index.ts';
import { seedDemoOrg } from '../../db/seed/index.ts';
import { registry } from '../../tools/index.ts';
import { replayDemo } from './forecast-demo.ts';
import { loadMavenPipeline, replayMaven } from './forecast-maven.ts';
import { replayMavenProduct, type ProductPeriod } from './forecast-maven-product.ts';
import { monthTable, summarizeMonths, summaryLine, type MonthForecast } from './forecast-report.ts';
import { MAVEN_DIR } from './win-probability-maven.ts';

// The revenue forecast replayed on history, as of the first day of each past month with only what was
// known that day, against what was then won in the month: the demo org (both close-date treatments of
// forecast) and the Maven CRM data set. Also times forecast and forecast_accuracy calls.

export const name = 'forecast (monthly as-of replay)';
export const DEMO_NOW = new Date('2026-06-15T12:00:00Z');
const SEED = 42;
const MONTHS = 12;
const RUNS = 10_000;
const LATENCY_CALLS = 20;

async function demoReport(db: Db): Promise<string> {
  const calibrated = await replayDemo(db, DEMO_NOW, MONTHS, { method: 'calibrated', runs: RUNS, seed: 1, currency: 'USD' });
  const slips = await replayDemo(db, DEMO_NOW, MONTHS, { method: 'slips', runs: RUNS, seed: 1, currency: 'USD' });
  const skipped = calibrated.reduce((s, m) => s + m.skipped, 0);
  return [
    `Demo org (seed ${SEED}, scale 1, now ${DEMO_NOW.toISOString()}): each of the ${MONTHS} whole months before now, forecast as of its 1st 00:00 UTC`,
    'from the deals open that day as their history recorded them (stage, probability, value, expected close), commit by the stage rule',
    '(negotiation), won so far 0, 10,000 runs, seed 1. Amounts in thousands of USD. "weighted" = value x probability of deals expected in the month.',
    ...(skipped > 0 ? [`${skipped} deal-days skipped for lack of a stage record.`] : []),
    'forecast default (closeDates: calibrated):',
    monthTable(calibrated),
    summaryLine('calibrated', summarizeMonths(calibrated), 'the weighted pipeline'),
    '',
    'closeDates: slips (close dates drawn from expected-vs-actual slips of past won deals, probabilities as recorded):',
    monthTable(slips),
    summaryLine('slips', summarizeMonths(slips), 'the weighted pipeline'),
  ].join('\n');
}

/** The product's default forecast (computeForecast with the age model and the new-pipeline run rate) on Maven. */
function mavenProductReport(): string {
  const data = loadMavenPipeline();
  if (!data) return `Maven (product forecast): skipped (no sales_pipeline.csv in ${MAVEN_DIR})`;
  const block = (label: string, periods: ProductPeriod[]) => {
    const used = periods.filter((p) => !p.skipped);
    const k = (minor: number) => (minor / 100_000).toFixed(1);
    const simulated = used.map((p) => ({ ...p, ...p.simulated }));
    const runRate = used.filter((p) => p.runRate !== null).map((p) => ({ ...p, p10: p.runRate!, p50: p.runRate!, p90: p.runRate! }));
    return [
      ...periods.filter((p) => p.skipped).map((p) => `${p.month}: skipped (${p.skipped})`),
      monthTable(used),
      ...used.map(
        (p) =>
          `${p.month}: undated deals by age ${k(p.byAge)}k + new pipeline ${k(p.newPipeline)}k; common variance ${p.commonVariance.toFixed(3)}; ` +
          `simulation P10/P50/P90 ${k(p.simulated.p10)}/${k(p.simulated.p50)}/${k(p.simulated.p90)}k; trailing run rate ${p.runRate === null ? 'n/a' : `${k(p.runRate)}k`}; ` +
          (p.weight === null ? `not blended (${p.origins} past period(s) replayed)` : `blended, ${(p.weight * 100).toFixed(0)}% forecast, from ${p.origins} past periods`),
      ),
      summaryLine(`${label}, product default forecast (${used.length} periods)`, summarizeMonths(used)),
      summaryLine(`${label}, the simulation alone, before the track-record blend (${simulated.length} periods)`, summarizeMonths(simulated)),
      summaryLine(`${label}, trailing run rate alone, a point forecast (${runRate.length} periods)`, summarizeMonths(runRate)),
    ];
  };
  return [
    'Maven CRM through the product\'s forecast (computeForecast as runForecast wires it): open deals as the CSV import stores them (created on',
    'their engage date, no expected close date, stage win rate, list price), each placed by its age (forecast/undated.ts), plus the run rate',
    'of deals not yet created (forecast/new-pipeline.ts); as of each period\'s first instant, for the periods with closes. Once four of the six',
    'previous periods can be replayed as of their own first instant, the total blends that with the trailing run rate, weighted and given its',
    'P10-P90 by those replays\' errors (track-record.ts). "exp." = open deals placed by age with a chance above zero; "weighted" = the',
    'expectation (the blend when blended). Amounts in thousands.',
    'Monthly:',
    ...block('monthly', replayMavenProduct(data, 'month', RUNS, 1)),
    '',
    'Quarterly:',
    ...block('quarterly', replayMavenProduct(data, 'quarter', RUNS, 1)),
  ].join('\n');
}

function mavenReport(): string {
  const months = replayMaven(RUNS, 1);
  if (!months) return `Maven: skipped (no sales_pipeline.csv in ${MAVEN_DIR})`;
  const used = months.filter((m) => !m.skipped);
  const as = (pick: (m: (typeof used)[number]) => { p10: number; p50: number; p90: number }): MonthForecast[] => used.map((m) => ({ ...m, ...pick(m) }));
  const calibrated = as((m) => m.calibrated);
  const runRate = as((m) => m.withRunRate);
  return [
    'Maven CRM (sales_pipeline.csv), as of each month\'s 1st: open = engaged before it and not closed before it; won so far 0; amounts in thousands.',
    ...months.filter((m) => m.skipped).map((m) => `${m.month}: skipped (${m.skipped})`),
    'Stage prior (win rate of deals closed before the day) x close date from engage->close durations of deals won before the day, among',
    'those at least as old as the deal ("exp." = deals that can close in the month; "weighted" = the simulation\'s mean):',
    monthTable(used),
    summaryLine('stage prior + durations', summarizeMonths(used)),
    '',
    'Calibrated by deal age (the forecast\'s calibrated treatment; age stands in for the missing expected close date), with common variance,',
    'plus a run rate for deals engaged and won within the month (unknown on the 1st: 13-79% of a month\'s wins here);',
    '"weighted" = the open deals\' expected value without the run rate:',
    monthTable(runRate.map((m, i) => ({ ...m, weighted: used[i]!.calibrated.expected }))),
    summaryLine('calibrated + run rate', summarizeMonths(runRate)),
    summaryLine('calibrated, open deals only', summarizeMonths(calibrated.map((m, i) => ({ ...m, weighted: used[i]!.calibrated.expected })))),
  ].join('\n');
}

async function latencyReport(db: Db): Promise<string> {
  const [admin] = await db.select({ id: users.id, teamId: users.teamId }).from(users).where(eq(users.role, 'admin')).limit(1);
  if (!admin) return 'latency: no admin in the demo org';
  const actor = { userId: admin.id, role: 'admin' as const, teamId: admin.teamId };
  const services = { db, log: silentLogger, now: DEMO_NOW, embedder: createLocalEmbedder() };
  const inputs = [
    { period: 'this_month' },
    { period: 'this_quarter', groupBy: 'rep' },
    { period: 'next_quarter', groupBy: 'product' },
    { period: 'next_month', closeDates: 'slips' },
  ];
  const time = async (tool: string, input: unknown) => {
    const started = performance.now();
    const result = await registry.execute(tool, input, actor, services);
    if (!result.ok) throw new Error(`${tool} failed: ${JSON.stringify(result.error)}`);
    return performance.now() - started;
  };
  await time('forecast', inputs[0]); // warm-up (module and query caches)
  const forecastMs: number[] = [];
  for (let i = 0; i < LATENCY_CALLS; i++) forecastMs.push(await time('forecast', inputs[i % inputs.length]));
  // one pending snapshot and two whose periods have ended (scored against what closed)
  for (const period of ['this_month', 'last_month', 'last_quarter']) await time('forecast_snapshot', { period, groupBy: 'rep' });
  const accuracyMs: number[] = [];
  for (let i = 0; i < LATENCY_CALLS; i++) accuracyMs.push(await time('forecast_accuracy', { groupBy: i % 2 === 0 ? 'total' : 'rep' }));
  const line = (label: string, ms: number[]) => `${label}: p50 ${percentile(ms, 0.5)!.toFixed(0)} ms, p95 ${percentile(ms, 0.95)!.toFixed(0)} ms over ${ms.length} calls`;
  return [
    `Latency through the registry on the seeded demo org (in-memory PGlite, admin scope, ${RUNS.toLocaleString('en-US')} runs):`,
    line('forecast (month/quarter, total/rep/product, calibrated and slips)', forecastMs),
    line('forecast_accuracy', accuracyMs),
  ].join('\n');
}

export async function run(): Promise<string> {
  const store = await openStore({ kind: 'pglite' });
  try {
    await migrateStore(store);
    await seedDemoOrg(store.db, { seed: SEED, scale: 1, now: DEMO_NOW, embedder: createLocalEmbedder() });
    return [await demoReport(store.db), '', mavenProductReport(), '', 'Earlier Maven variants (the backtest\'s own arithmetic, kept for comparison):', mavenReport(), '', await latencyReport(store.db)].join('\n');
  } finally {
    await store.close();
  }
}
