import { z } from 'zod';
import { conflict, notFound, ToolMiss } from '../core/errors.ts';
import { defineTool } from '../registry.ts';
import { approvedWriteKey, decideApproval, findApproval, mayDecide, recordApprovalResult } from './approvals.ts';

// Carries out (or turns down) a write that waits for a person: a pending action an MCP client got back
// instead of a write, or an approval the copilot asked for in ask_copilot. Both are rows of the one
// approvals mechanism (approvals.ts); deciding one is audited there, the write itself by the registry.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const confirmAction = defineTool({
  name: 'confirm_action',
  description:
    'Carry out a change that waits for a person\'s approval, once the user has seen its preview and agreed: pass the actionId from an approval_required result (or from ask_copilot\'s pendingActions). decision "reject" drops it instead. Each action runs at most once.',
  input: z.object({
    actionId: z.string().regex(UUID, 'must be the actionId (a uuid) of a pending action').describe('the actionId of the pending action'),
    decision: z.enum(['approve', 'reject']).default('approve').describe('approve = carry it out; reject = drop it'),
  }),
  output: z.object({
    actionId: z.string().describe('the action decided'),
    tool: z.string().describe('the write it carried'),
    status: z.enum(['approved', 'rejected', 'would_decide']).describe('what happened; would_decide on a dry run'),
    result: z.unknown().optional().describe('what the write returned (approved actions)'),
    answer: z.string().optional().describe('the copilot\'s answer after the decision (copilot approvals)'),
  }),
  annotations: { title: 'Confirm a pending action', readOnlyHint: false, destructiveHint: true, idempotentHint: true, approval: 'none' },
  minRole: 'rep',
  surfaceOnly: true,
  // runs another tool (the approved write) through the registry: its own transaction, role check and audit row
  orchestrates: true,
  async execute(input, ctx) {
    const approval = await findApproval(ctx.db, input.actionId);
    // someone else's action reads as unknown: never confirm that it exists
    if (!approval || !(await mayDecide(ctx.db, ctx.actor, approval))) throw notFound('action', input.actionId, 'use the actionId of a pending action you asked for');
    if (approval.source === 'workflow') throw conflict('This action is a workflow gate', 'decide it with workflow_decide');
    // approved but its result never recorded (the process died between the decision and the end of the write):
    // carrying it out again runs under the same key, so a write that did commit is replayed, not repeated
    const unfinished = approval.status === 'approved' && approval.result == null && input.decision === 'approve';
    if (approval.status !== 'pending' && !unfinished) throw conflict(`This action was already ${approval.status}`, 'nothing to decide any more');
    // a dry run reports what it would decide; no callTool means nothing may happen
    if (!ctx.callTool) return { actionId: approval.id, tool: approval.tool, status: 'would_decide' as const };

    if (approval.source === 'copilot') {
      if (!ctx.copilot) throw new ToolMiss({ code: 'unavailable:copilot', message: 'The copilot is not available on this surface', hint: 'decide it over MCP, or with POST /v1/chat/:threadId/approvals/:approvalId' });
      const turn = await ctx.copilot.decide({ actor: ctx.actor, approvalId: approval.id, decision: input.decision });
      if (turn.error) throw new ToolMiss({ code: turn.error.code, message: turn.error.message });
      return { actionId: approval.id, tool: approval.tool, status: input.decision === 'approve' ? ('approved' as const) : ('rejected' as const), answer: turn.answer };
    }

    const decided = unfinished ? approval : await decideApproval(ctx.db, { actor: ctx.actor, approvalId: approval.id, decision: input.decision, now: ctx.now });
    if (decided.status === 'rejected') return { actionId: approval.id, tool: approval.tool, status: 'rejected' as const };
    const outcome = await ctx.callTool(approval.tool, approval.input, { requestId: ctx.requestId ?? `confirm:${approval.id}`, idempotencyKey: approvedWriteKey(approval.id) });
    await recordApprovalResult(ctx.db, approval.id, outcome);
    if (!outcome.ok) throw new ToolMiss({ ...outcome.error, message: `Approved, but ${approval.tool} failed: ${outcome.error.message}` });
    return { actionId: approval.id, tool: approval.tool, status: 'approved' as const, result: outcome.data };
  },
  audit: (input, output) => ({ action: `action.${output.status}`, changes: { actionId: input.actionId, tool: output.tool } }),
});
