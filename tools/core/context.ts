import type { Embedder } from '../../core/embeddings/index.ts';
import type { Logger } from '../../core/logger.ts';
import type { Executor } from '../../db/client.ts';
import type { Actor, Scope } from '../../db/repos/scope.ts';
import type { ToolError } from './errors.ts';

export type { Actor, Scope };

/** What every tool's execute() receives. Passed in, never global (ARCHITECTURE.md, convention 4). */
export interface ToolContext {
  actor: Actor;
  /** the records the actor may see, resolved once per call */
  scope: Scope;
  /** the database, or the call's transaction for write tools */
  db: Executor;
  log: Logger;
  /** the call's clock reading: tools never ask the system for the time */
  now: Date;
  embedder: Embedder;
  requestId?: string;
  /**
   * Orchestrator tools only (workflow_run): calls another tool through the registry, each call its own
   * transaction, role check and audit row (tagged with requestId); `actor` defaults to the caller.
   * Absent on a dry run, where an orchestrator reports its plan instead.
   */
  /** the copilot as a service, when the surface calling provides one (surface-only tools: ask_copilot, confirm_action) */
  copilot?: CopilotAccess;
  callTool?: (name: string, input: unknown, options: { requestId: string; actor?: Actor; idempotencyKey?: string }) => Promise<{ ok: true; data: unknown } | { ok: false; error: ToolError }>;
}

/** A copilot turn, collected: what ask_copilot and confirm_action report back. */
export interface CopilotAnswer {
  threadId: string;
  answer: string;
  agents: string[];
  approvals: { approvalId: string; tool: string; input: Record<string, unknown>; preview: unknown }[];
  error?: { code: string; message: string };
}

/**
 * The copilot seen from the tool layer (the graph sits above tools, so the surface passes this in): one
 * turn, or the decision of one of its approvals, collected into an answer.
 */
export interface CopilotAccess {
  ask(request: { threadId?: string; message: string; actor: Actor }): Promise<CopilotAnswer>;
  decide(request: { actor: Actor; approvalId: string; decision: 'approve' | 'reject' }): Promise<CopilotAnswer>;
}
