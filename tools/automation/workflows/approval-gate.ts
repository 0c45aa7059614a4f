import type { Executor } from '../../../db/client.ts';
import type { Actor } from '../../../db/repos/scope.ts';
import { saveStep, stepByKey } from '../../../db/repos/workflows.ts';

// The approval a workflow gate waits for. The engine only talks to this interface, so the copilot's one
// approvals mechanism (an `approvals` table decided from any surface) can take over by implementing it:
// open() creates the approval row, status() reads it, decide() is what a surface's approve/reject calls.
// approvalsTableGate (approvals-gate.ts) is that implementation and the one the workflow tools use; stepRowGate
// keeps the approval on the gate's own workflow_steps row only (tests drive the engine with it).

export interface GateApproval {
  id: string;
  status: 'pending' | 'approved' | 'rejected';
  title: string;
  approverRole: 'manager' | 'admin';
  requestedById: string;
  requestedAt: string;
  decidedById?: string;
  decidedAt?: string;
  note?: string;
}

export interface ApprovalGate {
  open(ex: Executor, req: { runId: string; stepKey: string; position: number; title: string; approverRole: GateApproval['approverRole']; requestedById: string; at: Date }): Promise<GateApproval>;
  status(ex: Executor, runId: string, stepKey: string): Promise<GateApproval | undefined>;
  decide(ex: Executor, runId: string, stepKey: string, d: { approve: boolean; byUserId: string; at: Date; note?: string | undefined; actor?: Actor }): Promise<GateApproval>;
}

export const stepRowGate: ApprovalGate = {
  async open(ex, req) {
    const approval: GateApproval = { id: `${req.runId}:${req.stepKey}`, status: 'pending', title: req.title, approverRole: req.approverRole, requestedById: req.requestedById, requestedAt: req.at.toISOString() };
    await saveStep(ex, { runId: req.runId, key: req.stepKey, position: req.position, status: 'waiting', approval: { ...approval }, at: req.at });
    return approval;
  },
  async status(ex, runId, stepKey) {
    const row = await stepByKey(ex, runId, stepKey);
    return (row?.approval as GateApproval | null | undefined) ?? undefined;
  },
  async decide(ex, runId, stepKey, d) {
    const row = await stepByKey(ex, runId, stepKey);
    const current = row?.approval as GateApproval | null | undefined;
    if (!row || !current) throw new Error(`no gate ${stepKey} on run ${runId}`);
    const decided: GateApproval = {
      ...current, status: d.approve ? 'approved' : 'rejected', decidedById: d.byUserId, decidedAt: d.at.toISOString(), ...(d.note ? { note: d.note } : {}),
    };
    await saveStep(ex, { runId, key: stepKey, position: row.position, status: row.status, approval: { ...decided }, at: d.at });
    return decided;
  },
};
