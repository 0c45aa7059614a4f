import { faultPoint } from '../../../core/faults.ts';
import type { Actor } from '../../../db/repos/scope.ts';
import { auditIdsOfRequest, getRun, saveStep, stepsOf, updateRun, type WorkflowRunRow } from '../../../db/repos/workflows.ts';
import type { ToolContext } from '../../core/context.ts';
import type { ApprovalGate } from './approval-gate.ts';
import { StepFailed, type RunState, type StepCall, type WorkflowDefinition } from './types.ts';

// Advances a run from where its stored state says it is: finished steps are not repeated, a gate
// without a decision parks the run (waiting_approval), a failed step or a rejected gate undoes the
// compensable steps already done (newest first, each write through audit_undo) and ends the run.
// Every step is its own registry call(s), committed on its own: nothing here holds a transaction.
// A process can die between any two commits, so every call carries an idempotency key (the step's n-th
// call; an undo's audit id): a step re-run after a restart gets its committed calls' results back from the
// registry instead of writing again, and a compensation resumed (status 'compensating') never undoes twice.

export const runActor = (run: WorkflowRunRow): Actor => ({ userId: run.actorId, role: run.actorRole, teamId: run.actorTeamId });
const stepRequest = (runId: string, key: string) => `wf:${runId}:${key}`;

function caller(ctx: ToolContext, run: WorkflowRunRow, key: string): StepCall {
  let n = 0;
  return async (tool, input) => {
    if (!ctx.callTool) throw new Error('workflow steps need ctx.callTool (the registry gives it to orchestrator tools)');
    // steps are deterministic given their calls' results, so the n-th call of a re-run is the n-th call of the first run
    const idempotencyKey = `${stepRequest(run.id, key)}#${n++}`;
    const result = await ctx.callTool(tool, input, { requestId: stepRequest(run.id, key), actor: runActor(run), idempotencyKey });
    if (!result.ok) throw new StepFailed(tool, result.error.code, result.error.message);
    return result.data as Record<string, unknown>;
  };
}

/**
 * Undoes the writes of the compensable steps done so far (and of the failed one, which may have committed
 * some), newest first; returns what could not be undone. Safe to run again after a kill: steps already
 * compensated are passed over and each undo is keyed by its audit id, so a replay returns the first undo.
 */
async function compensate(ctx: ToolContext, def: WorkflowDefinition, run: WorkflowRunRow): Promise<string[]> {
  const failures: string[] = [];
  const rows = (await stepsOf(ctx.db, run.id)).filter((s) => s.status === 'done' || s.status === 'failed').reverse();
  for (const row of rows) {
    const step = def.steps.find((s) => s.key === row.key);
    if (!step?.compensate) continue;
    for (const auditId of await auditIdsOfRequest(ctx.db, stepRequest(run.id, row.key))) {
      const undone = await ctx.callTool!('audit_undo', { auditId }, { requestId: stepRequest(run.id, `undo:${row.key}`), actor: runActor(run), idempotencyKey: `${stepRequest(run.id, 'undo')}:${auditId}` });
      if (!undone.ok) failures.push(`${row.key}: ${undone.error.message}`);
      faultPoint(`wf:after-undo:${row.key}`);
    }
    // the failed step keeps its 'failed' (with the error); the others say they were undone
    if (row.status === 'done') await saveStep(ctx.db, { runId: run.id, key: row.key, position: row.position, status: 'compensated', output: row.output, at: ctx.now });
  }
  return failures;
}

/** Marks the run as compensating (so a restart carries on undoing), undoes, and ends it failed or rejected. */
async function finishFailed(ctx: ToolContext, def: WorkflowDefinition, run: WorkflowRunRow, error: string): Promise<void> {
  await updateRun(ctx.db, run.id, { status: 'compensating', error, updatedAt: ctx.now });
  faultPoint('wf:compensating');
  const failures = await compensate(ctx, def, run);
  const rejected = (await stepsOf(ctx.db, run.id)).some((s) => s.status === 'rejected');
  const more = failures.length > 0 ? `; could not undo: ${failures.join('; ')}` : '';
  await updateRun(ctx.db, run.id, { status: failures.length > 0 ? 'compensation_failed' : rejected ? 'rejected' : 'failed', error: `${error}${more}`, updatedAt: ctx.now });
}

export async function advance(ctx: ToolContext, def: WorkflowDefinition, runId: string, gate: ApprovalGate): Promise<WorkflowRunRow> {
  const run = (await getRun(ctx.db, runId))!;
  if (run.status === 'compensating') {
    await finishFailed(ctx, def, run, run.error ?? 'interrupted while undoing');
    return (await getRun(ctx.db, runId))!;
  }
  if (run.status !== 'running' && run.status !== 'waiting_approval') return run;
  const rows = new Map((await stepsOf(ctx.db, run.id)).map((r) => [r.key, r]));
  // a step row saved but the run's state not yet updated (a kill between the two): the row has the output
  const outputs = { ...run.state };
  for (const row of rows.values()) if (row.status === 'done' && outputs[row.key] === undefined) outputs[row.key] = row.output;
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
      approval ??= await gate.open(ctx.db, { runId, stepKey: step.key, position, title: step.gate.title(state), approverRole: step.gate.approverRole, requestedById: run.actorId, at: ctx.now });
      // also when a kill came between opening the gate and deciding it
      if (approval.status === 'pending' && selfApproved) {
        approval = await gate.decide(ctx.db, runId, step.key, { approve: true, byUserId: run.actorId, actor: runActor(run), at: ctx.now, note: 'the starter holds the approver role' });
      }
      if (approval.status === 'pending') {
        await updateRun(ctx.db, runId, { status: 'waiting_approval', updatedAt: ctx.now });
        return (await getRun(ctx.db, runId))!;
      }
      if (approval.status === 'rejected') {
        await saveStep(ctx.db, { runId, key: step.key, position, status: 'rejected', approval: { ...approval }, at: ctx.now });
        await finishFailed(ctx, def, run, `${step.key} rejected${approval.note ? `: ${approval.note}` : ''}`);
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
      faultPoint(`wf:before-save:${step.key}`);
      await saveStep(ctx.db, { runId, key: step.key, position, status: 'done', output: outcome.output, at: ctx.now });
      await updateRun(ctx.db, runId, { state: outputs, updatedAt: ctx.now });
    } catch (error) {
      if (!(error instanceof StepFailed)) throw error;
      // the step's own writes that did commit (a multi-call step failing half-way) are undone with the rest
      await saveStep(ctx.db, { runId, key: step.key, position, status: 'failed', error: error.message, at: ctx.now });
      await finishFailed(ctx, def, run, `${step.key} failed: ${error.message}`);
      return (await getRun(ctx.db, runId))!;
    }
  }
  await updateRun(ctx.db, runId, { status: 'succeeded', updatedAt: ctx.now });
  return (await getRun(ctx.db, runId))!;
}
