import { z } from 'zod';
import { OPEN_OPPORTUNITY_STAGES } from '../../core/domain.ts';
import { dealStagePassages } from '../../db/repos/analytics-funnel.ts';
import { repQuotas } from '../../db/repos/analytics-reps.ts';
import { closedDealsWithCreation } from '../../db/repos/analytics-revenue.ts';
import { openDeals } from '../../db/repos/pipeline.ts';
import { stageDurationStats } from '../../db/repos/stage-stats.ts';
import { closedDeals } from '../../db/repos/win-loss.ts';
import { evidenceList, isoDateTime, money, percent } from '../core/schemas.ts';
import { addDays, currencyField, formatMoney, moneyOf } from '../opportunities/opportunity-shared.ts';
import { defineTool } from '../registry.ts';
import { isoDay, parsePeriod, periodInput } from './period.ts';
import { bottleneckText, bottlenecksOf, stageHealth } from './pipeline_health.stages.ts';
import { coverageOf, DAYS_PER_MONTH, velocityOf } from './pipeline_health.velocity.ts';
import { daysFrom, periodOf, periodOutput, resolveReportFilters, round1, targetNotes, targetOf } from './revenue-common.ts';

const MIN_STAGE_SAMPLES = 5; // as pipeline_summary: fewer completed stays and a stage's p50/p80 are not trusted
const EVIDENCE_CAP = 10;
const orNull = (amountMinor: number | null, currency: string) => (amountMinor === null ? null : moneyOf(amountMinor, currency));

const stageRow = z
  .object({
    stage: z.enum(OPEN_OPPORTUNITY_STAGES).describe('open stage, in pipeline order'),
    openDeals: z.number().int().describe('open deals in the stage now, in the report currency'),
    openValue: money.describe('their total value'),
    meanAgeDays: z.number().nullable().describe('mean days those deals have been in the stage; null when none'),
    entered: z.number().int().describe('deals (any currency) that entered the stage in the lookback window'),
    advanced: z.number().int().describe('of those, deals that moved to a later stage or were won'),
    lost: z.number().int().describe('of those, deals lost without moving forward'),
    stillOpen: z.number().int().describe('of those, deals neither advanced nor lost yet'),
    conversion: percent.nullable().describe('advanced / (advanced + lost); null when none is decided'),
    p50Days: z.number().nullable().describe('median completed stay in the stage (organisation history); null with too few stays'),
    p80Days: z.number().nullable().describe('80th percentile completed stay; null with too few stays'),
    samples: z.number().int().describe('completed stays behind p50 and p80'),
    excessDays: z.number().nullable().describe('meanAgeDays - p50Days; positive = open deals sit longer than usual; null when unknown'),
  })
  .describe('health of one pipeline stage');

