import { collectTurn, type TurnSummary } from '../graph/collect.ts';
import type { Copilot } from '../graph/copilot.ts';
import type { CopilotAccess, CopilotAnswer } from '../tools/core/context.ts';

// The copilot handed to the tool layer (ask_copilot, confirm_action on a copilot approval): a turn collected
// into one answer. Surfaces without streaming (MCP, POST /v1/tools) use it.

function answerOf(turn: TurnSummary, threadId: string | undefined): CopilotAnswer {
  return {
    threadId: turn.threadId ?? threadId ?? '',
    answer: turn.answer,
    agents: turn.agents,
    approvals: turn.approvals.map((a) => ({ approvalId: a.id, tool: a.tool, input: a.input, preview: a.preview })),
    ...(turn.error ? { error: turn.error } : {}),
  };
}

export function copilotAccess(copilot: Copilot): CopilotAccess {
  return {
    ask: async ({ threadId, message, actor }) => answerOf(await collectTurn(copilot.send({ message, actor, ...(threadId ? { threadId } : {}) })), threadId),
    decide: async ({ actor, approvalId, decision }) => answerOf(await collectTurn(copilot.decide({ actor, approvalId, decision })), undefined),
  };
}
