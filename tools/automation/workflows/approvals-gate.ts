import type { Executor } from '../../../db/client.ts';
import { saveStep, stepByKey } from '../../../db/repos/workflows.ts';
import { createApproval, decideApproval, findApproval } from '../../approvals/approvals.ts';
import type { ApprovalGate, GateApproval } from './approval-gate.ts';

// Workflow gates as rows of the product's one approvals mechanism (tools/approvals): the gate's approval is
// an `approvals` row (source 'workflow', keyed by run and step so a resumed run asks once), decided and
// audited by the same service the copilot uses; the step row keeps a copy for the run's own view.

const keyOf = (runId: string, stepKey: string) => `workflow:${runId}:${stepKey}`;

function statusOf(status: string): GateApproval['status'] {
  if (status === 'approved' || status === 'edited') return 'approved';
  if (status === 'rejected' || status === 'expired') return 'rejected';
  return 'pending';
}

export const approvalsTableGate: ApprovalGate = {
  async open(ex, req) {
    const row = await createApproval(ex, {
      key: keyOf(req.runId, req.stepKey),
      source: 'workflow',
      threadId: req.runId,
      requesterId: req.requestedById,
      tool: 'workflow_decide',
      input: { run: req.runId, step: req.stepKey },
      preview: { title: req.title, approverRole: req.approverRole },
    });
    const approval: GateApproval = { id: row.id, status: statusOf(row.status), title: req.title, approverRole: req.approverRole, requestedById: req.requestedById, requestedAt: req.at.toISOString() };
    await saveStep(ex, { runId: req.runId, key: req.stepKey, position: req.position, status: 'waiting', approval: { ...approval }, at: req.at });
    return approval;
  },
  async status(ex, runId, stepKey) {
    const step = await stepByKey(ex, runId, stepKey);
    const copy = step?.approval as GateApproval | null | undefined;
    if (!copy) return undefined;
    const row = await findApproval(ex, copy.id);
    return row ? { ...copy, status: statusOf(row.status), ...(row.decidedBy ? { decidedById: row.decidedBy } : {}), ...(row.decidedAt ? { decidedAt: row.decidedAt.toISOString() } : {}) } : copy;
  },
  async decide(ex, runId, stepKey, d) {
    const step = await stepByKey(ex, runId, stepKey);
    const copy = step?.approval as GateApproval | null | undefined;
    if (!step || !copy) throw new Error(`no gate ${stepKey} on run ${runId}`);
    if (!d.actor) throw new Error('deciding a workflow gate needs the deciding user');
    await decideApproval(ex as Executor, { actor: d.actor, approvalId: copy.id, decision: d.approve ? 'approve' : 'reject', now: d.at });
    const decided: GateApproval = { ...copy, status: d.approve ? 'approved' : 'rejected', decidedById: d.byUserId, decidedAt: d.at.toISOString(), ...(d.note ? { note: d.note } : {}) };
    await saveStep(ex, { runId, key: stepKey, position: step.position, status: step.status, approval: { ...decided }, at: d.at });
    return decided;
  },
};
