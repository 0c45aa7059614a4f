import type { Actor } from '../../../db/repos/scope.ts';

// A named workflow is data: ordered steps, each a gate (waits for an approval) or an action made of
// registry calls; an action marked `compensate` is undone (audit_undo of every write it made) when a
// later step fails or a gate is rejected.

export class StepFailed extends Error {
  constructor(readonly tool: string, readonly code: string, message: string) {
    super(`${tool}: ${message}`);
  }
}

/** Calls a registry tool as the run's actor, tagged with the step; throws StepFailed on a miss. */
export type StepCall = (tool: string, input: Record<string, unknown>) => Promise<Record<string, unknown>>;

export interface RunState {
  input: Record<string, unknown>;
  outputs: Record<string, unknown>;
  actor: Actor;
}

export type StepOutcome = { output: Record<string, unknown> } | { skipped: string };

export interface WorkflowStep {
  key: string;
  /** earlier steps whose output this one needs: if one was skipped, so is this */
  needs?: string[];
  gate?: { title: (s: RunState) => string; approverRole: 'manager' | 'admin' };
  run?: (call: StepCall, s: RunState) => Promise<StepOutcome>;
  /** undo this step's audited writes when a later step fails */
  compensate?: boolean;
}

export interface WorkflowDefinition {
  name: string;
  description: string;
  /** input fields the workflow requires */
  requires: string[];
  steps: WorkflowStep[];
}
