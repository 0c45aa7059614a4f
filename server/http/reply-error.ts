import type { FastifyReply } from 'fastify';

// The one error shape every HTTP route answers with: { ok: false, error: { code, message, hint?, issues? } }.

export interface ErrorIssue {
  field: string;
  message: string;
}

export interface ErrorBody {
  code: string;
  message: string;
  hint?: string;
  issues?: ErrorIssue[];
}

export function errorBody(error: ErrorBody): { ok: false; error: ErrorBody } {
  return { ok: false, error };
}

export function sendError(reply: FastifyReply, status: number, error: ErrorBody): FastifyReply {
  return reply.code(status).send(errorBody(error));
}
