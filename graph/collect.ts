import type { Citation } from '../agents/models/types.ts';
import type { CopilotEvent } from './events.ts';

/** A whole turn at once, for surfaces without streaming (POST /v1/chat, tests, the eval). */
export interface TurnSummary {
  threadId: string | undefined;
  answer: string;
  /** agents visited, in order */
  agents: string[];
  toolCalls: { agent: string; name: string; input: Record<string, unknown>; ok: boolean }[];
  citations: Citation[];
  approvals: { id: string; tool: string; input: Record<string, unknown>; preview: unknown }[];
  error: { code: string; message: string } | undefined;
}

export async function collectTurn(events: AsyncIterable<CopilotEvent>): Promise<TurnSummary> {
  const turn: TurnSummary = { threadId: undefined, answer: '', agents: [], toolCalls: [], citations: [], approvals: [], error: undefined };
  for await (const event of events) {
    switch (event.type) {
      case 'thread':
        turn.threadId = event.threadId;
        break;
      case 'agent':
        turn.agents.push(event.agent);
        break;
      case 'tool_end':
        turn.toolCalls.push({ agent: event.agent, name: event.name, input: event.input, ok: event.ok });
        break;
      case 'approval_required':
        turn.approvals.push({ id: event.approvalId, tool: event.tool, input: event.input, preview: event.preview });
        break;
      case 'answer':
        turn.answer = event.text;
        turn.citations = event.citations;
        break;
      case 'error':
        turn.error = { code: event.code, message: event.message };
        break;
      default:
        break;
    }
  }
  return turn;
}
