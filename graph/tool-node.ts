import { Command, Send, interrupt, type LangGraphRunnableConfig } from '@langchain/langgraph';
import { focusFromToolCall } from '../agents/focus.ts';
import type { ChatMessage } from '../agents/models/types.ts';
import type { Actor } from '../tools/core/context.ts';
import { faultPoint } from '../core/faults.ts';
import { approvedWriteKey } from '../tools/approvals/approvals.ts';
import { callNeedsApproval, type ToolResult } from '../tools/registry.ts';
import { emitterOf, type GraphDeps } from './deps.ts';
import { rewriteDraft } from './draft-writer.ts';
import type { ApprovalInterrupt } from './events.ts';
import type { CopilotStateValue, ToolTask } from './state.ts';

// One tool call, as its own task. Reads run at once. A write that changes records people own is previewed by
// the registry's dry run, parked as an approval row and the graph pauses (interrupt); on resume this node runs
// again from its first line, finds the decision on the row, and runs, reports the rejection, or re-previews an edit.
// An approved write runs under the approval's idempotency key and its result is kept on the row: a process
// killed after the write committed, before the graph's checkpoint, replays that result on restart, never the write.

const OUTPUT_LIMIT = 24_000;

function resultContent(result: ToolResult): string {
  const text = JSON.stringify(result.ok ? result.data : { error: result.error });
  return text.length > OUTPUT_LIMIT ? `${text.slice(0, OUTPUT_LIMIT)}… (cut: ask for fewer rows)` : text;
}

const isToolResult = (v: unknown): v is ToolResult => typeof v === 'object' && v !== null && typeof (v as { ok?: unknown }).ok === 'boolean';

export function toolNode(deps: GraphDeps) {
  const owner = new Map(deps.agents.flatMap((agent) => agent.toolNames.map((name) => [name, agent.name] as const)));

  return async (state: CopilotStateValue, config: LangGraphRunnableConfig) => {
    const emit = emitterOf(config);
    const task = state.toolTask as ToolTask;
    const { call, agent } = task;
    const actor: Actor = { userId: state.actor.userId, role: state.actor.role, teamId: state.actor.teamId ?? null };
    const threadId = String(config.configurable?.thread_id ?? '');
    emit({ type: 'tool_start', agent, callId: call.id, name: call.name, input: call.input });

    const finish = (result: ToolResult, note?: string) => {
      emit({ type: 'tool_end', agent, callId: call.id, name: call.name, input: call.input, ok: result.ok, ...(result.ok ? {} : { error: { code: result.error.code, message: result.error.message } }) });
      const content = note ?? resultContent(result);
      const message: ChatMessage = { role: 'tool', toolCallId: call.id, name: call.name, content, ok: result.ok };
      return new Command({ update: { messages: [message], focus: result.ok ? focusFromToolCall(call.name, result.data) : [] }, goto: 'agent' });
    };

    // only the agent's own tools, whatever the model asked for
    if (owner.get(call.name) !== agent) {
      return finish({ ok: false, error: { code: 'not_found:tool', message: `${call.name} is not one of the ${agent} agent's tools`, hint: 'use one of the tools you were given' } });
    }
    const definition = deps.services.registry.get(call.name);
    if (!definition || !callNeedsApproval(definition, call.input)) {
      const result = await deps.services.callTool(call.name, call.input, actor);
      return finish(await rewriteDraft(deps.model, (name) => deps.prompt(name), call.name, result));
    }

    const key = `copilot:${threadId}:${call.id}:${task.revision}`;
    // on resume the approval exists: its stored preview stands (a fresh dry run after the write committed would preview nothing)
    let approval = await deps.services.approvals.byKey(key);
    if (!approval) {
      const preview = await deps.services.callTool(call.name, call.input, actor, { dryRun: true });
      // a preview that fails (not found, ambiguous, forbidden, bad input) goes back to the model, no approval
      if (!preview.ok) return finish(preview);
      approval = await deps.services.approvals.create({ key, source: 'copilot', threadId, requesterId: actor.userId, tool: call.name, input: call.input, preview: preview.data });
    }
    if (approval.status === 'pending') {
      const payload: ApprovalInterrupt = { approvalId: approval.id, agent, callId: call.id, tool: call.name, input: call.input, preview: approval.preview };
      interrupt(payload);
      approval = (await deps.services.approvals.get(approval.id)) ?? approval;
    }
    switch (approval.status) {
      case 'approved': {
        const recorded = isToolResult(approval.result) ? approval.result : undefined;
        faultPoint('approval:before-call');
        // the decision may come days later: the write runs with the requester's role and team as they are now
        const current = recorded ? actor : await deps.services.currentActor(actor.userId);
        const result =
          recorded ??
          (current
            ? await deps.services.callTool(call.name, call.input, current, { idempotencyKey: approvedWriteKey(approval.id) })
            : ({ ok: false, error: { code: 'forbidden', message: 'The requester no longer has an account here; nothing was changed.' } } satisfies ToolResult));
        if (!recorded) await deps.services.approvals.recordResult(approval.id, result);
        return finish(result);
      }
      case 'edited': {
        const input = approval.editedInput ?? call.input;
        const edited: ToolTask = { call: { ...call, input }, agent, revision: task.revision + 1 };
        return new Command({ goto: new Send('tool', { actor: state.actor, toolTask: edited }) });
      }
      case 'rejected':
        return finish({ ok: false, error: { code: 'rejected', message: 'rejected by the user' } }, JSON.stringify({ error: { code: 'rejected', message: `The user rejected this ${call.name} call; nothing was changed.` } }));
      default:
        return finish({ ok: false, error: { code: 'expired', message: 'the approval expired' } }, JSON.stringify({ error: { code: 'expired', message: 'The approval expired before anyone decided; nothing was changed.' } }));
    }
  };
}
