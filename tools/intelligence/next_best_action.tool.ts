import { z } from 'zod';
import { conflict, invalidInput } from '../core/errors.ts';
import { resolveLead, resolveOpportunity } from '../core/resolve.ts';
import { evidenceList, reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { effectOutput, effectResolver } from './action-effects.ts';
import { ACTIONS, candidateActions } from './next-actions.ts';
import { loadDealFacts, loadLeadFacts } from './record-facts.ts';
import { DEFAULT_RISK_THRESHOLDS } from './risk-thresholds.ts';

export const nextBestAction = defineTool({
  name: 'next_best_action',
  description:
    'Ranked next actions for one open deal or one lead: answer an open question, complete overdue tasks, make first contact, address the last ' +
    'objection, follow up an opened email, re-engage after silence, escalate a stuck deal, send the proposal, book the next meeting, multi-thread ' +
    'to the economic buyer. Each with the facts that triggered it (with evidence) and its expected effect: win rates of closed deals with and ' +
    'without that action measured in the store, or a documented heuristic labelled as such.',
  input: z.object({
    opportunity: reference('opportunity').optional().describe('the deal (id or name); give this or lead'),
    lead: reference('lead').optional().describe('the lead (id, email or name); give this or opportunity'),
    limit: z.number().int().min(1).max(10).default(5).describe('how many actions to return (1-10)'),
  }),
  output: z.object({
    target: z
      .object({
        recordType: z.enum(['opportunity', 'lead']).describe('deal or lead'),
        id: z.string().describe('its id'),
        name: z.string().describe('its name'),
        stage: z.string().describe('deal stage or lead lifecycle stage'),
        owner: z.string().nullable().describe('owning rep'),
      })
      .describe('the record the actions are for'),
    actions: z
      .array(
        z
          .object({
            rank: z.number().int().describe('1 = do first'),
            action: z.enum(ACTIONS).describe('kind of action'),
            title: z.string().describe('the action in a few words'),
            reason: z.string().describe('the facts that call for it'),
            evidence: evidenceList,
            expectedEffect: effectOutput,
          })
          .describe('one recommended action'),
      )
      .describe('actions, most urgent first (fixed priority per kind, ties by name)'),
    evidence: evidenceList,
  }),
  annotations: { title: 'Next best action', readOnlyHint: true, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    if (Boolean(input.opportunity) === Boolean(input.lead)) {
      throw invalidInput([{ field: input.opportunity ? 'lead' : 'opportunity', message: 'give exactly one of opportunity or lead' }]);
    }
    const t = DEFAULT_RISK_THRESHOLDS;
    let facts;
    let target;
    if (input.opportunity) {
      const match = await resolveOpportunity(ctx, input.opportunity);
      facts = await loadDealFacts(ctx, match.id, input.opportunity, t);
      const d = facts.deal.context;
      if (d.closedAt || d.stage.startsWith('closed')) throw conflict(`${d.name} is already closed (${d.stage})`, 'next actions are for open deals and active leads');
      target = { recordType: 'opportunity' as const, id: d.id, name: d.name, stage: d.stage, owner: d.owner };
    } else {
      const match = await resolveLead(ctx, input.lead!);
      facts = await loadLeadFacts(ctx, match.id, input.lead!, t);
      target = { recordType: 'lead' as const, id: facts.lead.id, name: facts.lead.fullName, stage: facts.lead.lifecycleStage, owner: facts.lead.owner };
    }
    const effectOf = effectResolver(ctx.db, ctx.now);
    const chosen = candidateActions(facts).slice(0, input.limit);
    const actions = [];
    for (const [k, c] of chosen.entries()) {
      actions.push({ rank: k + 1, action: c.action, title: c.title, reason: c.reason, evidence: c.evidence, expectedEffect: await effectOf(c.effect) });
    }
    return { target, actions, evidence: actions.flatMap((a) => a.evidence) };
  },
});
