import { z } from 'zod';
import { LEAD_STAGES } from '../../core/domain.ts';
import { getLeadStage, setLeadStage } from '../../db/repos/leads.ts';
import { leadInScope } from '../../db/repos/scope.ts';
import { conflict, notFound } from '../core/errors.ts';
import { resolveLead } from '../core/resolve.ts';
import { reference } from '../core/schemas.ts';
import { defineTool } from '../registry.ts';

export const leadSetStage = defineTool({
  name: 'lead_set_stage',
  description:
    'Move a lead to another lifecycle stage (new, contacted, qualified, opportunity, customer, disqualified) with a reason. The change is kept in the lead\'s stage history; setting the stage it already has changes nothing.',
  input: z.object({
    lead: reference('lead'),
    stage: z.enum(LEAD_STAGES).describe('the new lifecycle stage'),
    reason: z.string().trim().min(3, 'say why, in a few words').max(500).describe('why the stage changes (kept in history)'),
  }),
  output: z.object({
    leadId: z.string().describe('the lead changed'),
    lead: z.string().describe('the lead\'s name'),
    from: z.enum(LEAD_STAGES).describe('stage before'),
    to: z.enum(LEAD_STAGES).describe('stage after'),
    changed: z.boolean().describe('false when the lead was already at that stage'),
  }),
  annotations: { title: 'Set lead stage', readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  minRole: 'rep',
  async execute(input, ctx) {
    const lead = await resolveLead(ctx, input.lead);
    const current = await getLeadStage(ctx.db, lead.id);
    if (!current || !leadInScope(ctx.scope, { id: lead.id, ownerId: current.ownerId })) throw notFound('lead', input.lead);
    if (current.stage === input.stage) return { leadId: lead.id, lead: lead.label, from: current.stage, to: input.stage, changed: false };
    if (current.stage === 'customer' && input.stage !== 'disqualified') {
      throw conflict(`${lead.label} is already a customer`, 'a customer can only be disqualified (e.g. churned), not moved back');
    }
    await setLeadStage(ctx.db, { leadId: lead.id, from: current.stage, to: input.stage, reason: input.reason, byUserId: ctx.actor.userId, at: ctx.now });
    return { leadId: lead.id, lead: lead.label, from: current.stage, to: input.stage, changed: true };
  },
  audit: (input, output) => ({
    action: output.changed ? 'lead.stage_changed' : 'lead.stage_unchanged',
    recordType: 'lead',
    recordId: output.leadId,
    changes: { lifecycleStage: { from: output.from, to: output.to }, reason: input.reason },
  }),
});
