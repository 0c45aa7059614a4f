import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../tools/core/context.ts';
import { sendAppError, sendError } from './reply-error.ts';

// Who a request acts as, or the reply already sent: 401 for a missing or bad key (code unauthorized...),
// 503 for a server not configured yet (config:local_user); anything unexpected goes to the error handler.

export async function actorOrReply(actorFor: (request: FastifyRequest) => Promise<Actor>, request: FastifyRequest, reply: FastifyReply): Promise<Actor | undefined> {
  try {
    return await actorFor(request);
  } catch (error) {
    if (!sendAppError(reply, error)) throw error;
    return undefined;
  }
}

export function sendStarting(reply: FastifyReply): FastifyReply {
  return sendError(reply, 503, { code: 'starting', message: 'The store is still opening', hint: 'retry when GET /readyz answers 200' });
}
