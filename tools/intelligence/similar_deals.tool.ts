import { z } from 'zod';
import { LEAD_SOURCES, OPPORTUNITY_STAGES } from '../../core/domain.ts';
import { nearestDealsInScope, type SimilarDeal } from '../../db/repos/intel-deals.ts';
import { invalidInput } from '../core/errors.ts';
import { evidenceList, isoDateTime, money, percent, pct, reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { searchBasis } from './deal-vector.ts';
import { summariseOutcomes } from './similar-summary.ts';

const profileInput = z
  .object({
    product: z.string().trim().min(1).optional().describe('product name, e.g. "Pipeline Cloud"'),
    industry: z.string().trim().min(1).optional().describe('the account\'s industry'),
    employees: z.number().int().min(1).optional().describe('the account\'s head count (banded: small < 200, mid < 1000, big)'),
    source: z.enum(LEAD_SOURCES).optional().describe('where the deal came from'),
    competitors: z.array(z.string().trim().min(1)).max(10).optional().describe('competitors in the deal ([] = none)'),
    region: z.string().trim().min(1).optional().describe('the account\'s region'),
  })
  .describe('a deal described by its facts, matched the way stored deals are profiled');

const dealRow = z
  .object({
    id: z.string().describe('deal id'),
    name: z.string().describe('deal name'),
    account: z.string().describe('account name'),
    owner: z.string().describe('owning rep'),
    product: z.string().nullable().describe('product'),
    stage: z.enum(OPPORTUNITY_STAGES).describe('stage now'),
    outcome: z.enum(['won', 'lost']).nullable().describe('how it ended (null = still open)'),
    value: money.describe('deal value'),
    discountPct: z.number().nullable().describe('discount off list, percent'),
    closeDate: isoDateTime.nullable().describe('when it closed'),
    competitors: z.array(z.string()).describe('competitors it faced'),
    reason: z.string().nullable().describe('the recorded won or lost reason'),
    similarity: z.number().describe('cosine similarity of the deal profiles, 1 = same profile'),
  })
  .describe('one similar deal');

export const similarDeals = defineTool({
  name: 'similar_deals',
  description:
    'Past deals most like a given deal (by id or name) or like a described one (facts and/or free text), found by vector search over deal ' +
    'profiles (product, industry, size, source, competitors, owner, team). Closed deals only unless includeOpen. Each with outcome, value, ' +
    'discount, close date and similarity; the summary gives the win rate among them and the value range of the won ones. Only deals you may see.',
  input: z.object({
    opportunity: reference('opportunity').optional().describe('the deal to compare with (id or name)'),
    profile: profileInput.optional(),
    description: z.string().trim().min(3).max(2000).optional().describe('free text about the deal, embedded as written'),
    includeOpen: z.boolean().default(false).describe('also return open deals (default: only closed ones)'),
    limit: z.number().int().min(1).max(50).default(10).describe('how many deals to return (1-50)'),
  }),
  output: z.object({
    basis: z
      .object({
        opportunityId: z.string().nullable().describe('the deal compared with, when one was named'),
        opportunity: z.string().nullable().describe('its name'),
        profileText: z.string().describe('the text whose embedding was searched with'),
      })
      .describe('what the search compared against'),
    deals: z.array(dealRow).describe('most similar first'),
    summary: z
      .object({
        closed: z.number().int().describe('closed deals among the results'),
        won: z.number().int().describe('won among them'),
        lost: z.number().int().describe('lost among them'),
        winRate: percent.nullable().describe('won / closed, percent; null when none closed'),
        wonValueRange: z
          .object({ min: money.describe('smallest won value'), max: money.describe('largest won value'), deals: z.number().int().describe('won deals in this currency') })
          .nullable()
          .describe('value range of the won deals (in their most common currency); null when none won'),
      })
      .describe('outcomes of the similar deals'),
    evidence: evidenceList,
  }),
  annotations: { title: 'Similar deals', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    if (!input.opportunity && !input.profile && !input.description) {
      throw invalidInput([{ field: 'opportunity', message: 'name a deal, or give a profile or a description' }]);
    }
    const basis = await searchBasis(ctx, input);
    const deals = await nearestDealsInScope(ctx.db, ctx.scope, basis.vector, {
      model: ctx.embedder.model,
      limit: input.limit,
      status: input.includeOpen ? 'all' : 'closed',
      asOf: ctx.now,
      ...(basis.opportunityId ? { excludeId: basis.opportunityId } : {}),
    });
    const summary = summariseOutcomes(deals);
    return {
      basis: { opportunityId: basis.opportunityId, opportunity: basis.name, profileText: basis.text },
      deals: deals.map(toRow),
      summary: {
        closed: summary.closed,
        won: summary.won,
        lost: summary.lost,
        winRate: summary.winRate === null ? null : pct(summary.winRate * 100),
        wonValueRange: summary.wonRange,
      },
      evidence: deals.map((d) => ({
        sourceId: d.id,
        kind: 'opportunity',
        date: d.closedAt?.toISOString() ?? null,
        quote: `${d.name} (${d.account}): ${d.outcome ?? d.stage}, ${d.valueMinor / 100} ${d.currency}, similarity ${d.similarity.toFixed(2)}`,
      })),
    };
  },
});

function toRow(d: SimilarDeal) {
  return {
    id: d.id,
    name: d.name,
    account: d.account,
    owner: d.owner,
    product: d.product,
    stage: d.stage,
    outcome: d.outcome,
    value: { amountMinor: d.valueMinor, currency: d.currency },
    discountPct: d.discountPct === null ? null : pct(d.discountPct),
    closeDate: d.closedAt?.toISOString() ?? null,
    competitors: d.competitors,
    reason: d.outcome === 'won' ? d.wonReason : d.outcome === 'lost' ? d.lostReason : null,
    similarity: d.similarity,
  };
}
