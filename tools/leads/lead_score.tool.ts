import { z } from 'zod';
import { LEAD_STAGES, LEAD_STATUSES } from '../../core/domain.ts';
import { leadSignals, scoringReference } from '../../db/repos/lead-signals.ts';
import { listLeadsToScore } from '../../db/repos/lead-scores.ts';
import { forbidden, invalidInput, notFound } from '../core/errors.ts';
import { resolveLead, resolveUser } from '../core/resolve.ts';
import { evidenceList, percent, reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { LEAD_SCORE_PARTS } from './lead-score-model.ts';
import { fitAndStoreLeadScoreModel, loadLeadScoreModel } from './score-model-config.ts';
import { effectiveWeights, scoreAndRecord } from './score-run.ts';
import { shortQuote } from './lead-text.ts';

const BATCH_CAP = 25;
const partEnum = z.enum(LEAD_SCORE_PARTS);
const weight = (part: string) => z.number().min(0).max(5).optional().describe(`multiplier on the ${part} part (default 1, 0 ignores it)`);

const scoredLead = z
  .object({
    leadId: z.string().describe('lead id'),
    lead: z.string().describe('lead name'),
    score: z.number().int().describe('score 0-100 = round(100 * sigmoid(weighted log-odds))'),
    grade: z.enum(['A', 'B', 'C', 'D']).describe('A >= 75, B >= 50, C >= 25, else D'),
    probability: percent.describe('the model\'s conversion probability (unweighted), percent'),
    parts: z
      .array(
        z
          .object({
            part: partEnum.describe('behavioural, demographic, fit or engagement'),
            score: z.number().int().describe('part score 0-100; 50 = an average lead on this part'),
            contribution: z.number().describe('weighted log-odds the part adds, relative to an average lead'),
            weight: z.number().describe('the weight used for the part'),
            reasons: z.array(z.string()).describe('its largest contributions in words, biggest first'),
          })
          .describe('one part of the score'),
      )
      .describe('the four parts'),
    change: z
      .object({
        previousScore: z.number().int().nullable().describe('score of the previous history row (before now)'),
        previousGrade: z.string().nullable().describe('its grade'),
        previousAt: z.string().nullable().describe('when it was computed'),
        delta: z.number().int().nullable().describe('score minus the previous; null when first scored'),
        direction: z.enum(['up', 'down', 'same', 'new']).describe('direction of the change'),
        gradeChanged: z.boolean().describe('whether the grade changed'),
        partDeltas: z.record(z.string(), z.number()).nullable().describe('change of each part score'),
      })
      .describe('change since the previous score history row'),
    features: z
      .array(
        z
          .object({
            part: partEnum.describe('the part the feature belongs to'),
            name: z.string().describe('feature name'),
            value: z.union([z.number(), z.string(), z.boolean(), z.null()]).describe('value read from the store (null = unknown)'),
          })
          .describe('one feature'),
      )
      .describe('the features the score was computed from'),
    recorded: z.boolean().describe('false when an identical row at this instant already existed'),
  })
  .describe('one scored lead');

export const leadScore = defineTool({
  name: 'lead_score',
  description:
    'Score a lead (or a small batch by filter, at most 25) 0-100 with grade A-D from four parts: behavioural (email opens/clicks/replies, web visits), demographic (seniority, company size, industry), fit (industry/product match, budget, decision maker) and engagement (recency, interactions, meetings), each with reasons, read from the store as of now. Stores the score and a score history row and reports the change since the previous one. Admins can refit the model on leads with known outcomes (fit: true).',
  input: z.object({
    lead: reference('lead').optional().describe('the lead to score (id, email or name); or use filter'),
    filter: z
      .object({
        lifecycleStage: z.enum(LEAD_STAGES).optional().describe('only leads at this stage'),
        status: z.enum(LEAD_STATUSES).optional().describe('only leads with this status'),
        owner: z.string().trim().min(1).optional().describe('only leads of this rep (id, email or name)'),
        unscoredOnly: z.boolean().optional().describe('only leads never scored'),
        limit: z.number().int().min(1).max(BATCH_CAP).default(10).describe(`how many leads (1-${BATCH_CAP}), never-scored and longest-unscored first`),
      })
      .optional()
      .describe('score a batch of your leads instead of one'),
    weights: z
      .object({ behavioural: weight('behavioural'), demographic: weight('demographic'), fit: weight('fit'), engagement: weight('engagement') })
      .optional()
      .describe('part weights; leave out for the model as fitted'),
    fit: z.boolean().optional().describe('admins only: refit the model on leads whose outcome is known now and store it before scoring'),
  }),
  output: z.object({
    results: z.array(scoredLead).describe('the scored leads'),
    model: z
      .object({
        source: z.enum(['stored', 'default', 'fitted']).describe('stored config, the hand-set default, or fitted by this call'),
        description: z.string().nullable().describe('what the model is'),
        examples: z.number().int().nullable().describe('leads it was fitted on (null for a hand-set model)'),
        positives: z.number().int().nullable().describe('converted leads among them'),
      })
      .describe('the model used'),
    evidence: evidenceList,
  }),
  annotations: { title: 'Score leads', readOnlyHint: false, destructiveHint: false, idempotentHint: true, approval: 'none' },
  minRole: 'rep',
  async execute(input, ctx) {
    if (!input.lead && !input.filter && !input.fit) throw invalidInput([{ field: 'lead', message: 'name a lead, or give a filter' }]);
    if (input.lead && input.filter) throw invalidInput([{ field: 'filter', message: 'give either a lead or a filter, not both' }]);
    if (input.fit && ctx.actor.role !== 'admin') throw forbidden('Only an admin may refit the lead score model', 'score without fit: true');

    const loaded = input.fit
      ? { model: await fitAndStoreLeadScoreModel(ctx.db, ctx.scope, ctx.now), source: 'fitted' as const }
      : await loadLeadScoreModel(ctx.db);

    let targets: { id: string; fullName: string }[] = [];
    if (input.lead) {
      const match = await resolveLead(ctx, input.lead);
      targets = [{ id: match.id, fullName: match.label }];
    } else if (input.filter) {
      const { owner, limit, ...rest } = input.filter;
      const ownerId = owner ? (await resolveUser(ctx, owner)).id : undefined;
      targets = await listLeadsToScore(ctx.db, ctx.scope, { ...rest, ...(ownerId ? { ownerId } : {}) }, limit);
    }

    const weights = effectiveWeights(input.weights);
    const reference = await scoringReference(ctx.db);
    const signals = await leadSignals(ctx.db, ctx.scope, targets.map((t) => ({ leadId: t.id, asOf: ctx.now })));
    if (input.lead && signals.length === 0) throw notFound('lead', input.lead);
    const names = new Map(targets.map((t) => [t.id, t.fullName]));
    const results = [];
    const evidence = [];
    for (const row of signals.sort((a, b) => targets.findIndex((t) => t.id === a.leadId) - targets.findIndex((t) => t.id === b.leadId))) {
      const scored = await scoreAndRecord(ctx, row, reference, loaded.model, weights);
      results.push({ ...scored, lead: names.get(row.leadId) ?? row.leadId });
      if (row.lastActivity) {
        evidence.push({
          sourceId: row.lastActivity.id,
          kind: row.lastActivity.kind,
          date: row.lastActivity.at.toISOString(),
          quote: `last activity of ${names.get(row.leadId) ?? 'the lead'}: ${shortQuote(row.lastActivity.quote, 120)}`,
        });
      }
    }
    return {
      results,
      model: {
        source: loaded.source,
        description: loaded.model.description ?? null,
        examples: loaded.model.fit?.examples ?? null,
        positives: loaded.model.fit?.positives ?? null,
      },
      evidence,
    };
  },
  audit: (_input, output) => [
    ...(output.model.source === 'fitted'
      ? [{ action: 'lead_score.model_fitted', changes: { examples: output.model.examples, positives: output.model.positives } }]
      : []),
    ...output.results.map((r) => ({
      action: r.recorded ? 'lead.scored' : 'lead.score_unchanged',
      recordType: 'lead' as const,
      recordId: r.leadId,
      changes: { score: { from: r.change.previousScore, to: r.score }, grade: { from: r.change.previousGrade, to: r.grade } },
    })),
  ],
});
