import { findUserById, loadScope } from '../../db/repos/scope.ts';
import { listLeadMemories } from '../../db/repos/lead-memory.ts';
import type { Actor } from '../core/context.ts';
import { callTool } from '../core/services.ts';
import type { ToolRegistry, ToolResult } from '../registry.ts';
import type { Runtime } from '../runtime.ts';
import { createApproval, decideApproval, expireApproval, findApproval, findApprovalByKey, recordApprovalResult, threadApprovals, type Approval, type DecideApprovalRequest, type NewApproval } from '../approvals/approvals.ts';
import { checkpointRows, type CheckpointRows } from './checkpoint-rows.ts';

/** Everything the copilot graph needs from the tool layer, bound to one runtime: it never sees the database. */
export interface CopilotServices {
  registry: ToolRegistry;
  /** one registry call as `actor` (validation, role, scope, audit); dryRun previews a write */
  /** idempotencyKey: the call happens at most once (see CallServices.idempotencyKey) */
  callTool(name: string, input: Record<string, unknown>, actor: Actor, options?: { dryRun?: boolean; requestId?: string; idempotencyKey?: string }): Promise<ToolResult>;
  approvals: {
    create(approval: NewApproval): Promise<Approval>;
    get(id: string): Promise<Approval | undefined>;
    byKey(key: string): Promise<Approval | undefined>;
    decide(request: Omit<DecideApprovalRequest, 'now'>): Promise<Approval>;
    recordResult(id: string, result: unknown): Promise<void>;
    expire(id: string): Promise<Approval | undefined>;
    /** every approval the thread raised, oldest first */
    ofThread(threadId: string): Promise<Approval[]>;
  };
  checkpoints: CheckpointRows;
  /** lead_remember notes of these leads, within what the actor may see */
  leadNotes(actor: Actor, leadIds: string[]): Promise<{ leadId: string; lead: string; notes: string[] }[]>;
  /** the user's role and team now: an approved write runs with these, not with what the thread stored */
  currentActor(userId: string): Promise<Actor | undefined>;
  now(): Date;
}

const NOTES_PER_LEAD = 5;

export function copilotServices(runtime: Runtime, registry: ToolRegistry): CopilotServices {
  return {
    registry,
    callTool: (name, input, actor, options = {}) => callTool(registry, runtime, actor, name, options.dryRun ? { ...input, dryRun: true } : input, options.requestId, undefined, options.idempotencyKey),
    approvals: {
      create: (approval) => createApproval(runtime.db, approval),
      get: (id) => findApproval(runtime.db, id),
      byKey: (key) => findApprovalByKey(runtime.db, key),
      decide: (request) => decideApproval(runtime.db, { ...request, now: runtime.clock.now() }),
      recordResult: (id, result) => recordApprovalResult(runtime.db, id, result),
      expire: (id) => expireApproval(runtime.db, id, runtime.clock.now()),
      ofThread: (threadId) => threadApprovals(runtime.db, threadId),
    },
    checkpoints: checkpointRows(runtime.db),
    leadNotes: async (actor, leadIds) => {
      const rows = await listLeadMemories(runtime.db, await loadScope(runtime.db, actor), leadIds, NOTES_PER_LEAD);
      return leadIds.flatMap((leadId) => {
        const mine = rows.filter((row) => row.leadId === leadId);
        return mine.length > 0 ? [{ leadId, lead: mine[0]!.lead, notes: mine.map((row) => row.note) }] : [];
      });
    },
    currentActor: (userId) => findUserById(runtime.db, userId),
    now: () => runtime.clock.now(),
  };
}
