import { setImmediate as toEventLoop } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { collectTurn, type TurnSummary } from '../../graph/collect.ts';
import type { Copilot } from '../../graph/copilot.ts';
import type { CopilotEvent } from '../../graph/events.ts';
import type { Actor } from '../../tools/core/context.ts';
import { notFound } from '../../tools/core/errors.ts';
import { actorOrReply } from './caller.ts';
import type { ChatTurns } from './chat-turns.ts';
import { errorResponses, turnAnswer } from './chat-schemas.ts';
import { sendError, statusForCode } from './reply-error.ts';
import { streamEvents, wantsEventStream } from './sse.ts';
import { withZod } from './zod-scope.ts';

// The copilot over HTTP: one JSON answer, or with Accept: text/event-stream the turn's events as they happen.
// A client that goes away cancels its turn (the copilot undoes its checkpoints); past the cap on turns
// running at once a request is refused with 429 and Retry-After instead of waiting.

export interface ChatRoutesOptions {
  /** undefined while the store is still opening */
  copilot(): Copilot | undefined;
  actorFor(request: FastifyRequest): Promise<Actor>;
  turns: ChatTurns;
}

const chatBody = z.object({
  threadId: z.string().trim().min(1).max(100).optional().describe('continue this conversation; omit to start one'),
  message: z.string().trim().min(1, 'say something').max(4000).describe('what the user says'),
});
const decisionBody = z
  .object({
    decision: z.enum(['approve', 'reject', 'edit']).describe('what to do with the proposed change'),
    input: z.record(z.string(), z.unknown()).optional().describe('for edit: the fields to change in the proposed input'),
  })
  .refine((body) => body.decision !== 'edit' || body.input !== undefined, { path: ['input'], message: 'an edit needs the changed fields' });
const approvalParams = z.object({
  threadId: z.string().min(1).describe('the thread that raised the approval'),
  id: z.string().min(1).describe('the approval id from the approval_required event'),
});

const streamNote = 'With `Accept: text/event-stream` the answer is Server-Sent Events instead: `event: <type>` and `data: <CopilotEvent JSON>` per event, first `thread`, last `answer` or `error`.';

/**
 * The embedded store (PGlite, in-process) answers queries without going back to the event loop, so a turn
 * would run as one block: requests arriving meanwhile would not even be read, and the turn cap would never
 * see more than one turn. Handing the loop back between events lets them in (and refused past the cap).
 */
async function* interleaved(events: AsyncIterable<CopilotEvent>): AsyncGenerator<CopilotEvent> {
  for await (const event of events) {
    yield event;
    await toEventLoop();
  }
}

function sendTurn(reply: FastifyReply, turn: TurnSummary) {
  if (turn.error) return reply.code(statusForCode(turn.error.code)).send({ ok: false, threadId: turn.threadId, error: turn.error });
  const { threadId, answer, agents, toolCalls, citations, approvals } = turn;
  return reply.send({ ok: true, threadId, answer, agents, toolCalls, citations, approvals });
}

export async function registerChatRoutes(app: FastifyInstance, options: ChatRoutesOptions): Promise<void> {
  /** Runs one turn in a slot: answered as SSE or JSON, cancelled when the client disconnects. */
  async function runTurn(request: FastifyRequest, reply: FastifyReply, start: (copilot: Copilot, actor: Actor, signal: AbortSignal) => AsyncIterable<CopilotEvent>) {
    const copilot = options.copilot();
    if (!copilot) return sendError(reply, 503, { code: 'starting', message: 'The store is still opening', hint: 'retry when GET /readyz answers 200' });
    const actor = await actorOrReply(options.actorFor, request, reply);
    if (!actor) return reply;
    const slot = options.turns.tryStart();
    if (!slot) {
      const seconds = options.turns.retryAfterSeconds();
      reply.header('retry-after', String(seconds));
      return sendError(reply, 429, { code: 'busy:chat', message: `${options.turns.max} chat turns are already running`, hint: `retry in ${seconds} s` });
    }
    const gone = new AbortController();
    // 'close' also fires after a finished response: only an unfinished one means the client left
    const onClose = () => {
      if (!reply.raw.writableFinished) gone.abort(new Error('client disconnected'));
    };
    reply.raw.on('close', onClose);
    try {
      await toEventLoop();
      const events = interleaved(start(copilot, actor, AbortSignal.any([gone.signal, slot.signal])));
      if (wantsEventStream(request)) return await streamEvents(request, reply, events);
      return sendTurn(reply, await collectTurn(events));
    } finally {
      slot.release();
    }
  }

  await withZod(app, (scope) => {
    scope.post(
      '/v1/chat',
      { schema: { summary: 'Ask the copilot', description: `One turn of a conversation. ${streamNote}`, tags: ['chat'], body: chatBody, response: { 200: turnAnswer, ...errorResponses } } },
      (request, reply) =>
        runTurn(request, reply, (copilot, actor, signal) =>
          copilot.send({ ...(request.body.threadId ? { threadId: request.body.threadId } : {}), message: request.body.message, actor, signal }),
        ),
    );

    scope.post(
      '/v1/chat/:threadId/approvals/:id',
      {
        schema: {
          summary: 'Decide an approval the copilot waits for',
          description: `Approve, reject or edit a proposed change; the turn then goes on. ${streamNote}`,
          tags: ['chat'],
          params: approvalParams,
          body: decisionBody,
          response: { 200: turnAnswer, ...errorResponses },
        },
      },
      async (request, reply) => {
        const copilot = options.copilot();
        const pending = copilot ? await copilot.pendingApprovals(request.params.threadId) : [];
        if (copilot && !pending.some((approval) => approval.approvalId === request.params.id)) {
          // word for word the miss of someone else's approval (the copilot's answer to a caller who may not
          // decide it), so the two cannot be told apart: whether an approval exists is not the caller's to learn
          const { code, message } = notFound('approval', request.params.id);
          return sendError(reply, 404, { code, message });
        }
        const { decision, input } = request.body;
        return runTurn(request, reply, (c, actor, signal) => c.decide({ actor, approvalId: request.params.id, decision, ...(input ? { input } : {}), signal }));
      },
    );
  });
}
