import { z } from 'zod';
import { repQuotas } from '../../db/repos/analytics-reps.ts';
import { closedDeals } from '../../db/repos/win-loss.ts';
import { invalidInput } from '../core/errors.ts';
import { evidenceList, isoDateTime, money } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { currencyField } from '../opportunities/opportunity-shared.ts';
import { parsePeriod, periodInput, type Granularity, type Period } from './period.ts';
import { buildRevenueReport, GROUP_CAP } from './revenue-report.ts';
import { previousPeriod } from './period.ts';
import { attainmentField, periodOf, periodOutput, resolveReportFilters, targetNotes, targetOf, trendOutput } from './revenue-common.ts';

const GRANULARITIES = ['month', 'quarter', 'year'] as const;
const RANK: Record<Granularity, number> = { month: 1, quarter: 2, year: 3 };

const bucketRow = z
  .object({
    label: z.string().describe('the bucket, e.g. 2026-04'),
    start: z.string().describe('first day of the bucket'),
    end: z.string().describe('last day of the bucket, inclusive'),
    complete: z.boolean().describe('false while the bucket is still running (or has not begun)'),
    won: money.describe('won revenue closed in the bucket'),
    deals: z.number().int().describe('deals won in the bucket'),
    target: money.nullable().describe('the quota pro-rated to the bucket; null without one'),
    attainment: attainmentField,
  })
  .describe('won revenue in one month, quarter or year of the period');

const groupRow = z
  .object({
    key: z.string().describe('rep id or product id ("-" for deals with no product)'),
    label: z.string().describe('rep or product name'),
    won: money.describe('won revenue in the period'),
    deals: z.number().int().describe('deals won in the period'),
    target: money.nullable().describe('the rep\'s quota pro-rated to the period; null for products and reps without a quota'),
    attainment: attainmentField,
    trend: trendOutput,
    byBucket: z
      .array(z.object({ period: z.string().describe('bucket label'), wonMinor: z.number().int().describe('won revenue in the bucket, minor units') }).describe('the group\'s revenue in one bucket'))
      .describe('the group\'s revenue per bucket, in the report currency'),
  })
  .describe('won revenue of one rep or product');

