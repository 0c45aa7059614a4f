import { z } from 'zod';
import { inScope } from '../../db/repos/scope.ts';
import { getRun, insertRun, waitingRuns } from '../../db/repos/workflows.ts';
import { invalidInput, ToolMiss } from '../core/errors.ts';
import { resolveLead, resolveOpportunity } from '../core/resolve.ts';
import { defineTool } from '../registry.ts';
import { approvalsTableGate } from './workflows/approvals-gate.ts';
import { WORKFLOW_NAMES, WORKFLOWS } from './workflows/definitions.ts';
import { advance } from './workflows/engine.ts';
import { planView, runView, viewRun } from './workflows/view.ts';

export const workflowRun = defineTool({
  name: 'workflow_run',
  description:
    'Run a named workflow step by step, each step its own audited call: onboard_lead (find it and its duplicates, assign an owner, score, approval gate, intro draft, call task) or close_lost (approval gate, close as lost with the reason, cancel its open tasks, nurture follow-up). A gate waits for a manager\'s approve/reject (workflow_decide), for days if need be; if a step fails or a gate is rejected, the steps already done are undone. Pass run to see or resume a run; pass nothing to list runs waiting for approval.',
  input: z.object({
    workflow: z.enum(WORKFLOW_NAMES).optional().describe('which workflow to start: onboard_lead or close_lost'),
    lead: z.string().trim().min(1).optional().describe('onboard_lead: the lead (id, email or name)'),
    opportunity: z.string().trim().min(1).optional().describe('close_lost: the deal (id or name)'),
    reason: z.string().trim().min(3).max(500).optional().describe('close_lost: why it was lost'),
    competitor: z.string().trim().min(1).max(200).optional().describe('close_lost: who won instead'),
    run: z.uuid().optional().describe('an existing run to show or resume'),
  }),
  output: z.object({ runs: z.array(runView).describe('the run started or resumed, or the runs waiting for approval') }),
  annotations: { title: 'Run workflow', readOnlyHint: false, destructiveHint: true, idempotentHint: false },
  minRole: 'rep',
  orchestrates: true,
  async execute(input, ctx) {
    if (input.run) {
      const run = await getRun(ctx.db, input.run);
      if (!run || !(run.actorId === ctx.actor.userId || inScope(ctx.scope, run.actorId))) throw new ToolMiss({ code: 'not_found:workflow_run', message: `No workflow run ${input.run} among those you can see` });
      const def = WORKFLOWS[run.workflow]!;
      const resumed = ctx.callTool ? await advance(ctx, def, run.id, approvalsTableGate) : run;
      return { runs: [await viewRun(ctx.db, def, resumed)] };
    }
    if (!input.workflow) {
      const waiting = await waitingRuns(ctx.db, ctx.scope.kind === 'all' ? undefined : ctx.scope.userIds, 20);
      return { runs: await Promise.all(waiting.map((r) => viewRun(ctx.db, WORKFLOWS[r.workflow]!, r))) };
    }
    const def = WORKFLOWS[input.workflow]!;
    const missing = def.requires.filter((f) => input[f as keyof typeof input] === undefined);
    if (missing.length > 0) throw invalidInput(missing.map((field) => ({ field, message: `${def.name} needs ${field}` })));
    // the record must be one the caller may see before a run is recorded at all
    if (def.name === 'onboard_lead') await resolveLead(ctx, input.lead!);
    if (def.name === 'close_lost') await resolveOpportunity(ctx, input.opportunity!);
    if (!ctx.callTool) return { runs: [planView(def)] };
    const { workflow: _w, run: _r, ...fields } = input;
    const run = await insertRun(ctx.db, { workflow: def.name, status: 'running', actorId: ctx.actor.userId, actorRole: ctx.actor.role, actorTeamId: ctx.actor.teamId, input: fields, createdAt: ctx.now, updatedAt: ctx.now });
    const done = await advance(ctx, def, run.id, approvalsTableGate);
    return { runs: [await viewRun(ctx.db, def, done)] };
  },
  audit: (input, output) => ({
    action: input.workflow ? 'workflow.started' : input.run ? 'workflow.resumed' : 'workflow.listed',
    changes: { runs: output.runs.map((r) => ({ runId: r.runId, workflow: r.workflow, status: r.status })) },
  }),
});
