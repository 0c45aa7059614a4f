import { z } from 'zod';
import { FORECAST_CATEGORIES, OUTCOMES } from '../../core/domain.ts';
import { searchOpportunities } from '../../db/repos/opportunities.ts';
import { resolveAccount, resolveProduct, resolveUser } from '../core/resolve.ts';
import { invalidInput } from '../core/errors.ts';
import { isoDate, isoDateTime, money, pageInput, pageOutput, pct, percent } from '../core/schemas.ts';
import { closeDays, spanInput } from '../analytics/period.ts';
import { defineTool } from '../registry.ts';
import { daysBetween, moneyOf, stageField } from './opportunity-shared.ts';

const dealRow = z
  .object({
    id: z.string().describe('opportunity id'),
    name: z.string().describe('deal name'),
    account: z.string().describe('account (company) name'),
    owner: z.string().describe('owning rep'),
    product: z.string().nullable().describe('main product, if set'),
    stage: stageField.describe('current stage'),
    daysInStage: z.number().describe('days since the deal entered its current stage, as of now (one decimal)'),
    value: money.describe('deal value'),
    probability: percent.nullable().describe('probability stored on the deal (rep or model), null if never set'),
    expectedCloseDate: isoDate.nullable().describe('expected close date'),
    forecastCategory: z.enum(FORECAST_CATEGORIES).describe('forecast category'),
    outcome: z.enum(OUTCOMES).nullable().describe('won or lost once closed, else null'),
    closedAt: isoDateTime.nullable().describe('when it closed, null while open'),
  })
  .describe('one deal');

export const opportunitySearch = defineTool({
  name: 'opportunity_search',
  description:
    'Find deals you can see: filter by stage(s), owner, account, product, value range, probability range, expected close date (period or from/to), open or closed, and minimum days in the current stage; free text over deal and account name. Paginated; sorted by expected close date (soonest first) unless asked otherwise.',
  input: z.object({
    query: z.string().trim().max(200).optional().describe('free text: part of the deal or account name'),
    stages: z.array(stageField.describe('a stage')).max(7).optional().describe('only deals in one of these stages'),
    owner: z.string().trim().min(1).optional().describe('only deals owned by this rep (id, email or name)'),
    account: z.string().trim().min(1).optional().describe('only deals at this account (id, name or domain)'),
    product: z.string().trim().min(1).optional().describe('only deals for this product (id, name or SKU)'),
    valueMin: z.number().int().min(0).optional().describe('lowest deal value to include, minor units (cents)'),
    valueMax: z.number().int().min(0).optional().describe('highest deal value to include, minor units (cents)'),
    probabilityMin: z.number().min(0).max(100).optional().describe('lowest stored win probability to include, 0-100'),
    probabilityMax: z.number().min(0).max(100).optional().describe('highest stored win probability to include, 0-100'),
    period: spanInput.optional().describe('only deals expected to close in this period: "2026-Q3", "2026-07", next_month, this_quarter, this_week...; or give from/to'),
    from: isoDate.optional().describe('only deals expected to close on or after this date (instead of period)'),
    to: isoDate.optional().describe('only deals expected to close on or before this date, inclusive (instead of period)'),
    status: z.enum(['open', 'closed', 'all']).default('all').describe('open deals, closed (won or lost) deals, or all'),
    minDaysInStage: z.number().min(0).max(3650).optional().describe('only deals that have sat in their current stage at least this many days'),
    sort: z
      .enum(['expected_close', 'value', 'probability', 'days_in_stage', 'name', 'updated'])
      .default('expected_close')
      .describe('sort key: expected close date, value, probability, days in stage, name or last update'),
    direction: z.enum(['asc', 'desc']).default('asc').describe('asc = soonest / smallest / shortest first'),
    ...pageInput,
  }),
  output: z.object({ opportunities: z.array(dealRow).describe('the page of matching deals'), page: pageOutput }),
  annotations: { title: 'Search opportunities', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const issues = [
      ...(input.valueMin !== undefined && input.valueMax !== undefined && input.valueMin > input.valueMax ? [{ field: 'valueMin', message: 'must not exceed valueMax' }] : []),
      ...(input.probabilityMin !== undefined && input.probabilityMax !== undefined && input.probabilityMin > input.probabilityMax
        ? [{ field: 'probabilityMin', message: 'must not exceed probabilityMax' }]
        : []),
    ];
    const close = closeDays(input, ctx.now);
    if (issues.length > 0) throw invalidInput(issues);
    const [ownerId, accountId, productId] = await Promise.all([
      input.owner ? resolveUser(ctx, input.owner).then((m) => m.id) : undefined,
      input.account ? resolveAccount(ctx, input.account).then((m) => m.id) : undefined,
      input.product ? resolveProduct(ctx, input.product).then((m) => m.id) : undefined,
    ]);
    const { rows, total } = await searchOpportunities(
      ctx.db,
      ctx.scope,
      {
        asOf: ctx.now,
        ...(input.query ? { query: input.query } : {}),
        ...(input.stages ? { stages: input.stages } : {}),
        ...(ownerId ? { ownerId } : {}),
        ...(accountId ? { accountId } : {}),
        ...(productId ? { productId } : {}),
        ...(input.valueMin !== undefined ? { valueMin: input.valueMin } : {}),
        ...(input.valueMax !== undefined ? { valueMax: input.valueMax } : {}),
        ...(input.probabilityMin !== undefined ? { probabilityMin: input.probabilityMin } : {}),
        ...(input.probabilityMax !== undefined ? { probabilityMax: input.probabilityMax } : {}),
        ...(close.firstDay ? { closeFrom: close.firstDay } : {}),
        ...(close.lastDay ? { closeTo: close.lastDay } : {}),
        ...(input.status !== 'all' ? { status: input.status } : {}),
        ...(input.minDaysInStage !== undefined ? { minDaysInStage: input.minDaysInStage } : {}),
      },
      { limit: input.limit, offset: input.offset, sort: input.sort, direction: input.direction },
    );
    return {
      opportunities: rows.map((r) => ({
        id: r.id,
        name: r.name,
        account: r.accountName,
        owner: r.ownerName,
        product: r.productName,
        stage: r.stage,
        daysInStage: daysBetween(r.stageEnteredAt, ctx.now),
        value: moneyOf(r.valueMinor, r.currency),
        probability: r.probability === null ? null : pct(r.probability),
        expectedCloseDate: r.expectedCloseDate,
        forecastCategory: r.forecastCategory,
        outcome: r.outcome,
        closedAt: r.closedAt?.toISOString() ?? null,
      })),
      page: { total, limit: input.limit, offset: input.offset, hasMore: input.offset + rows.length < total },
    };
  },
});
