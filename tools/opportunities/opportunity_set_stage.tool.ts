import { z } from 'zod';
import { OUTCOMES } from '../../core/domain.ts';
import { appendStageHistory, getOpportunityRow, isOpenStage, updateOpportunity, type NewOpportunityRow, type OpportunityRow } from '../../db/repos/opportunities.ts';
import { conflict, forbidden, invalidInput, notFound } from '../core/errors.ts';
import { resolveOpportunity } from '../core/resolve.ts';
import { isoDateTime, reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { stageField } from './opportunity-shared.ts';

const text = (what: string) => z.string().trim().min(3, `say ${what}, in a few words`).max(500);

export const opportunitySetStage = defineTool({
  name: 'opportunity_set_stage',
  description:
    'Move a deal to another stage with a reason; the move is kept in the stage history with the deal\'s probability, value and close date at that moment. Closing as won needs wonReason, as lost needs lostReason (and optionally lostToCompetitor); closing sets the outcome, the close time and the closed forecast category. A closed deal is only reopened with reopen: true, by a manager or admin. Setting the stage the deal already has changes nothing.',
  input: z.object({
    opportunity: reference('opportunity'),
    stage: stageField.describe('the new stage'),
    reason: text('why the stage changes').describe('why the stage changes (kept in history)'),
    wonReason: text('why it was won').optional().describe('why the deal was won: required for closed_won'),
    lostReason: text('why it was lost').optional().describe('why the deal was lost: required for closed_lost'),
    lostToCompetitor: z.string().trim().min(1).max(200).optional().describe('the competitor that won instead (closed_lost only)'),
    reopen: z.boolean().optional().describe('true = allow moving a closed deal back (managers and admins only)'),
  }),
  output: z.object({
    opportunityId: z.string().describe('the deal'),
    opportunity: z.string().describe('the deal\'s name'),
    from: stageField.describe('stage before'),
    to: stageField.describe('stage after'),
    changed: z.boolean().describe('false when the deal was already at that stage'),
    reopened: z.boolean().describe('true when a closed deal was reopened'),
    outcome: z.enum(OUTCOMES).nullable().describe('won or lost once closed, else null'),
    closedAt: isoDateTime.nullable().describe('when it closed, null while open'),
    probability: z.number().nullable().describe('the deal\'s probability after the move (100 when won, 0 when lost, cleared on reopen)'),
    written: z
      .array(z.object({ field: z.string().describe('column'), from: z.unknown().describe('before'), to: z.unknown().describe('after') }).describe('one column'))
      .describe('every column the move wrote, with its value before and after (what audit_undo puts back)'),
  }),
  annotations: { title: 'Set opportunity stage', readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const match = await resolveOpportunity(ctx, input.opportunity);
    const deal = await getOpportunityRow(ctx.db, ctx.scope, match.id);
    if (!deal) throw notFound('opportunity', input.opportunity);
    const unchanged = {
      opportunityId: deal.id, opportunity: deal.name, from: deal.stage, to: deal.stage, changed: false, reopened: false,
      outcome: deal.outcome, closedAt: deal.closedAt?.toISOString() ?? null, probability: deal.probability, written: [],
    };
    if (deal.stage === input.stage) return unchanged;

    const issues = [
      ...(input.stage === 'closed_won' && !input.wonReason ? [{ field: 'wonReason', message: 'say why the deal was won to close it as won' }] : []),
      ...(input.stage === 'closed_lost' && !input.lostReason ? [{ field: 'lostReason', message: 'say why the deal was lost to close it as lost' }] : []),
      ...(input.stage !== 'closed_won' && input.wonReason ? [{ field: 'wonReason', message: 'only for closed_won' }] : []),
      ...(input.stage !== 'closed_lost' && (input.lostReason || input.lostToCompetitor) ? [{ field: input.lostReason ? 'lostReason' : 'lostToCompetitor', message: 'only for closed_lost' }] : []),
    ];
    if (issues.length > 0) throw invalidInput(issues);

    const wasClosed = !isOpenStage(deal.stage);
    if (wasClosed && !input.reopen) {
      throw conflict(
        `${deal.name} is already ${deal.stage} (closed ${deal.closedAt?.toISOString().slice(0, 10) ?? 'earlier'}); moving it to ${input.stage} would reopen it`,
        'call again with reopen: true if it really must be reopened (managers and admins only)',
      );
    }
    if (wasClosed && ctx.actor.role === 'rep') throw forbidden('A rep cannot reopen a closed deal', 'ask your manager to reopen it');

    const closing = !isOpenStage(input.stage);
    const set: Partial<NewOpportunityRow> = { stage: input.stage, stageEnteredAt: ctx.now, updatedAt: ctx.now };
    if (closing) {
      const won = input.stage === 'closed_won';
      Object.assign(set, {
        outcome: won ? 'won' : 'lost',
        closedAt: ctx.now,
        forecastCategory: 'closed',
        probability: won ? 100 : 0,
        wonReason: won ? input.wonReason : null,
        lostReason: won ? null : input.lostReason,
        lostToCompetitor: won ? null : (input.lostToCompetitor ?? null),
      } satisfies Partial<NewOpportunityRow>);
    } else if (wasClosed) {
      // reopened: the old outcome no longer holds, and its 100 / 0 probability would mislead the pipeline
      Object.assign(set, {
        outcome: null, closedAt: null, forecastCategory: 'pipeline', probability: null, wonReason: null, lostReason: null, lostToCompetitor: null,
      } satisfies Partial<NewOpportunityRow>);
    }
    const written = await updateOpportunity(ctx.db, ctx.scope, deal.id, set);
    if (!written) throw notFound('opportunity', input.opportunity);
    const probability = set.probability === undefined ? deal.probability : set.probability;
    await appendStageHistory(ctx.db, {
      opportunityId: deal.id,
      fromStage: deal.stage,
      toStage: input.stage,
      // what the deal looked like as it entered the stage
      probability,
      valueMinor: deal.valueMinor,
      expectedCloseDate: deal.expectedCloseDate,
      reason: input.reason,
      changedById: ctx.actor.userId,
      changedAt: ctx.now,
    });
    return {
      opportunityId: deal.id,
      opportunity: deal.name,
      from: deal.stage,
      to: input.stage,
      changed: true,
      reopened: wasClosed,
      outcome: closing ? (input.stage === 'closed_won' ? 'won' as const : 'lost' as const) : null,
      closedAt: closing ? ctx.now.toISOString() : null,
      probability: probability ?? null,
      written: writtenColumns(deal, set),
    };
  },
  audit: (input, output) => ({
    action: !output.changed ? 'opportunity.stage_unchanged' : output.reopened ? 'opportunity.reopened' : output.outcome ? `opportunity.closed_${output.outcome}` : 'opportunity.stage_changed',
    recordType: 'opportunity',
    recordId: output.opportunityId,
    changes: {
      stage: { from: output.from, to: output.to },
      reason: input.reason,
      ...(input.wonReason ? { wonReason: input.wonReason } : {}),
      ...(input.lostReason ? { lostReason: input.lostReason } : {}),
      ...(input.lostToCompetitor ? { lostToCompetitor: input.lostToCompetitor } : {}),
      // every column written, { from, to }, so the move can be undone exactly (stage, close fields, probability...)
      ...Object.fromEntries(output.written.map((c) => [c.field, { from: c.from, to: c.to }])),
    },
  }),
});

const jsonValue = (v: unknown) => (v instanceof Date ? v.toISOString() : (v ?? null));

/** The columns a move set, each with the stored value before it (updatedAt is bookkeeping, not a change). */
function writtenColumns(deal: OpportunityRow, set: Partial<NewOpportunityRow>): { field: string; from: unknown; to: unknown }[] {
  return Object.entries(set)
    .filter(([field]) => field !== 'updatedAt')
    .map(([field, to]) => ({ field, from: jsonValue(deal[field as keyof OpportunityRow]), to: jsonValue(to) }))
    .filter((c) => JSON.stringify(c.from) !== JSON.stringify(c.to));
}