export const pipelineHealth = defineTool({
  name: 'pipeline_health',
  description:
    'How healthy the pipeline is: sales velocity (open deals x average value x win rate / average cycle, per day and per month; win rate and cycle from deals closed in the last 180 days), coverage of the period\'s remaining quota by the open deals expected to close in it, conversion and time per stage, and the bottleneck stages where open deals sit longest past the usual stay, with the excess days. Only deals you can see.',
  input: z.object({
    period: periodInput.default('this_quarter'),
    owner: z.string().trim().min(1).optional().describe('only this person\'s deals and quota (id, email or name)'),
    team: z.string().trim().min(1).optional().describe('only this team\'s deals and quotas (team id or name)'),
    product: z.string().trim().min(1).optional().describe('only deals for this product (id, name or SKU); coverage then has no quota'),
    currency: currencyField.default('USD').describe('currency of the values (deals in other currencies are counted apart)'),
    lookbackDays: z.number().int().min(30).max(730).default(180).describe('days of closed deals and stage entries behind win rate, cycle length and stage conversion'),
  }),
  output: z.object({
    period: periodOutput.describe('the period coverage is measured for'),
    asOf: isoDateTime.describe('the instant ages and history are measured at'),
    currency: z.string().describe('currency of every amount'),
    lookbackDays: z.number().int().describe('the window behind win rate, cycle and conversion'),
    velocity: z
      .object({
        openDeals: z.number().int().describe('open deals'),
        averageDealValue: money.nullable().describe('mean value of the open deals; null with none'),
        won: z.number().int().describe('deals won in the lookback window'),
        lost: z.number().int().describe('deals lost in the lookback window'),
        winRate: percent.nullable().describe('won / (won + lost) in the window; null when nothing closed'),
        averageCycleDays: z.number().nullable().describe('mean days from creation to close of the deals won in the window; null with none'),
        perDay: money.nullable().describe('expected revenue per day: open deals x average value x win rate / cycle days; null when a part is unknown'),
        perMonth: money.nullable().describe(`perDay x ${DAYS_PER_MONTH}`),
      })
      .describe('sales velocity'),
    coverage: z
      .object({
        target: money.nullable().describe('the reps\' quotas pro-rated to the period; null without quotas or with a product filter'),
        wonSoFar: money.describe('won in the period up to now'),
        remaining: money.nullable().describe('target - won so far (negative once exceeded); null without a target'),
        pipelineInPeriod: money.describe('value of the open deals expected to close in the period'),
        pipelineDeals: z.number().int().describe('those deals'),
        ratio: z.number().nullable().describe('pipelineInPeriod / remaining, two decimals (3 = 3x coverage); null without a positive remaining target'),
      })
      .describe('pipeline coverage of the remaining quota'),
    stages: z.array(stageRow).describe('one row per open stage'),
    bottlenecks: z
      .array(
        z
          .object({
            stage: z.enum(OPEN_OPPORTUNITY_STAGES).describe('the stage'),
            excessDays: z.number().describe('days the open deals\' mean age exceeds the stage\'s median stay'),
            text: z.string().describe('the finding in words'),
          })
          .describe('a stage where deals sit longer than usual'),
      )
      .describe('stages with open deals past the usual stay, the largest excess first'),
    otherCurrencyDeals: z.number().int().describe('open deals in other currencies, left out'),
    notes: z.array(z.string()).describe('definitions and caveats behind the figures'),
    evidence: evidenceList,
  }),
  annotations: { title: 'Pipeline health', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const period = parsePeriod(input.period, ctx.now);
    const currency = input.currency.toUpperCase();
    const { owner, team, product } = await resolveReportFilters(ctx, input);
    const filters = { ...(owner ? { ownerId: owner.id } : {}), ...(team ? { teamId: team.id } : {}), ...(product ? { productId: product.id } : {}) };
    const since = addDays(ctx.now, -input.lookbackDays);
    const upToNow = new Date(ctx.now.getTime() + 1);
    const [open, recent, inPeriod, holders, passages, durations] = await Promise.all([
      openDeals(ctx.db, ctx.scope, filters),
      closedDealsWithCreation(ctx.db, ctx.scope, { from: since, toExclusive: upToNow, ...filters }),
      closedDeals(ctx.db, ctx.scope, { from: period.start, toExclusive: new Date(Math.min(period.end.getTime(), upToNow.getTime())), ...filters }),
      repQuotas(ctx.db, ctx.scope, { ...(team ? { teamId: team.id } : {}), ...(owner ? { userId: owner.id } : {}) }),
      dealStagePassages(ctx.db, ctx.scope, { from: since, asOf: ctx.now, ...filters }),
      stageDurationStats(ctx.db, { asOf: ctx.now, minSamples: MIN_STAGE_SAMPLES }),
    ]);
    const inCurrency = (d: { currency: string }) => d.currency.trim().toUpperCase() === currency;
    const openHere = open.filter(inCurrency);
    const velocity = velocityOf(openHere, recent);
    const target = product ? null : targetOf(holders, period.granularity, currency);
    const wonSoFar = inPeriod.filter((d) => d.outcome === 'won' && inCurrency(d)).reduce((s, d) => s + d.valueMinor, 0);
    const { start, end } = periodOf(period);
    const coverage = coverageOf(openHere, start, end, target?.amountMinor ?? null, wonSoFar);
    const stages = stageHealth(openHere, passages, durations, ctx.now);
    const bottlenecks = bottlenecksOf(stages);

    const evidence = [
      ...bottlenecks.flatMap((b) => {
        const d = b.oldest;
        return d ? [{ sourceId: d.id, kind: 'opportunity', date: d.stageEnteredAt.toISOString(), quote: `${d.name} (${d.account}, ${formatMoney(d.valueMinor, d.currency)}) has been in ${b.stage} ${round1(daysFrom(d.stageEnteredAt, ctx.now))} days; the stage's median stay is ${b.p50Days} days` }] : [];
      }),
      ...recent.filter((d) => d.outcome === 'won').slice(-3).map((d) => ({
        sourceId: d.id, kind: 'opportunity', date: d.closedAt.toISOString(),
        quote: `${d.name} (${d.account}) won ${isoDay(d.closedAt)} after ${round1(Math.max(0, daysFrom(d.createdAt, d.closedAt)))} days`,
      })),
    ].slice(0, EVIDENCE_CAP);

    const notes = [
      `Win rate and cycle length come from the deals you can see that closed in the last ${input.lookbackDays} days (to ${isoDay(ctx.now)}); cycle = creation to close of the won deals.`,
      'Velocity uses the open deals in the report currency and their mean value; per month = per day x 30.',
      'Coverage counts open deals whose expected close date falls in the period, against the target (reps\' quarterly quotas pro-rated) minus what was won in the period so far.',
      `Stage conversion follows the deals that entered each stage in the window: advanced = later reached a further stage or won; lost = closed lost without moving on.`,
      `Time per stage is the organisation's completed stays (a benchmark, not only your deals); stages with fewer than ${MIN_STAGE_SAMPLES} have no p50/p80.`,
      ...(ctx.now >= period.end ? [`${period.label} has ended: coverage looks back at it.`] : []),
      ...(coverage.remainingMinor !== null && coverage.remainingMinor <= 0 ? ['The target for the period is already met: no coverage ratio.'] : []),
      ...(product ? ['No quota with a product filter: quotas are set per rep, not per product.'] : []),
      ...(target ? targetNotes(target, currency) : []),
    ];
    return {
      period: periodOf(period),
      asOf: ctx.now.toISOString(),
      currency,
      lookbackDays: input.lookbackDays,
      velocity: {
        openDeals: velocity.openDeals,
        averageDealValue: orNull(velocity.averageDealValueMinor, currency),
        won: velocity.won,
        lost: velocity.lost,
        winRate: velocity.winRate,
        averageCycleDays: velocity.averageCycleDays,
        perDay: orNull(velocity.perDayMinor, currency),
        perMonth: orNull(velocity.perMonthMinor, currency),
      },
      coverage: {
        target: orNull(coverage.targetMinor, currency),
        wonSoFar: moneyOf(coverage.wonSoFarMinor, currency),
        remaining: orNull(coverage.remainingMinor, currency),
        pipelineInPeriod: moneyOf(coverage.pipelineMinor, currency),
        pipelineDeals: coverage.pipelineDeals,
        ratio: coverage.ratio,
      },
      stages: stages.map(({ oldest: _oldest, openValueMinor, ...s }) => ({ ...s, openValue: moneyOf(openValueMinor, currency) })),
      bottlenecks: bottlenecks.map((b) => ({ stage: b.stage, excessDays: b.excessDays!, text: bottleneckText(b) })),
      otherCurrencyDeals: open.length - openHere.length,
      notes,
      evidence,
    };
  },
});
