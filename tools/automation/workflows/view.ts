import { z } from 'zod';
import type { Executor } from '../../../db/client.ts';
import { stepsOf, type WorkflowRunRow } from '../../../db/repos/workflows.ts';
import type { GateApproval } from './approval-gate.ts';
import type { WorkflowDefinition } from './types.ts';

// How a run looks on every surface: its status, each step's state, and the gate it waits at.

export const runView = z.object({
  runId: z.string().describe('the run (pass it as run to resume or decide it)'),
  workflow: z.string().describe('which workflow'),
  status: z.string().describe('planned, running, waiting_approval, compensating (undoing after a failure), succeeded, failed (earlier steps undone), rejected (undone), compensation_failed'),
  error: z.string().nullable().describe('why it failed or was rejected'),
  steps: z.array(z.object({
    key: z.string().describe('step'),
    status: z.string().describe('pending, done, skipped, waiting, failed, rejected, compensated'),
    detail: z.string().nullable().describe('what it did, or why not'),
  }).describe('one step')).describe('the steps in order'),
  waitingFor: z.object({
    step: z.string().describe('the gate'),
    title: z.string().describe('what is to be approved'),
    approverRole: z.string().describe('who may decide: a manager of the starter, or an admin'),
  }).nullable().describe('the approval the run waits for'),
}).describe('a workflow run');

export type RunView = z.infer<typeof runView>;

const short = (v: unknown) => {
  if (v == null) return null;
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
};

export async function viewRun(ex: Executor, def: WorkflowDefinition, run: WorkflowRunRow): Promise<RunView> {
  const rows = new Map((await stepsOf(ex, run.id)).map((r) => [r.key, r]));
  let waitingFor: RunView['waitingFor'] = null;
  const steps = def.steps.map((s) => {
    const row = rows.get(s.key);
    const approval = row?.approval as GateApproval | null | undefined;
    if (row?.status === 'waiting' && approval?.status === 'pending') waitingFor = { step: s.key, title: approval.title, approverRole: approval.approverRole };
    const reason = (row?.output as { reason?: string } | null | undefined)?.reason;
    return { key: s.key, status: row?.status ?? 'pending', detail: row?.error ?? reason ?? (approval ? `${approval.status}${approval.note ? `: ${approval.note}` : ''}` : short(row?.output)) };
  });
  return { runId: run.id, workflow: run.workflow, status: run.status, error: run.error, steps, waitingFor };
}

export function planView(def: WorkflowDefinition): RunView {
  return { runId: '', workflow: def.name, status: 'planned', error: null, steps: def.steps.map((s) => ({ key: s.key, status: 'pending', detail: s.gate ? 'approval gate' : null })), waitingFor: null };
}
