import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Copilot } from '../../graph/copilot.ts';
import type { Actor } from '../../tools/core/context.ts';
import { actorOrReply, sendStarting } from './caller.ts';
import { errorResponses } from './chat-schemas.ts';
import { sendError } from './reply-error.ts';
import { withZod } from './zod-scope.ts';

// The caller's conversations: a thread belongs to the user who started it; anyone else gets 404, never a
// hint that it exists.

export interface ThreadRoutesOptions {
  copilot(): Copilot | undefined;
  actorFor(request: FastifyRequest): Promise<Actor>;
}

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('threads per page (1-100)'),
  cursor: z.string().min(1).max(100).optional().describe('nextCursor of the previous page'),
});

const threadSummary = z.object({
  threadId: z.string(),
  title: z.string().describe('the first message'),
  messageCount: z.number().int(),
  updatedAt: z.string().describe('when it last changed'),
});

const message = z
  .object({
    role: z.enum(['user', 'assistant', 'tool']),
    content: z.string(),
    agent: z.string().optional(),
    toolCalls: z.array(z.object({ id: z.string(), name: z.string(), input: z.record(z.string(), z.unknown()) })).optional().describe('tools the assistant called'),
    toolCallId: z.string().optional(),
    name: z.string().optional().describe('for role tool: which tool answered'),
    ok: z.boolean().optional(),
    citations: z.array(z.object({ kind: z.string(), id: z.string(), label: z.string().optional(), quote: z.string().optional() })).optional(),
  })
  .describe('one message: user, assistant (maybe with tool calls) or tool result');

const threadView = z.object({
  ok: z.literal(true),
  thread: z.object({
    threadId: z.string(),
    messages: z.array(message).describe('the conversation with its tool calls and results, oldest first'),
    pendingApprovals: z
      .array(z.object({ approvalId: z.string(), agent: z.string(), callId: z.string(), tool: z.string(), input: z.record(z.string(), z.unknown()), preview: z.unknown() }))
      .describe('decide these with POST /v1/chat/:threadId/approvals/:approvalId'),
    approvals: z.array(z.object({ id: z.string(), tool: z.string(), input: z.record(z.string(), z.unknown()), status: z.string(), decidedAt: z.string().nullable(), createdAt: z.string() })),
  }),
});

export async function registerThreadRoutes(app: FastifyInstance, options: ThreadRoutesOptions): Promise<void> {
  await withZod(app, (scope) => {
    scope.get(
      '/v1/threads',
      {
        schema: {
          summary: "The caller's conversations, newest first",
          tags: ['chat'],
          querystring: listQuery,
          response: { 200: z.object({ ok: z.literal(true), threads: z.array(threadSummary), nextCursor: z.string().nullable() }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const copilot = options.copilot();
        if (!copilot) return sendStarting(reply);
        const actor = await actorOrReply(options.actorFor, request, reply);
        if (!actor) return reply;
        const { limit, cursor } = request.query;
        // one more than asked tells whether another page follows
        const found = await copilot.threads(actor, { limit: limit + 1, ...(cursor ? { before: cursor } : {}) });
        const page = found.slice(0, limit);
        return { ok: true as const, threads: page.map(({ cursor: _c, ...thread }) => thread), nextCursor: found.length > limit ? page.at(-1)!.cursor : null };
      },
    );

    scope.get(
      '/v1/threads/:id',
      { schema: { summary: 'One conversation: messages, tool calls and approvals', tags: ['chat'], params: z.object({ id: z.string().min(1).max(100) }), response: { 200: threadView, ...errorResponses } } },
      async (request, reply) => {
        const copilot = options.copilot();
        if (!copilot) return sendStarting(reply);
        const actor = await actorOrReply(options.actorFor, request, reply);
        if (!actor) return reply;
        const thread = await copilot.thread(request.params.id, actor);
        if (!thread) return sendError(reply, 404, { code: 'not_found:thread', message: `No thread ${request.params.id}`, hint: 'GET /v1/threads lists yours' });
        const { threadId, messages, pendingApprovals, approvals } = thread;
        return { ok: true as const, thread: { threadId, messages, pendingApprovals, approvals } };
      },
    );
  });
}
