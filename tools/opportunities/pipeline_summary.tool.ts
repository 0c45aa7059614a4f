import { z } from 'zod';
import { openDeals, stageOutcomeCounts } from '../../db/repos/pipeline.ts';
import { stageDurationStats } from '../../db/repos/stage-stats.ts';
import { invalidInput } from '../core/errors.ts';
import { resolveProduct, resolveTeam, resolveUser } from '../core/resolve.ts';
import { evidenceList, isoDate, isoDateTime, money, percent } from '../core/schemas.ts';
import { closeDays, spanInput } from '../analytics/period.ts';
import { defineTool } from '../registry.ts';
import { currencyField, moneyOf, stageField } from './opportunity-shared.ts';
import { stuckQuote, summarizePipeline } from './pipeline-summary.ts';

const EVIDENCE_CAP = 20;
// fewer completed stays than this and a stage's p80 is not trusted (stageDurationStats' own default)
const MIN_STAGE_SAMPLES = 5;

const stageRow = z
  .object({
    stage: stageField.describe('open stage, in pipeline order'),
    count: z.number().int().describe('open deals in the stage'),
    totalValue: money.describe('sum of their values'),
    weightedValue: money.describe('sum of value x probability'),
    probabilitySource: z
      .object({
        stored: z.number().int().describe('deals weighted by the probability stored on the deal'),
        stageWinRate: z.number().int().describe('deals with no stored probability, weighted by the stage\'s historical win rate'),
        none: z.number().int().describe('deals with neither, left out of the weighted value'),
      })
      .describe('which probability each deal\'s weight used'),
    stageWinRate: percent.nullable().describe('share won of the deals that passed through this stage and closed before now; null with no such deals'),
    stageWinRateSample: z.number().int().describe('closed deals behind stageWinRate'),
    averageDaysInStage: z.number().nullable().describe('mean days the open deals have been in this stage; null when empty'),
    p80Days: z.number().nullable().describe('80th percentile of completed stays in this stage (days); null with too little history'),
    stuckCount: z.number().int().nullable().describe('deals in the stage longer than p80Days; null when p80 is unknown'),
    note: z.string().nullable().describe('caveats for this stage'),
  })
  .describe('one stage of the pipeline');

export const pipelineSummary = defineTool({
  name: 'pipeline_summary',
  description:
    'The open pipeline per stage, in stage order: deal count, total value, probability-weighted value (each deal\'s stored probability, else the stage\'s historical win rate), average days in stage, and how many deals are stuck (in the stage longer than its historical 80th percentile), with totals. Filter by owner, team, product and expected close date (period or from/to); only deals you can see.',
  input: z.object({
    owner: z.string().trim().min(1).optional().describe('only this rep\'s deals (id, email or name)'),
    team: z.string().trim().min(1).optional().describe('only deals owned by this team\'s members (team id or name)'),
    product: z.string().trim().min(1).optional().describe('only deals for this product (id, name or SKU)'),
    period: spanInput.optional().describe('only deals expected to close in this period: "2026-Q3", "2026-07", next_month, this_quarter, this_week...; or give from/to'),
    from: isoDate.optional().describe('only deals expected to close on or after this date (instead of period)'),
    to: isoDate.optional().describe('only deals expected to close on or before this date, inclusive (instead of period)'),
    currency: currencyField.default('USD').describe('sum deals in this currency (others are counted apart, never mixed)'),
  }),
  output: z.object({
    asOf: isoDateTime.describe('the instant the ages and statistics are computed at'),
    currency: z.string().describe('currency of every amount'),
    stages: z.array(stageRow).describe('one row per open stage'),
    totals: z
      .object({
        count: z.number().int().describe('open deals'),
        totalValue: money.describe('their total value'),
        weightedValue: money.describe('their probability-weighted value'),
        stuckCount: z.number().int().describe('stuck deals over the stages whose p80 is known'),
        averageDaysInStage: z.number().nullable().describe('mean days in current stage over all open deals'),
      })
      .describe('the whole pipeline'),
    otherCurrencyDeals: z.number().int().describe('matching open deals in other currencies, not summed'),
    evidence: evidenceList,
  }),
  annotations: { title: 'Pipeline summary', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const close = closeDays(input, ctx.now);
    const currency = input.currency.toUpperCase();
    const [owner, team, product] = await Promise.all([
      input.owner ? resolveUser(ctx, input.owner) : undefined,
      input.team ? resolveTeam(ctx, input.team) : undefined,
      input.product ? resolveProduct(ctx, input.product) : undefined,
    ]);
    const [deals, winRates, durations] = await Promise.all([
      openDeals(ctx.db, ctx.scope, {
        ...(owner ? { ownerId: owner.id } : {}),
        ...(team ? { teamId: team.id } : {}),
        ...(product ? { productId: product.id } : {}),
        ...(close.firstDay ? { closeFrom: close.firstDay } : {}),
        ...(close.lastDay ? { closeTo: close.lastDay } : {}),
      }),
      stageOutcomeCounts(ctx.db, ctx.now),
      stageDurationStats(ctx.db, { asOf: ctx.now, minSamples: MIN_STAGE_SAMPLES }),
    ]);
    const inCurrency = deals.filter((d) => d.currency.trim().toUpperCase() === currency);
    const summary = summarizePipeline(inCurrency, winRates, durations, ctx.now);
    const evidence = summary.stuck.slice(0, EVIDENCE_CAP).map((s) => ({
      sourceId: s.deal.id,
      kind: 'opportunity',
      date: s.deal.stageEnteredAt.toISOString(),
      quote: stuckQuote(s),
    }));
    return {
      asOf: ctx.now.toISOString(),
      currency,
      stages: summary.stages.map((s) => ({
        stage: s.stage,
        count: s.count,
        totalValue: moneyOf(s.totalValueMinor, currency),
        weightedValue: moneyOf(s.weightedValueMinor, currency),
        probabilitySource: s.probabilitySource,
        stageWinRate: s.stageWinRate,
        stageWinRateSample: s.stageWinRateSample,
        averageDaysInStage: s.averageDaysInStage,
        p80Days: s.p80Days,
        stuckCount: s.stuckCount,
        note: s.note,
      })),
      totals: {
        count: summary.totals.count,
        totalValue: moneyOf(summary.totals.totalValueMinor, currency),
        weightedValue: moneyOf(summary.totals.weightedValueMinor, currency),
        stuckCount: summary.totals.stuckCount,
        averageDaysInStage: summary.totals.averageDaysInStage,
      },
      otherCurrencyDeals: deals.length - inCurrency.length,
      evidence,
    };
  },
});
