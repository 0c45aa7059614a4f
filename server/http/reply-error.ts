import type { FastifyReply } from 'fastify';
import { isAppError } from '../../core/errors.ts';

// The one error shape every HTTP route answers with: { ok: false, error: { code, message, hint?, issues? } },
// and the one table from an error code (`kind:detail`) to its HTTP status.

export interface ErrorIssue {
  field: string;
  message: string;
}

export interface ErrorBody {
  code: string;
  message: string;
  hint?: string;
  issues?: ErrorIssue[];
  /** a tool's ambiguous match: the records it could mean */
  candidates?: { id: string; label: string; detail?: string }[];
}

export function errorBody(error: ErrorBody): { ok: false; error: ErrorBody } {
  return { ok: false, error };
}

export function sendError(reply: FastifyReply, status: number, error: ErrorBody): FastifyReply {
  return reply.code(status).send(errorBody(error));
}

const STATUS_BY_CODE: [RegExp, number][] = [
  [/^invalid_input/, 400],
  [/^unauthorized/, 401],
  [/^forbidden/, 403],
  [/^not_found/, 404],
  [/^(ambiguous|conflict)/, 409],
  [/^payload_too_large/, 413],
  [/^(rate_limited|busy)/, 429],
  [/^internal/, 500],
  [/^(starting|draining|config|model|unavailable)/, 503],
];

/** The HTTP status an error code stands for; `fallback` for codes of no known kind. */
export function statusForCode(code: string, fallback = 500): number {
  return STATUS_BY_CODE.find(([pattern]) => pattern.test(code))?.[1] ?? fallback;
}

/** An AppError (thrown by actorFor, a repo, a tool) as the shared shape, with the status its code stands for. */
export function sendAppError(reply: FastifyReply, error: unknown): FastifyReply | undefined {
  if (!isAppError(error)) return undefined;
  return sendError(reply, statusForCode(error.code), { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) });
}

/** zod issues as { field, message } pairs, the field as a dotted path ('(body)' for the whole body). */
export function zodIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[], whole = '(body)'): ErrorIssue[] {
  return issues.map((issue) => ({ field: issue.path.map(String).join('.') || whole, message: issue.message }));
}

export function invalidInput(issues: ErrorIssue[], hint = 'fix the named fields and send again'): ErrorBody {
  return { code: 'invalid_input', message: issues.map((i) => `${i.field}: ${i.message}`).join('; '), hint, issues };
}