export const revenueReport = defineTool({
  name: 'revenue_report',
  description:
    'Won revenue for a period (by close date), split into months, quarters or years, optionally by rep or product, against target (the reps\' quarterly quotas pro-rated: a month is a third of a quarter, a year four quarters) with attainment, and the change against the previous period of the same length. One currency at a time; only deals you can see.',
  input: z.object({
    period: periodInput.default('this_quarter'),
    bucket: z.enum(GRANULARITIES).optional().describe('split the period into months, quarters or years (default: months for a month or quarter, quarters for a year)'),
    groupBy: z.enum(['none', 'rep', 'product']).default('none').describe('also break the revenue down by rep (every rep in scope, even with nothing won) or by product'),
    owner: z.string().trim().min(1).optional().describe('only this person\'s deals and quota (id, email or name)'),
    team: z.string().trim().min(1).optional().describe('only this team\'s deals and quotas (team id or name)'),
    product: z.string().trim().min(1).optional().describe('only deals for this product (id, name or SKU); there is then no target, quotas are not per product'),
    currency: currencyField.default('USD').describe('report in this currency: deals in other currencies are counted apart, never summed in'),
  }),
  output: z.object({
    period: periodOutput,
    previousPeriod: periodOutput.describe('the period the trend compares against'),
    asOf: isoDateTime.describe('deals closed up to this instant count'),
    currency: z.string().describe('currency of every amount'),
    bucket: z.enum(GRANULARITIES).describe('the size of each bucket'),
    groupBy: z.enum(['none', 'rep', 'product']).describe('the breakdown used'),
    total: z
      .object({
        won: money.describe('won revenue in the period'),
        deals: z.number().int().describe('deals won in the period'),
        target: money.nullable().describe('sum of the reps\' quotas pro-rated to the period; null without quotas or with a product filter'),
        attainment: attainmentField,
        trend: trendOutput,
      })
      .describe('the whole period'),
    buckets: z.array(bucketRow).describe('the period split into buckets, in time order'),
    groups: z.array(groupRow).describe(`rows of the breakdown, largest first (at most ${GROUP_CAP}); empty when groupBy is none`),
    groupsTotal: z.number().int().describe('rows in the breakdown before the cap'),
    otherCurrencyDeals: z.number().int().describe('deals won in the period in other currencies, not summed'),
    notes: z.array(z.string()).describe('definitions and caveats behind the figures'),
    evidence: evidenceList,
  }),
  annotations: { title: 'Revenue report', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const period = parsePeriod(input.period, ctx.now);
    const bucket: Granularity = input.bucket ?? (period.granularity === 'year' ? 'quarter' : 'month');
    if (RANK[bucket] > RANK[period.granularity]) {
      throw invalidInput([{ field: 'bucket', message: `a ${bucket} does not fit inside the ${period.granularity} ${period.label}` }]);
    }
    const previous = previousPeriod(period);
    const currency = input.currency.toUpperCase();
    const { owner, team, product } = await resolveReportFilters(ctx, input);
    const filters = { ...(owner ? { ownerId: owner.id } : {}), ...(team ? { teamId: team.id } : {}), ...(product ? { productId: product.id } : {}) };
    // up to and including now: a period still running counts what has closed so far
    const cap = (p: Period) => ({ from: p.start, toExclusive: new Date(Math.min(p.end.getTime(), ctx.now.getTime() + 1)) });
    const [current, before, holders] = await Promise.all([
      closedDeals(ctx.db, ctx.scope, { ...cap(period), ...filters }),
      closedDeals(ctx.db, ctx.scope, { ...cap(previous), ...filters }),
      repQuotas(ctx.db, ctx.scope, { ...(team ? { teamId: team.id } : {}), ...(owner ? { userId: owner.id } : {}) }),
    ]);
    const inCurrency = (d: { currency: string }) => d.currency.trim().toUpperCase() === currency;
    const wonAll = current.filter((d) => d.outcome === 'won');
    const won = wonAll.filter(inCurrency);
    const previousWon = before.filter((d) => d.outcome === 'won' && inCurrency(d));
    const report = buildRevenueReport({ period, bucket, groupBy: input.groupBy, currency, now: ctx.now, won, previousWon, holders, productFiltered: product !== undefined });

    const notes = [
      'Won revenue = sum of the values of deals marked won, by their close date (UTC), that you can see.',
      `Target = the quarterly quotas of the reps in scope (active reps${team ? ` of team ${team.label}` : ''}${owner ? `; here ${owner.label}` : ''}), pro-rated: a month is quota / 3, a quarter the quota, a year quota x 4.`,
      `Trend compares with ${previous.label}, the previous period of the same length.`,
      ...(ctx.now < period.end ? [`${period.label} is still running (up to ${ctx.now.toISOString().slice(0, 10)}): its figures are to date, against a full-period target.`] : []),
      ...(product ? ['No target with a product filter: quotas are set per rep, not per product.'] : []),
      ...(input.groupBy === 'product' ? ['Products have no target of their own: quotas are set per rep.'] : []),
      ...targetNotes(targetOf(holders, period.granularity, currency), currency),
      ...(wonAll.length > won.length ? [`${wonAll.length - won.length} won deal(s) in other currencies are not included; ask for that currency to see them.`] : []),
    ];
    return {
      period: periodOf(period),
      previousPeriod: periodOf(previous),
      asOf: ctx.now.toISOString(),
      currency,
      bucket,
      groupBy: input.groupBy,
      total: report.total,
      buckets: report.buckets,
      groups: report.groups,
      groupsTotal: report.groupsTotal,
      otherCurrencyDeals: wonAll.length - won.length,
      notes,
      evidence: report.evidence,
    };
  },
});
