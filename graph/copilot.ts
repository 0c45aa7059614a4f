import { randomUUID } from 'node:crypto';
import { Command, type LangGraphRunnableConfig } from '@langchain/langgraph';
import { agents as allAgents, type AgentDefinition } from '../agents/index.ts';
import type { ChatMessage, CopilotModel, EntityDirectory, FocusEntity } from '../agents/models/types.ts';
import { isAppError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import { loadPrompt } from '../prompts/index.ts';
import type { ApprovalDecision } from '../tools/approvals/approvals.ts';
import type { Actor } from '../tools/core/context.ts';
import type { CopilotServices } from '../tools/copilot/services.ts';
import { buildCopilotGraph, type CopilotGraph } from './build.ts';
import { StoreCheckpointSaver } from './checkpointer.ts';
import type { GraphDeps } from './deps.ts';
import { isApprovalInterrupt, type ApprovalInterrupt, type CopilotEvent } from './events.ts';
import type { TurnActor } from './state.ts';

// The one entry every surface uses: send() a message, decide() an approval; both stream CopilotEvents.

export type { CopilotEvent };
export type CopilotActor = TurnActor;

export interface CopilotDeps {
  model: CopilotModel;
  services: CopilotServices;
  agents?: readonly AgentDefinition[];
  prompt?: (name: string) => string;
  /** names the caller may see, for the model's entity resolution (default: none) */
  directory?: (actor: CopilotActor) => EntityDirectory;
  /** default: on for LLMs, off for the local model (it renders answers from tool outputs) */
  verifyNumbers?: boolean;
  maxRounds?: number;
  newThreadId?: () => string;
  /** where unexpected failures are logged with their cause */
  log?: Logger;
}

export interface SendRequest {
  threadId?: string;
  message: string;
  actor: CopilotActor;
  /** aborting it (the client went away) stops the turn and undoes its checkpoints: the thread stays as before */
  signal?: AbortSignal;
}

export interface DecideRequest {
  actor: Actor;
  approvalId: string;
  decision: ApprovalDecision;
  input?: Record<string, unknown>;
  /** as in SendRequest: a cancelled resume leaves the thread waiting, and the decision recorded */
  signal?: AbortSignal;
}

export interface Copilot {
  readonly modelId: string;
  send(request: SendRequest): AsyncIterable<CopilotEvent>;
  decide(request: DecideRequest): AsyncIterable<CopilotEvent>;
  /** approvals the thread is waiting for */
  pendingApprovals(threadId: string): Promise<ApprovalInterrupt[]>;
  /** a thread as its owner sees it (history for surfaces); undefined when unknown or someone else's */
  thread(threadId: string, actor: Pick<CopilotActor, 'userId'>): Promise<ThreadView | undefined>;
  /** the threads the actor started, newest first; `before` is the previous page's last cursor */
  threads(actor: Pick<CopilotActor, 'userId'>, options: { limit: number; before?: string }): Promise<ThreadSummary[]>;
}

export interface ThreadSummary {
  threadId: string;
  title: string;
  messageCount: number;
  updatedAt: string;
  /** pass as `before` to get the threads after this one */
  cursor: string;
}

export interface ThreadView {
  threadId: string;
  messages: ChatMessage[];
  focus: FocusEntity[];
  pendingApprovals: ApprovalInterrupt[];
  /** every approval the thread raised, with its decision */
  approvals: { id: string; tool: string; input: Record<string, unknown>; status: string; decidedAt: string | null; createdAt: string }[];
}

const MESSAGE_LIMIT = 4000;
const DECIDED_STATUS: Record<ApprovalDecision, string> = { approve: 'approved', reject: 'rejected', edit: 'edited' };
const CHECKPOINTS_KEPT = 4;
const emptyDirectory: EntityDirectory = { names: async () => [] };

function errorEvent(error: unknown): CopilotEvent {
  if (isAppError(error)) return { type: 'error', code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { type: 'error', code: 'internal', message: `The copilot failed: ${message}` };
}

export function createCopilot(deps: CopilotDeps): Copilot {
  const graphDeps: GraphDeps = {
    model: deps.model,
    services: deps.services,
    agents: deps.agents ?? allAgents,
    prompt: deps.prompt ?? loadPrompt,
    directory: deps.directory ?? (() => emptyDirectory),
    verifyNumbers: deps.verifyNumbers ?? deps.model.id !== 'local',
    maxRounds: deps.maxRounds ?? 6,
  };
  // each checkpoint holds the whole thread: the last few are all a conversation needs
  const graph: CopilotGraph = buildCopilotGraph(graphDeps, new StoreCheckpointSaver(deps.services.checkpoints, CHECKPOINTS_KEPT));
  const newThreadId = deps.newThreadId ?? randomUUID;
  const configOf = (threadId: string): LangGraphRunnableConfig => ({ configurable: { thread_id: threadId }, recursionLimit: 100 });

  async function pendingApprovals(threadId: string): Promise<ApprovalInterrupt[]> {
    const snapshot = await graph.getState(configOf(threadId));
    const parked = snapshot.tasks.flatMap((task) => task.interrupts.flatMap((pending) => (isApprovalInterrupt(pending.value) ? [pending.value] : [])));
    // when one of two approvals raised in one step is decided, the step is still open and LangGraph keeps listing
    // the decided task's interrupt beside the one still waiting: the approval row says which a person still owes
    const rows = await Promise.all(parked.map((pending) => deps.services.approvals.get(pending.approvalId)));
    return parked.filter((_, i) => rows[i]?.status === 'pending');
  }

  // one run at a time per thread in this process: two requests racing on a thread would fork its checkpoints
  const running = new Map<string, Promise<void>>();

  async function* run(input: Parameters<CopilotGraph['stream']>[0], threadId: string, signal?: AbortSignal): AsyncGenerator<CopilotEvent> {
    const before = running.get(threadId);
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const chained = (before ?? Promise.resolve()).then(() => mine);
    running.set(threadId, chained);
    await before;
    // where the thread stood before this run: a cancelled run is undone back to it
    let startedFrom: string | undefined;
    let settled = false;
    try {
      if (signal?.aborted) throw signal.reason;
      startedFrom = (await deps.services.checkpoints.get(threadId, ''))?.checkpointId;
      // checkpoints are written when the run ends or pauses, not after every step: a turn costs a few writes
      const stream = await graph.stream(input, { ...configOf(threadId), streamMode: ['custom', 'updates'], durability: 'exit', ...(signal ? { signal } : {}) });
      let paused = false;
      for await (const [mode, chunk] of stream) {
        if (mode === 'custom') yield chunk as CopilotEvent;
        else if (chunk && typeof chunk === 'object' && '__interrupt__' in chunk) paused = true;
      }
      settled = true;
      if (!paused) return;
      for (const pending of await pendingApprovals(threadId)) {
        yield { type: 'approval_required', approvalId: pending.approvalId, agent: pending.agent, tool: pending.tool, input: pending.input, preview: pending.preview };
      }
    } catch (error) {
      settled = true;
      if (signal?.aborted) {
        // the stream has ended (LangGraph awaits its exit checkpoint before throwing), so nothing writes after this
        await deps.services.checkpoints.rollback(threadId, startedFrom);
        return yield { type: 'error', code: 'cancelled', message: 'The turn was cancelled before it finished' };
      }
      if (!isAppError(error) || error.code === 'model:unavailable') deps.log?.error({ err: error, threadId }, 'copilot turn failed');
      yield errorEvent(error);
    } finally {
      // abandoned mid-stream (the consumer stopped iterating) after an abort: undo it all the same
      if (!settled && signal?.aborted) await deps.services.checkpoints.rollback(threadId, startedFrom).catch((err: unknown) => deps.log?.error({ err, threadId }, 'rollback failed'));
      release();
      if (running.get(threadId) === chained) running.delete(threadId);
    }
  }

  async function* send(request: SendRequest): AsyncGenerator<CopilotEvent> {
    const message = request.message.trim();
    if (message === '') return yield { type: 'error', code: 'invalid_input', message: 'message: say something' };
    if (message.length > MESSAGE_LIMIT) return yield { type: 'error', code: 'invalid_input', message: `message: at most ${MESSAGE_LIMIT} characters` };
    // thread ids are keys in the checkpoint table: text Postgres cannot hold (NUL, half surrogates) failed the lookup as a 500
    if (request.threadId !== undefined && !/^[\x20-\x7e]{1,200}$/.test(request.threadId)) {
      return yield { type: 'error', code: 'invalid_input', message: 'threadId: 1 to 200 printable ASCII characters, as the copilot gave it' };
    }
    const threadId = request.threadId ?? newThreadId();
    try {
      if (request.threadId) {
        const snapshot = await graph.getState(configOf(threadId));
        const owner = (snapshot.values as { actor?: TurnActor }).actor;
        if (owner && owner.userId !== request.actor.userId) {
          // the same answer as for a thread that does not exist: never confirm someone else's conversation
          return yield { type: 'error', code: 'not_found:thread', message: `No conversation ${threadId}` };
        }
        // a new message abandons the approvals the thread was waiting for
        for (const task of snapshot.tasks) {
          for (const pending of task.interrupts) if (isApprovalInterrupt(pending.value)) await deps.services.approvals.expire(pending.value.approvalId);
        }
      }
    } catch (error) {
      return yield errorEvent(error);
    }
    yield { type: 'thread', threadId };
    yield* run({ actor: request.actor, messages: [{ role: 'user', content: message }] }, threadId, request.signal);
  }

  async function* decide(request: DecideRequest): AsyncGenerator<CopilotEvent> {
    let resumeId: string | undefined;
    let threadId: string;
    try {
      const approval = await deps.services.approvals.get(request.approvalId);
      if (!approval || approval.source !== 'copilot' || !approval.threadId) {
        return yield { type: 'error', code: 'not_found:approval', message: `No copilot approval ${request.approvalId}` };
      }
      threadId = approval.threadId;
      const snapshot = await graph.getState(configOf(threadId));
      resumeId = snapshot.tasks.flatMap((task) => task.interrupts).find((pending) => isApprovalInterrupt(pending.value) && pending.value.approvalId === request.approvalId)?.id;
      if (!resumeId && approval.status === 'pending') {
        return yield { type: 'error', code: 'conflict', message: 'This conversation is no longer waiting for that approval' };
      }
      // decided before, but that run was cancelled and undone: the thread still waits, so resume with the recorded decision
      const decidedRunCancelled = resumeId !== undefined && approval.status !== 'pending';
      if (decidedRunCancelled && approval.status !== DECIDED_STATUS[request.decision]) {
        return yield { type: 'error', code: 'conflict', message: `This approval was already ${approval.status}` };
      }
      if (!decidedRunCancelled) {
        await deps.services.approvals.decide({ actor: request.actor, approvalId: request.approvalId, decision: request.decision, ...(request.input ? { input: request.input } : {}) });
      }
    } catch (error) {
      return yield errorEvent(error);
    }
    yield { type: 'thread', threadId };
    if (!resumeId) return;
    yield* run(new Command({ resume: { [resumeId]: { decision: request.decision } } }), threadId, request.signal);
  }

  async function thread(threadId: string, actor: Pick<CopilotActor, 'userId'>): Promise<ThreadView | undefined> {
    const snapshot = await graph.getState(configOf(threadId));
    const values = snapshot.values as { actor?: TurnActor; messages?: ChatMessage[]; focus?: FocusEntity[] };
    if (!values.actor || values.actor.userId !== actor.userId) return undefined;
    const pending = snapshot.tasks.flatMap((task) => task.interrupts.flatMap((i) => (isApprovalInterrupt(i.value) ? [i.value] : [])));
    const approvals = (await deps.services.approvals.ofThread(threadId)).map((a) => ({
      id: a.id,
      tool: a.tool,
      input: a.editedInput ?? a.input,
      status: a.status,
      decidedAt: a.decidedAt?.toISOString() ?? null,
      createdAt: a.createdAt.toISOString(),
    }));
    return { threadId, messages: values.messages ?? [], focus: values.focus ?? [], pendingApprovals: pending, approvals };
  }

  async function threads(actor: Pick<CopilotActor, 'userId'>, options: { limit: number; before?: string }): Promise<ThreadSummary[]> {
    const rows = await deps.services.checkpoints.threadsOf(actor.userId, options);
    return rows.map(({ threadId, title, messageCount, updatedAt, checkpointId }) => ({ threadId, title, messageCount, updatedAt, cursor: checkpointId }));
  }

  return { modelId: deps.model.id, send, decide, pendingApprovals, thread, threads };
}
