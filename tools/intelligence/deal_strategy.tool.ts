import { z } from 'zod';
import { OBJECTION_TYPES } from '../../core/domain.ts';
import { nearestDealsInScope } from '../../db/repos/intel-deals.ts';
import { conflict } from '../core/errors.ts';
import { resolveOpportunity } from '../core/resolve.ts';
import { evidenceList, isoDateTime, money, percent, reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { searchBasis } from './deal-vector.ts';
import { ACTIONS, candidateActions } from './next-actions.ts';
import { loadDealFacts } from './record-facts.ts';
import { scanRisks } from './risk-scan.ts';
import { signalOutput } from './risk-schema.ts';
import { DEFAULT_RISK_THRESHOLDS } from './risk-thresholds.ts';
import { competitorPositions, negotiationAdvice, priceSuggestion, STAGE_APPROACH } from './strategy-parts.ts';

const SIMILAR_WON = 10;

export const dealStrategy = defineTool({
  name: 'deal_strategy',
  description:
    'A strategy for one open deal: the approach for its stage with the top next actions; competitive positioning per competitor on the deal ' +
    '(win rate against it across closed deals with counts, the most common lost reasons, what won deals against it said); a price range from ' +
    'similar won deals (value and discount p25-p75, the deals named; none when fewer than 3); negotiation advice from the objections raised; ' +
    'and the risk signals on the deal.',
  input: z.object({ opportunity: reference('opportunity') }),
  output: z.object({
    deal: z
      .object({
        id: z.string().describe('deal id'),
        name: z.string().describe('deal name'),
        account: z.string().describe('account'),
        stage: z.string().describe('current stage'),
        value: money.describe('deal value now'),
        competitors: z.array(z.string()).describe('competitors on the deal'),
      })
      .describe('the deal'),
    approach: z
      .object({
        stageFocus: z.string().describe('what this stage is for (sales heuristic)'),
        steps: z
          .array(
            z
              .object({ action: z.enum(ACTIONS).describe('kind of action'), title: z.string().describe('the step'), reason: z.string().describe('why, from the deal\'s facts') })
              .describe('one step'),
          )
          .describe('the top next actions (see next_best_action for their measured effects)'),
      })
      .describe('how to play the deal now'),
    competitivePositioning: z
      .array(
        z
          .object({
            competitor: z.string().describe('competitor name'),
            closedDeals: z.number().int().describe('closed deals in the store that faced it (this one excluded)'),
            won: z.number().int().describe('of those, won'),
            lost: z.number().int().describe('of those, lost'),
            winRate: percent.nullable().describe('won / closed against it, percent; null when none closed'),
            lostToThem: z.number().int().describe('lost deals recorded as lost to this competitor'),
            topLostReasons: z
              .array(z.object({ reason: z.string().describe('lost reason'), count: z.number().int().describe('deals') }).describe('a lost reason'))
              .describe('most common lost reasons in deals against it'),
            wonDealMentions: z
              .array(z.object({ deal: z.string().describe('won deal'), quote: z.string().describe('the passage naming the competitor') }).describe('a mention'))
              .describe('what was said about it in won deals you can see'),
            evidence: evidenceList,
          })
          .describe('the record against one competitor'),
      )
      .describe('one entry per competitor on the deal'),
    pricing: z
      .object({
        suggestion: z
          .object({
            valueLow: money.describe('p25 of similar won deal values'),
            valueHigh: money.describe('p75 of similar won deal values'),
            discountLowPct: z.number().nullable().describe('p25 of their discounts, percent (null when none recorded)'),
            discountHighPct: z.number().nullable().describe('p75 of their discounts, percent'),
            currentValuePosition: z.enum(['below', 'within', 'above']).describe('where this deal\'s value sits against the range'),
          })
          .nullable()
          .describe('null when fewer than 3 similar won deals'),
        reason: z.string().describe('how the range was made, or why there is none'),
        deals: z
          .array(
            z
              .object({
                id: z.string().describe('deal id'),
                name: z.string().describe('deal name'),
                valueMinor: z.number().int().describe('won value, minor units'),
                discountPct: z.number().nullable().describe('discount, percent'),
                similarity: z.number().describe('profile similarity to this deal'),
              })
              .describe('a similar won deal'),
          )
          .describe('the similar won deals the range comes from'),
      })
      .describe('price suggestion from similar won deals'),
    negotiation: z
      .array(
        z
          .object({
            objectionType: z.enum(OBJECTION_TYPES).describe('kind of objection'),
            count: z.number().int().describe('times raised on this deal'),
            lastRaised: isoDateTime.describe('when last raised'),
            advice: z.string().describe('how to handle it (sales heuristic)'),
            evidence: evidenceList,
          })
          .describe('one kind of objection'),
      )
      .describe('objections raised on the deal, most frequent first'),
    risks: z
      .object({
        severity: z.enum(['low', 'medium', 'high']).nullable().describe('risk severity, null when no signal fires'),
        signals: z.array(signalOutput).describe('the risk signals firing on the deal'),
      })
      .describe('risk scan of this deal'),
    evidence: evidenceList,
  }),
  annotations: { title: 'Deal strategy', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const match = await resolveOpportunity(ctx, input.opportunity);
    const t = DEFAULT_RISK_THRESHOLDS;
    const facts = await loadDealFacts(ctx, match.id, input.opportunity, t);
    const d = facts.deal.context;
    if (d.closedAt || d.stage.startsWith('closed')) throw conflict(`${d.name} is already closed (${d.stage})`, 'strategy is for open deals; try win_loss_analysis');

    const steps = candidateActions(facts).slice(0, 3).map((c) => ({ action: c.action, title: c.title, reason: c.reason }));
    const competitivePositioning = await competitorPositions(ctx, d);
    const basis = await searchBasis(ctx, { opportunity: d.id });
    const similarWon = await nearestDealsInScope(ctx.db, ctx.scope, basis.vector, { model: ctx.embedder.model, limit: SIMILAR_WON, status: 'won', asOf: ctx.now, excludeId: d.id });
    const pricing = priceSuggestion(d, similarWon);
    const negotiation = negotiationAdvice(facts.timeline);
    const [alert] = (await scanRisks(ctx, t, { opportunityIds: [d.id] })).alerts;
    const risks = { severity: alert?.severity ?? null, signals: alert?.signals ?? [] };

    return {
      deal: { id: d.id, name: d.name, account: d.account, stage: d.stage, value: { amountMinor: d.valueMinor, currency: d.currency }, competitors: d.competitors },
      approach: { stageFocus: STAGE_APPROACH[d.stage], steps },
      competitivePositioning,
      pricing,
      negotiation,
      risks,
      evidence: [
        ...competitivePositioning.flatMap((c) => c.evidence),
        ...pricing.deals.map((p) => ({ sourceId: p.id, kind: 'opportunity', date: null, quote: `${p.name}: won at ${p.valueMinor / 100} ${d.currency}${p.discountPct === null ? '' : `, ${p.discountPct}% discount`}` })),
        ...negotiation.flatMap((n) => n.evidence),
        ...risks.signals.flatMap((s) => s.evidence),
      ],
    };
  },
});
