import { z } from 'zod';
import { assignmentLead, repCandidates, setLeadOwner } from '../../db/repos/lead-assign.ts';
import { getMeta, setMeta } from '../../db/repos/meta.ts';
import { conflict, notFound } from '../core/errors.ts';
import { resolveLead } from '../core/resolve.ts';
import { evidenceList, reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';
import { eligibleForRotation, nextInRotation, pointerFor, ROUND_ROBIN_KEY, type RoundRobinState } from './assign-round-robin.ts';
import { explain, placeOf, scoreCandidates, type CandidateScore } from './assign-score.ts';

const SHOWN_CANDIDATES = 10;

const component = (what: string) =>
  z
    .object({
      value: z.number().describe('0-1'),
      weight: z.number().describe('its weight in the score'),
      detail: z.string().describe('how the value came about'),
    })
    .describe(what);

const candidate = z
  .object({
    userId: z.string().describe('the rep'),
    name: z.string().describe('rep name'),
    score: z.number().describe('0-100 = 100 x (0.35 territory + 0.25 specialisation + 0.2 workload + 0.2 win rate)'),
    components: z
      .object({
        territory: component('territory match: 1 same territory, 0.5 broader cover, 0 none'),
        specialisation: component('share of the lead\'s industry/products the rep specialises in'),
        workload: component('1 - open leads and deals / the heaviest load among candidates'),
        winRate: component('closed-deal win rate with a 10-deal prior at the pooled rate'),
      })
      .describe('the components'),
  })
  .describe('a scored candidate');

function interestOf(value: unknown): string[] {
  if (typeof value === 'string' && value.trim()) return [value.trim()];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

export const leadAssign = defineTool({
  name: 'lead_assign',
  description:
    'Choose an owner for a lead among the active reps you manage: a weighted score of territory match (account or lead time zone vs the rep\'s territory), specialisation (industry/product), current workload (open leads + open deals) and past win rate (with a prior, so 2 of 2 is not 100%); returns the choice, the runner-up and the reason with every component. strategy round_robin instead gives the lead to the next eligible rep in a stable rotation. Managers assign within their team.',
  input: z.object({
    lead: reference('lead'),
    strategy: z.enum(['weighted', 'round_robin']).default('weighted').describe('weighted score, or the next rep in rotation'),
  }),
  output: z.object({
    leadId: z.string().describe('the lead'),
    lead: z.string().describe('its name'),
    strategy: z.enum(['weighted', 'round_robin']).describe('how the owner was chosen'),
    chosen: candidate.describe('the new owner'),
    runnerUp: candidate.nullable().describe('the next best (weighted) or next in rotation'),
    reason: z.string().describe('the choice in words, with each component\'s value'),
    previousOwnerId: z.string().nullable().describe('the owner before'),
    changed: z.boolean().describe('false when the lead already had this owner'),
    candidates: z
      .array(z.object({ userId: z.string().describe('rep'), name: z.string().describe('rep name'), score: z.number().describe('weighted score 0-100') }).describe('one candidate'))
      .describe(`the candidates ranked by weighted score (at most ${SHOWN_CANDIDATES})`),
    evidence: evidenceList,
  }),
  annotations: { title: 'Assign lead', readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  minRole: 'manager',
  async execute(input, ctx) {
    const match = await resolveLead(ctx, input.lead);
    const lead = await assignmentLead(ctx.db, ctx.scope, match.id);
    if (!lead) throw notFound('lead', input.lead);
    const reps = await repCandidates(ctx.db, ctx.scope, lead.id);
    if (reps.length === 0) throw conflict('There is no active rep you may assign this lead to', 'add reps to your team, or ask an admin');

    const place = placeOf(lead);
    const needs = [...new Set([...(lead.industry ? [lead.industry] : []), ...interestOf(lead.productInterest)])];
    const scored = scoreCandidates(reps, place, needs);

    let chosen: CandidateScore;
    let runnerUp: CandidateScore | undefined;
    let reason: string;
    if (input.strategy === 'round_robin') {
      const eligible = eligibleForRotation(scored);
      const poolKey = ctx.scope.kind === 'all' ? 'all' : `team:${ctx.actor.teamId ?? ctx.actor.userId}`;
      const state = (await getMeta<RoundRobinState>(ctx.db, ROUND_ROBIN_KEY)) ?? {};
      const turn = nextInRotation(eligible, state[poolKey], lead);
      chosen = turn.chosen;
      runnerUp = turn.after;
      if (!turn.repeat) await setMeta(ctx.db, ROUND_ROBIN_KEY, { ...state, [poolKey]: pointerFor(chosen, lead.id) });
      const previous = state[poolKey] ? reps.find((r) => r.userId === state[poolKey]!.lastUserId)?.fullName ?? 'an earlier rep' : null;
      reason = turn.repeat
        ? `Round robin: ${lead.fullName} already went to ${chosen.rep.fullName} in this rotation; nothing changes.`
        : `Round robin among ${eligible.length} eligible reps (${eligible.map((c) => c.rep.fullName).join(', ')}): ${chosen.rep.fullName} is next${previous ? ` after ${previous}` : ''}.`;
    } else {
      [chosen, runnerUp] = [scored[0]!, scored[1]];
      reason = explain(chosen, runnerUp);
    }

    const changed = chosen.rep.userId !== lead.ownerId;
    if (changed && !(await setLeadOwner(ctx.db, ctx.scope, lead.id, chosen.rep.userId, ctx.now, ctx.actor.userId))) throw notFound('lead', input.lead);
    const show = (c: CandidateScore) => ({ userId: c.rep.userId, name: c.rep.fullName, score: c.score, components: c.components });
    return {
      leadId: lead.id,
      lead: lead.fullName,
      strategy: input.strategy,
      chosen: show(chosen),
      runnerUp: runnerUp ? show(runnerUp) : null,
      reason,
      previousOwnerId: lead.ownerId,
      changed,
      candidates: scored.slice(0, SHOWN_CANDIDATES).map((c) => ({ userId: c.rep.userId, name: c.rep.fullName, score: c.score })),
      evidence: [
        {
          sourceId: lead.id,
          kind: 'lead',
          date: null,
          quote: `${lead.fullName}${lead.accountName ? ` at ${lead.accountName}` : ''}: location from ${place.source}; needs ${needs.length > 0 ? needs.join(', ') : 'unknown'}`,
        },
      ],
    };
  },
  audit: (input, output) => ({
    action: output.changed ? 'lead.assigned' : 'lead.assignment_unchanged',
    recordType: 'lead',
    recordId: output.leadId,
    changes: { ownerId: { from: output.previousOwnerId, to: output.chosen.userId }, strategy: input.strategy, score: output.chosen.score },
  }),
});
