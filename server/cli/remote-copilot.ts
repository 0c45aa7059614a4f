import type { TurnSummary } from '../../graph/collect.ts';
import type { Copilot, DecideRequest, SendRequest } from '../../graph/copilot.ts';
import type { CopilotEvent } from '../../graph/events.ts';
import { ownerRequest } from '../../tools/remote.ts';

// `npm run chat` while a server owns the embedded store: the same conversation through the server's
// POST /v1/chat routes (as its owner), so the terminal never opens the store a server holds.

type RemoteChat = Pick<Copilot, 'modelId' | 'send' | 'decide'>;

/** The events a whole-turn JSON answer stands for, in the order a live turn would have sent them. */
export function eventsOfTurn(body: unknown): CopilotEvent[] {
  const turn = body as Partial<TurnSummary> & { error?: { code: string; message: string } };
  const events: CopilotEvent[] = [];
  if (turn.threadId) events.push({ type: 'thread', threadId: turn.threadId });
  if (turn.error) return [...events, { type: 'error', code: turn.error.code, message: turn.error.message }];
  for (const agent of turn.agents ?? []) events.push({ type: 'agent', agent, request: '' });
  (turn.toolCalls ?? []).forEach((call, index) =>
    events.push({ type: 'tool_end', agent: call.agent, callId: `remote-${index}`, name: call.name, input: call.input, ok: call.ok }),
  );
  for (const approval of turn.approvals ?? []) {
    events.push({ type: 'approval_required', approvalId: approval.id, agent: '', tool: approval.tool, input: approval.input ?? {}, preview: approval.preview });
  }
  events.push({ type: 'answer', text: turn.answer ?? '', citations: turn.citations ?? [], agents: turn.agents ?? [] });
  return events;
}

export function remoteCopilot(url: string, token: string): RemoteChat {
  // approvals are decided on the thread they were raised in
  let lastThread: string | undefined;
  async function* turn(path: string, body: unknown): AsyncIterable<CopilotEvent> {
    const answer = await ownerRequest(`${url}${path}`, token, 'POST', body);
    if (typeof answer.body !== 'object' || answer.body === null) {
      yield { type: 'error', code: 'remote', message: `the Dealwise server at ${url} answered ${answer.status} with no JSON` };
      return;
    }
    for (const event of eventsOfTurn(answer.body)) {
      if (event.type === 'thread') lastThread = event.threadId;
      yield event;
    }
  }
  return {
    modelId: `the running server at ${url}`,
    send: (request: SendRequest) => turn('/v1/chat', { ...(request.threadId ? { threadId: request.threadId } : {}), message: request.message }),
    decide: (request: DecideRequest) =>
      turn(`/v1/chat/${encodeURIComponent(lastThread ?? '')}/approvals/${encodeURIComponent(request.approvalId)}`, {
        decision: request.decision,
        ...(request.input ? { input: request.input } : {}),
      }),
  };
}
