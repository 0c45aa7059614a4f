import { z } from 'zod';
import { inScope } from '../../db/repos/scope.ts';
import { getRun, waitingRuns, type WorkflowRunRow } from '../../db/repos/workflows.ts';
import type { ToolContext } from '../core/context.ts';
import { ambiguous, conflict, forbidden, ToolMiss } from '../core/errors.ts';
import { defineTool } from '../registry.ts';
import { approvalsTableGate } from './workflows/approvals-gate.ts';
import { WORKFLOWS } from './workflows/definitions.ts';
import { advance } from './workflows/engine.ts';
import { runView, viewRun } from './workflows/view.ts';

/** A manager decides for their team's runs, an admin for all. */
const mayDecide = (ctx: ToolContext, run: WorkflowRunRow) => ctx.actor.role === 'admin' || (ctx.actor.role === 'manager' && inScope(ctx.scope, run.actorId));

async function pickRun(ctx: ToolContext, id: string | undefined): Promise<WorkflowRunRow> {
  if (id) {
    const run = await getRun(ctx.db, id);
    if (!run || !(run.actorId === ctx.actor.userId || inScope(ctx.scope, run.actorId))) throw new ToolMiss({ code: 'not_found:workflow_run', message: `No workflow run ${id} among those you can see` });
    return run;
  }
  const waiting = (await waitingRuns(ctx.db, ctx.scope.kind === 'all' ? undefined : ctx.scope.userIds, 20)).filter((r) => mayDecide(ctx, r));
  if (waiting.length === 0) throw new ToolMiss({ code: 'nothing_pending', message: 'No workflow is waiting for your approval' });
  if (waiting.length > 1) throw ambiguous('workflow_run', 'the pending approval', waiting.map((r) => ({ id: r.id, label: r.workflow, detail: JSON.stringify(r.input) })));
  return waiting[0]!;
}

export const workflowDecide = defineTool({
  name: 'workflow_decide',
  description: 'Approve or reject the step a workflow run is waiting at (a manager for their team\'s runs, an admin for any); the run then carries on, or undoes what it had done. Without run, decides the one pending approval you may decide.',
  input: z.object({
    run: z.uuid().optional().describe('the waiting run; default the only one waiting for you'),
    decision: z.enum(['approve', 'reject']).describe('approve or reject'),
    note: z.string().trim().max(500).optional().describe('why (kept with the decision)'),
  }),
  output: z.object({ run: runView }),
  annotations: { title: 'Decide a workflow approval', readOnlyHint: false, destructiveHint: true, idempotentHint: false },
  minRole: 'manager',
  orchestrates: true,
  async execute(input, ctx) {
    const run = await pickRun(ctx, input.run);
    const def = WORKFLOWS[run.workflow]!;
    if (run.status !== 'waiting_approval') throw conflict(`Run ${run.id} is ${run.status}, not waiting for approval`);
    if (!mayDecide(ctx, run)) throw forbidden('Only a manager of the person who started it, or an admin, may decide');
    const before = await viewRun(ctx.db, def, run);
    if (!before.waitingFor) throw conflict(`Run ${run.id} has no pending gate`);
    if (!ctx.callTool) return { run: before };
    await approvalsTableGate.decide(ctx.db, run.id, before.waitingFor.step, { approve: input.decision === 'approve', byUserId: ctx.actor.userId, actor: ctx.actor, at: ctx.now, note: input.note });
    const after = await advance(ctx, def, run.id, approvalsTableGate);
    return { run: await viewRun(ctx.db, def, after) };
  },
  audit: (input, output) => ({
    action: `workflow.${input.decision === 'approve' ? 'approved' : 'rejected'}`,
    changes: { runId: output.run.runId, workflow: output.run.workflow, status: output.run.status, note: input.note ?? null },
  }),
});
