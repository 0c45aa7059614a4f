import { z } from 'zod';
import { nearestDeals, storedDealEmbedding } from '../../db/repos/deal-embeddings.ts';
import { dealRecord, touchesBefore } from '../../db/repos/opportunity-history.ts';
import { inScope } from '../../db/repos/scope.ts';
import { conflict, notFound } from '../core/errors.ts';
import { resolveOpportunity } from '../core/resolve.ts';
import { evidenceList, isoDateTime, pct, percent, reference } from '../core/schemas.ts';
import { profileTextOf } from '../intelligence/deal-embeddings.ts';
import { defineTool } from '../registry.ts';
import { isOpenStage } from '../../db/repos/opportunities.ts';
import { openDealFactsAt } from './opportunity-win-history.ts';
import { storeWinModel } from './opportunity-win-model.ts';
import { stageField } from './opportunity-shared.ts';
import { predictWinProbability, type Neighbour } from './win-probability/model.ts';

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

const part = z
  .object({
    name: z
      .string()
      .describe('stage_prior, baseline_adjustment, similar_deals, fact_likelihood, engagement_recency, aging, fact:<key>, calibration or prior_weight'),
    value: z
      .union([z.number(), z.string()])
      .nullable()
      .describe('what the part reads: a rate 0-1, a log ratio, a day count, a ratio to the stage median, a fact, a weight 0-1'),
    effect: z.number().describe('its contribution on the log-odds scale; the effects add up to the log-odds of the probability'),
    note: z.string().describe('the part in words'),
  })
  .describe('one part of the probability');

