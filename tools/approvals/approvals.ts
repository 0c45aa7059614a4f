import type { Executor } from '../../db/client.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { decideApprovalRow, getApproval as getApprovalRow, getApprovalByKey, getUserReporting, insertApprovalOnce, listThreadApprovals, setApprovalResult, type ApprovalRow } from '../../db/repos/approvals.ts';
import type { Actor } from '../core/context.ts';
import { conflict, forbidden, notFound } from '../core/errors.ts';

// The one approvals mechanism: the copilot's interrupts, MCP pending actions and workflow gates park a
// proposed write here with its dry-run preview; a person with the right to decide approves, rejects or edits.
// Independent of the graph: it only knows rows, users and the audit log.

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'edited' | 'expired';
export type ApprovalDecision = 'approve' | 'reject' | 'edit';

export interface Approval {
  id: string;
  source: string;
  threadId: string | null;
  requesterId: string;
  tool: string;
  input: Record<string, unknown>;
  preview: unknown;
  status: ApprovalStatus;
  editedInput: Record<string, unknown> | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  result: unknown;
  createdAt: Date;
}

export interface NewApproval {
  /** idempotency key: asking again with the same key returns the first approval */
  key?: string;
  source?: 'copilot' | 'mcp' | 'workflow';
  threadId?: string;
  requesterId: string;
  tool: string;
  input: Record<string, unknown>;
  preview: unknown;
}

const STATUS_OF: Record<ApprovalDecision, Exclude<ApprovalStatus, 'pending' | 'expired'>> = { approve: 'approved', reject: 'rejected', edit: 'edited' };

function toApproval(row: ApprovalRow): Approval {
  return { ...row, status: row.status as ApprovalStatus, editedInput: row.editedInput ?? null };
}

export async function createApproval(db: Executor, approval: NewApproval): Promise<Approval> {
  const row = await insertApprovalOnce(db, {
    key: approval.key ?? null,
    source: approval.source ?? 'copilot',
    threadId: approval.threadId ?? null,
    requesterId: approval.requesterId,
    tool: approval.tool,
    input: approval.input,
    preview: approval.preview ?? null,
  });
  return toApproval(row);
}

/** A thread's approvals in the order they were raised. */
export async function threadApprovals(db: Executor, threadId: string): Promise<Approval[]> {
  return (await listThreadApprovals(db, threadId)).map(toApproval);
}

export async function findApproval(db: Executor, id: string): Promise<Approval | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const row = await getApprovalRow(db, id);
  return row ? toApproval(row) : undefined;
}

/** The approval raised under this key (a graph node asking again after a restart), if any. */
export async function findApprovalByKey(db: Executor, key: string): Promise<Approval | undefined> {
  const row = await getApprovalByKey(db, key);
  return row ? toApproval(row) : undefined;
}

/** The key an approved write runs under (ToolRegistry idempotencyKey): a restart replays its result instead of writing again. */
export const approvedWriteKey = (approvalId: string) => `approval:${approvalId}`;

/** The rule: the requester, their manager (by reporting line or as their team's manager), or an admin. */
export async function mayDecide(db: Executor, actor: Actor, approval: Pick<Approval, 'requesterId'>): Promise<boolean> {
  if (actor.role === 'admin' || actor.userId === approval.requesterId) return true;
  if (actor.role !== 'manager') return false;
  const requester = await getUserReporting(db, approval.requesterId);
  if (!requester) return false;
  return requester.managerId === actor.userId || (actor.teamId !== null && requester.teamId === actor.teamId);
}

export interface DecideApprovalRequest {
  actor: Actor;
  approvalId: string;
  decision: ApprovalDecision;
  /** the replacement input of an edit */
  input?: Record<string, unknown>;
  now: Date;
}

/** Records a decision (audited, in one transaction). Throws a ToolMiss for unknown, forbidden or already decided. */
export async function decideApproval(db: Executor, request: DecideApprovalRequest): Promise<Approval> {
  const { actor, approvalId, decision, now } = request;
  if (decision === 'edit' && !request.input) throw conflict('An edit needs the new input', 'send input with the changed fields');
  const approval = await findApproval(db, approvalId);
  if (!approval) throw notFound('approval', approvalId, 'list the pending approvals of the thread');
  // someone who may not decide it is told it does not exist: its existence is not theirs to learn
  if (!(await mayDecide(db, actor, approval))) throw notFound('approval', approvalId, 'only the requester, their manager or an admin can decide an approval');
  const editedInput = decision === 'edit' ? { ...approval.input, ...request.input } : undefined;
  return db.transaction(async (tx) => {
    const row = await decideApprovalRow(tx, approvalId, { status: STATUS_OF[decision], decidedBy: actor.userId, decidedAt: now, ...(editedInput ? { editedInput } : {}) });
    if (!row) throw conflict(`This approval was already ${approval.status === 'pending' ? 'decided' : approval.status}`, 'nothing to decide any more');
    await appendAudit(tx, {
      at: now,
      actorId: actor.userId,
      actorRole: actor.role,
      tool: 'approvals',
      action: `approval.${row.status}`,
      input: { approvalId, tool: approval.tool, input: approval.input },
      changes: { status: { from: 'pending', to: row.status }, ...(editedInput ? { editedInput } : {}) },
    });
    return toApproval(row);
  });
}

/** Closes an approval nobody decided because its conversation moved on (audited, no decider). */
export async function expireApproval(db: Executor, id: string, now: Date): Promise<Approval | undefined> {
  return db.transaction(async (tx) => {
    const row = await decideApprovalRow(tx, id, { status: 'expired', decidedBy: null, decidedAt: now });
    if (!row) return undefined;
    await appendAudit(tx, { at: now, tool: 'approvals', action: 'approval.expired', input: { approvalId: id, tool: row.tool }, changes: { status: { from: 'pending', to: 'expired' } } });
    return toApproval(row);
  });
}

/** Keeps what the approved write returned beside the decision. */
export async function recordApprovalResult(db: Executor, id: string, result: unknown): Promise<void> {
  await setApprovalResult(db, id, result);
}
