import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isAppError } from '../../core/errors.ts';
import { storeFailure } from '../../core/store-errors.ts';
import { invalidInput, sendError, statusForCode, type ErrorBody, type ErrorIssue } from './reply-error.ts';

// Every failure fastify or a route throws leaves in the shared shape: malformed JSON, a body too large, a
// schema miss, an unknown route, a rate limit, a bug. Nothing of fastify's own { statusCode, error } leaks out.

/** Fastify's own request errors, as codes of ours. */
const FASTIFY_CODES: Record<string, { status: number; body: ErrorBody }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, body: { code: 'invalid_input:json', message: 'The body is not valid JSON', hint: 'send a JSON object with Content-Type: application/json' } },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, body: { code: 'invalid_input:json', message: 'The body is empty but Content-Type says JSON', hint: 'send a JSON object, or no Content-Type header' } },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, body: { code: 'payload_too_large', message: 'The body is larger than this server accepts', hint: 'send less at once (split a batch)' } },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, body: { code: 'unsupported_media_type', message: 'This route does not take that Content-Type', hint: 'send JSON with Content-Type: application/json' } },
};

/** A schema miss (zod through the type provider, or ajv on routes with JSON Schemas) as named fields. */
function validationIssues(error: FastifyError): ErrorIssue[] {
  const where = error.validationContext ?? 'body';
  return (error.validation ?? []).flatMap((issue) => {
    const path = (issue.instancePath ?? '').split('/').filter(Boolean).join('.');
    // zod reports unknown keys on their parent: name each key instead
    const keys = issue.keyword === 'unrecognized_keys' ? ((issue.params as { keys?: string[] }).keys ?? []) : [];
    if (keys.length > 0) return keys.map((key) => ({ field: path === '' ? key : `${path}.${key}`, message: `unknown ${where === 'querystring' ? 'parameter' : 'field'}` }));
    return [{ field: path === '' ? `(${where})` : path, message: issue.message ?? 'is invalid' }];
  });
}

const reason = (status: number) => (status === 429 ? 'rate_limited' : status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status === 404 ? 'not_found' : 'bad_request');

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error) || error.validation) return sendError(reply, 400, invalidInput(validationIssues(error)));
    if (isAppError(error)) return sendError(reply, statusForCode(error.code), { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) });
    // the database went away (or its disk filled) under a route that does not go through the registry
    const store = storeFailure(error);
    if (store) {
      request.log.warn({ err: error }, 'store unavailable');
      reply.header('retry-after', '5');
      return sendError(reply, 503, { code: store.code, message: store.message, ...(store.hint ? { hint: store.hint } : {}) });
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) return sendError(reply, known.status, known.body);
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // e.g. a rate limit plugin's 429 (its Retry-After header is already on the reply)
      const retryAfter = reply.getHeader('retry-after');
      return sendError(reply, status, { code: reason(status), message: error.message, ...(retryAfter !== undefined ? { hint: `retry in ${String(retryAfter)} s` } : {}) });
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, 500, { code: 'internal', message: 'Something went wrong on our side; the error was logged', hint: `quote request id ${request.id}` });
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, { code: 'not_found:route', message: `No route ${request.method} ${request.url.split('?')[0]}`, hint: 'GET /openapi.json lists every route' }),
  );
}