export const opportunityWinProbability = defineTool({
  name: 'opportunity_win_probability',
  description:
    'Calibrated win probability of an open deal (0-100) from the org\'s own history, with its parts: the stage\'s historical win rate, the outcomes of the most similar closed deals (vector search over deal profiles, named), days since the last touch, time in stage against how long closed deals usually stayed, and the deal\'s facts. Read-only: the deal\'s stored probability is not changed.',
  input: z.object({
    opportunity: reference('opportunity'),
  }),
  output: z.object({
    opportunityId: z.string().describe('the deal scored'),
    opportunity: z.string().describe('its name'),
    account: z.string().describe('its account'),
    stage: stageField.describe('its current stage'),
    probability: percent.describe('calibrated win probability, 0-100'),
    rawProbability: percent.describe('the model\'s probability before calibration'),
    storedProbability: percent.nullable().describe('the probability stored on the deal (rep or import), for comparison; not changed'),
    parts: z.array(part).describe('what the probability is made of'),
    similarDeals: z
      .array(
        z
          .object({
            id: z.string().describe('deal id'),
            name: z.string().describe('deal name'),
            account: z.string().describe('account'),
            outcome: z.enum(['won', 'lost']).describe('how it ended'),
            similarity: z.number().describe('cosine similarity of the deal profiles, 1 = same profile'),
          })
          .describe('a similar closed deal'),
      )
      .describe('the most similar closed deals you may see, most similar first (at most 5)'),
    otherSimilarDeals: z
      .object({
        count: z.number().int().describe('similar deals used that belong to other teams'),
        won: z.number().int().describe('of which won'),
        lost: z.number().int().describe('of which lost'),
      })
      .describe('similar deals that count in the probability but are outside what you may see, so not named'),
    model: z
      .object({
        asOf: isoDateTime.describe('the fit used deals closed, stage moves and touches before this instant (start of today, UTC)'),
        closedDeals: z.number().int().describe('closed deals it learned from'),
        examples: z.number().int().describe('training rows: each closed deal as it stood every 14 days while it was open'),
        calibrated: z.boolean().describe('false when there were too few wins or losses to calibrate (fewer than 5 of either)'),
        cached: z.boolean().describe('true when the fitted model came from memory'),
        fitMs: z.number().int().describe('how long the fit took'),
      })
      .describe('the model behind the number'),
    evidence: evidenceList,
  }),
  annotations: { title: 'Win probability', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const match = await resolveOpportunity(ctx, input.opportunity);
    const record = await dealRecord(ctx.db, ctx.scope, match.id);
    if (!record) throw notFound('opportunity', input.opportunity);
    if (!isOpenStage(record.stage)) {
      throw conflict(`${match.label} is already ${record.stage}: its outcome is known`, 'score an open deal, or see win_loss_analysis for closed ones');
    }
    const { fitted, cached } = await storeWinModel(ctx.db, ctx.embedder, ctx.now);
    const { model } = fitted;

    const touches = await touchesBefore(ctx.db, ctx.now, [record.id]);
    // no stays: the stage and its start come from the deal row, which is the truth now
    const facts = openDealFactsAt(record, { stays: [], touches: touches.map((t) => t.at) }, ctx.now);

    const vector =
      (await storedDealEmbedding(ctx.db, ctx.scope, record.id, ctx.embedder.model)) ?? (await ctx.embedder.embed([profileTextOf(record)]))[0];
    if (!vector) throw new Error('the embedder returned no vector');
    const near = (await nearestDeals(ctx.db, vector, { model: ctx.embedder.model, limit: model.options.k, excludeId: record.id, closedBefore: ctx.now }))
      .filter((d): d is typeof d & { outcome: 'won' | 'lost' } => d.outcome !== null);
    const neighbours: Neighbour[] = near.map((d) => ({ id: d.id, similarity: d.similarity, won: d.outcome === 'won' }));
    const result = predictWinProbability(model, facts, neighbours);

    const visible = near.filter((d) => inScope(ctx.scope, d.ownerId));
    const hidden = near.filter((d) => !inScope(ctx.scope, d.ownerId));
    const similarDeals = visible.slice(0, 5).map((d) => ({ id: d.id, name: d.name, account: d.account, outcome: d.outcome, similarity: round(d.similarity, 4) }));
    const lastTouch = touches[touches.length - 1];
    const evidence = [
      { sourceId: record.id, kind: 'stage', date: record.stageEnteredAt.toISOString(), quote: `in ${record.stage} since ${record.stageEnteredAt.toISOString().slice(0, 10)} (${facts.daysInStage} days)` },
      ...(lastTouch
        ? [{ sourceId: lastTouch.id, kind: lastTouch.type, date: lastTouch.at.toISOString(), quote: `last touch${lastTouch.subject ? `: ${lastTouch.subject}` : ''} (${facts.daysSinceLastTouch} days ago)` }]
        : []),
      ...similarDeals.map((d) => ({
        sourceId: d.id,
        kind: 'opportunity',
        date: near.find((n) => n.id === d.id)?.closedAt?.toISOString() ?? null,
        quote: `${d.name} (${d.account}): ${d.outcome}, similarity ${d.similarity.toFixed(2)}`,
      })),
    ];

    return {
      opportunityId: record.id,
      opportunity: record.name,
      account: record.accountName,
      stage: record.stage,
      probability: pct(result.probability * 100),
      rawProbability: pct(result.rawProbability * 100),
      storedProbability: record.probability === null ? null : pct(record.probability),
      parts: result.parts.map((p) => ({ name: p.name, value: typeof p.value === 'number' ? round(p.value, 4) : p.value, effect: round(p.effect, 3), note: p.note })),
      similarDeals,
      otherSimilarDeals: { count: hidden.length, won: hidden.filter((d) => d.outcome === 'won').length, lost: hidden.filter((d) => d.outcome === 'lost').length },
      model: {
        asOf: fitted.cutoff.toISOString(),
        closedDeals: model.training.history,
        examples: model.training.examples,
        calibrated: model.training.outOfFoldLogLoss !== null,
        cached,
        fitMs: fitted.fitMs,
      },
      evidence,
    };
  },
});
