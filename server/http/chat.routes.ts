import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isAppError } from '../../core/errors.ts';
import { collectTurn, type TurnSummary } from '../../graph/collect.ts';
import type { Copilot } from '../../graph/copilot.ts';
import type { Actor } from '../../tools/core/context.ts';
import { streamEvents, wantsEventStream } from './sse.ts';

// The copilot over HTTP, one JSON answer per request (streaming, auth and history come with the HTTP surface).

export interface ChatRoutesOptions {
  /** undefined while the store is still opening */
  copilot(): Copilot | undefined;
  actorFor(request: FastifyRequest): Promise<Actor>;
}

const chatBody = z.object({
  threadId: z.string().trim().min(1).max(100).optional().describe('continue this conversation; omit to start one'),
  message: z.string().trim().min(1, 'say something').max(4000).describe('what the user says'),
});
const decisionBody = z.object({
  decision: z.enum(['approve', 'reject', 'edit']).describe('what to do with the proposed change'),
  input: z.record(z.string(), z.unknown()).optional().describe('for edit: the fields to change in the proposed input'),
});

const STATUS_BY_CODE: [RegExp, number][] = [
  [/^invalid_input/, 400],
  [/^forbidden/, 403],
  [/^not_found/, 404],
  [/^conflict/, 409],
  [/^(model|config)/, 503],
];

function send(reply: FastifyReply, turn: TurnSummary) {
  if (turn.error) {
    const status = STATUS_BY_CODE.find(([pattern]) => pattern.test(turn.error!.code))?.[1] ?? 500;
    return reply.code(status).send({ threadId: turn.threadId, error: turn.error });
  }
  const { threadId, answer, agents, toolCalls, citations, approvals } = turn;
  return reply.send({ threadId, answer, agents, toolCalls, citations, approvals: approvals.map(({ id, tool, input, preview }) => ({ id, tool, input, preview })) });
}

function invalid(reply: FastifyReply, error: z.ZodError) {
  const issues = error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message }));
  return reply.code(400).send({ error: { code: 'invalid_input', message: issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues } });
}

export async function registerChatRoutes(app: FastifyInstance, options: ChatRoutesOptions): Promise<void> {
  const ready = async (request: FastifyRequest, reply: FastifyReply): Promise<{ copilot: Copilot; actor: Actor } | undefined> => {
    const copilot = options.copilot();
    if (!copilot) {
      await reply.code(503).send({ error: { code: 'starting', message: 'The store is still opening', hint: 'retry when GET /health answers 200' } });
      return undefined;
    }
    try {
      return { copilot, actor: await options.actorFor(request) };
    } catch (error) {
      if (!isAppError(error)) throw error;
      await reply.code(503).send({ error: { code: error.code, message: error.message, hint: error.hint } });
      return undefined;
    }
  };

  app.post('/v1/chat', async (request, reply) => {
    const body = chatBody.safeParse(request.body ?? {});
    if (!body.success) return invalid(reply, body.error);
    const context = await ready(request, reply);
    if (!context) return reply;
    const events = context.copilot.send({ ...(body.data.threadId ? { threadId: body.data.threadId } : {}), message: body.data.message, actor: context.actor });
    if (wantsEventStream(request)) return streamEvents(request, reply, events);
    return send(reply, await collectTurn(events));
  });

  app.post<{ Params: { threadId: string; id: string } }>('/v1/chat/:threadId/approvals/:id', async (request, reply) => {
    const body = decisionBody.safeParse(request.body ?? {});
    if (!body.success) return invalid(reply, body.error);
    if (body.data.decision === 'edit' && !body.data.input) return reply.code(400).send({ error: { code: 'invalid_input', message: 'input: an edit needs the changed fields' } });
    const context = await ready(request, reply);
    if (!context) return reply;
    const pending = await context.copilot.pendingApprovals(request.params.threadId);
    if (!pending.some((approval) => approval.approvalId === request.params.id)) {
      return reply.code(404).send({ threadId: request.params.threadId, error: { code: 'not_found:approval', message: `Thread ${request.params.threadId} is not waiting for approval ${request.params.id}` } });
    }
    const events = context.copilot.decide({ actor: context.actor, approvalId: request.params.id, decision: body.data.decision, ...(body.data.input ? { input: body.data.input } : {}) });
    if (wantsEventStream(request)) return streamEvents(request, reply, events);
    return send(reply, await collectTurn(events));
  });
}
