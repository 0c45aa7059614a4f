import type { Actor } from '../../../db/repos/scope.ts';
import { auditIdsOfRequest, getRun, saveStep, stepsOf, updateRun, type WorkflowRunRow } from '../../../db/repos/workflows.ts';
import type { ToolContext } from '../../core/context.ts';
import type { ApprovalGate } from './approval-gate.ts';
import { StepFailed, type RunState, type StepCall, type WorkflowDefinition } from './types.ts';

// Advances a run from where its stored state says it is: finished steps are not repeated, a gate
// without a decision parks the run (waiting_approval), a failed step or a rejected gate undoes the
// compensable steps already done (newest first, each write through audit_undo) and ends the run.
// Every step is its own registry call(s), committed on its own: nothing here holds a transaction.

export const runActor = (run: WorkflowRunRow): Actor => ({ userId: run.actorId, role: run.actorRole, teamId: run.actorTeamId });
const stepRequest = (runId: string, key: string) => `wf:${runId}:${key}`;

function caller(ctx: ToolContext, run: WorkflowRunRow, key: string): StepCall {
  return async (tool, input) => {
    if (!ctx.callTool) throw new Error('workflow steps need ctx.callTool (the registry gives it to orchestrator tools)');
    const result = await ctx.callTool(tool, input, { requestId: stepRequest(run.id, key), actor: runActor(run) });
    if (!result.ok) throw new StepFailed(tool, result.error.code, result.error.message);
    return result.data as Record<string, unknown>;
  };
}

/** Undoes the writes of the compensable steps done so far, newest first; returns what could not be undone. */
async function compensate(ctx: ToolContext, def: WorkflowDefinition, run: WorkflowRunRow): Promise<string[]> {
  const failures: string[] = [];
  const done = (await stepsOf(ctx.db, run.id)).filter((s) => s.status === 'done').reverse();
  for (const row of done) {
    const step = def.steps.find((s) => s.key === row.key);
    if (!step?.compensate) continue;
    for (const auditId of await auditIdsOfRequest(ctx.db, stepRequest(run.id, row.key))) {
      const undone = await ctx.callTool!('audit_undo', { auditId }, { requestId: stepRequest(run.id, `undo:${row.key}`), actor: runActor(run) });
      if (!undone.ok) failures.push(`${row.key}: ${undone.error.message}`);
    }
    await saveStep(ctx.db, { runId: run.id, key: row.key, position: row.position, status: 'compensated', output: row.output, at: ctx.now });
  }
  return failures;
}

async function finishFailed(ctx: ToolContext, def: WorkflowDefinition, run: WorkflowRunRow, status: 'failed' | 'rejected', error: string): Promise<void> {
  const failures = await compensate(ctx, def, run);
  const more = failures.length > 0 ? `; could not undo: ${failures.join('; ')}` : '';
  await updateRun(ctx.db, run.id, { status: failures.length > 0 ? 'compensation_failed' : status, error: `${error}${more}`, updatedAt: ctx.now });
}

export async function advance(ctx: ToolContext, def: WorkflowDefinition, runId: string, gate: ApprovalGate): Promise<WorkflowRunRow> {
  const run = (await getRun(ctx.db, runId))!;
  if (run.status !== 'running' && run.status !== 'waiting_approval') return run;
  const rows = new Map((await stepsOf(ctx.db, run.id)).map((r) => [r.key, r]));
  const outputs = { ...run.state };
  const state: RunState = { input: run.input, outputs, actor: runActor(run) };

  for (const [position, step] of def.steps.entries()) {
    const row = rows.get(step.key);
    if (row && (row.status === 'done' || row.status === 'skipped')) continue;
    const missing = (step.needs ?? []).filter((k) => outputs[k] === undefined);
    if (missing.length > 0) {
      await saveStep(ctx.db, { runId, key: step.key, position, status: 'skipped', output: { reason: `needs ${missing.join(', ')}` }, at: ctx.now });
      continue;
    }
    if (step.gate) {
      // a starter who holds the approver role approves their own request by starting it
      const selfApproved = step.gate.approverRole === 'manager' ? ['manager', 'admin'].includes(run.actorRole) : run.actorRole === 'admin';
      let approval = await gate.status(ctx.db, runId, step.key);
      if (!approval) {
        approval = await gate.open(ctx.db, { runId, stepKey: step.key, position, title: step.gate.title(state), approverRole: step.gate.approverRole, requestedById: run.actorId, at: ctx.now });
        if (selfApproved) approval = await gate.decide(ctx.db, runId, step.key, { approve: true, byUserId: run.actorId, actor: runActor(run), at: ctx.now, note: 'the starter holds the approver role' });
      }
      if (approval.status === 'pending') {
        await updateRun(ctx.db, runId, { status: 'waiting_approval', updatedAt: ctx.now });
        return (await getRun(ctx.db, runId))!;
      }
      if (approval.status === 'rejected') {
        await saveStep(ctx.db, { runId, key: step.key, position, status: 'rejected', approval: { ...approval }, at: ctx.now });
        await finishFailed(ctx, def, run, 'rejected', `${step.key} rejected${approval.note ? `: ${approval.note}` : ''}`);
        return (await getRun(ctx.db, runId))!;
      }
      outputs[step.key] = { approvedBy: approval.decidedById, at: approval.decidedAt };
      await saveStep(ctx.db, { runId, key: step.key, position, status: 'done', output: outputs[step.key], approval: { ...approval }, at: ctx.now });
      await updateRun(ctx.db, runId, { status: 'running', state: outputs, updatedAt: ctx.now });
      continue;
    }
    try {
      const outcome = await step.run!(caller(ctx, run, step.key), state);
      if ('skipped' in outcome) {
        await saveStep(ctx.db, { runId, key: step.key, position, status: 'skipped', output: { reason: outcome.skipped }, at: ctx.now });
        continue;
      }
      outputs[step.key] = outcome.output;
      await saveStep(ctx.db, { runId, key: step.key, position, status: 'done', output: outcome.output, at: ctx.now });
      await updateRun(ctx.db, runId, { state: outputs, updatedAt: ctx.now });
    } catch (error) {
      if (!(error instanceof StepFailed)) throw error;
      // the step's own writes that did commit (a multi-call step failing half-way) are undone with the rest
      await saveStep(ctx.db, { runId, key: step.key, position, status: step.compensate ? 'done' : 'failed', error: error.message, at: ctx.now });
      await finishFailed(ctx, def, run, 'failed', `${step.key} failed: ${error.message}`);
      if (step.compensate) await saveStep(ctx.db, { runId, key: step.key, position, status: 'failed', error: error.message, at: ctx.now });
      return (await getRun(ctx.db, runId))!;
    }
  }
  await updateRun(ctx.db, runId, { status: 'succeeded', updatedAt: ctx.now });
  return (await getRun(ctx.db, runId))!;
}
