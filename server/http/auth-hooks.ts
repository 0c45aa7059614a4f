import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import { isAppError } from '../../core/errors.ts';
import { hashApiKey } from '../../tools/admin/secrets.ts';
import type { Actor } from '../../tools/core/context.ts';
import { runInRequest } from '../../tools/core/request-scope.ts';
import { authKindOf } from './auth.ts';
import { FailedAuthCounter } from './failed-auth.ts';
import type { HttpLimits } from './limits.ts';
import { sendError } from './reply-error.ts';
import { SOURCE_HEADER } from './webhook-signature.ts';

// Authentication for every API route, before any route code runs: a request without a valid credential
// gets 401 (and its address a failed attempt), a credential over its rate 429, both in the shared error
// shape. Routes then call actorFor(request) and get the same answer, looked up once per request.

/** Routes that act as someone: the API, MCP over HTTP, REST. Health, docs and the page stay open. */
export function needsAuth(url: string): boolean {
  return url.startsWith('/v1/') || url.startsWith('/api/') || url === '/mcp' || url.startsWith('/mcp/') || url.startsWith('/mcp?');
}

// Webhooks are checked once their body is read: a signature covers the raw bytes.
const isWebhook = (url: string) => url.startsWith('/v1/webhooks/');

/** actorFor, asked once per request: the hook and the route share the answer. */
export function oncePerRequest(actorFor: (request: FastifyRequest) => Promise<Actor>): (request: FastifyRequest) => Promise<Actor> {
  const answers = new WeakMap<FastifyRequest, Promise<Actor>>();
  return (request) => {
    let answer = answers.get(request);
    if (!answer) {
      answer = actorFor(request);
      answers.set(request, answer);
    }
    return answer;
  };
}

function rateKeyOf(request: FastifyRequest): string | undefined {
  const kind = authKindOf(request);
  if (kind === 'key') return `key:${hashApiKey(request.headers.authorization ?? '')}`;
  if (kind === 'webhook') return `source:${String(request.headers[SOURCE_HEADER])}`;
  // the operator on this machine (local user, owner token) is not limited: a big import is many calls
  return undefined;
}

function tooMany(reply: FastifyReply, seconds: number, message: string): FastifyReply {
  reply.header('retry-after', String(Math.max(1, seconds)));
  return sendError(reply, 429, { code: 'rate_limited', message, hint: `retry in ${Math.max(1, seconds)} s` });
}

export interface AuthHookOptions {
  /** already wrapped with oncePerRequest */
  actorFor(request: FastifyRequest): Promise<Actor>;
  limits: HttpLimits;
}

export async function registerAuth(app: FastifyInstance, options: AuthHookOptions): Promise<void> {
  // tool calls made deep inside a request (a chat turn's) are audited with its id
  app.addHook('onRequest', (request, _reply, done) => runInRequest(request.id, done));

  await app.register(fastifyRateLimit, { global: false });
  const rateKeys = new WeakMap<FastifyRequest, string>();
  const perKey = app.createRateLimit({ max: options.limits.perKeyPerMinute, timeWindow: 60_000, keyGenerator: (request) => rateKeys.get(request) ?? request.ip });
  const failures = new FailedAuthCounter(options.limits.authFailuresPerMinute);

  async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const wait = failures.retryAfter(request.ip);
    if (wait > 0) return tooMany(reply, wait, 'Too many failed authentications from this address');
    try {
      await options.actorFor(request);
    } catch (error) {
      if (!isAppError(error)) throw error;
      const body = { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
      if (!error.code.startsWith('unauthorized')) return sendError(reply, 503, body);
      failures.fail(request.ip);
      request.log.info({ code: error.code }, 'authentication refused');
      reply.header('www-authenticate', 'Bearer');
      return sendError(reply, 401, body);
    }
    const key = rateKeyOf(request);
    if (!key) return undefined;
    rateKeys.set(request, key);
    const limit = await perKey(request);
    if (limit.isAllowed) return undefined;
    reply.header('x-ratelimit-limit', String(limit.max)).header('x-ratelimit-remaining', String(limit.remaining));
    return limit.isExceeded ? tooMany(reply, limit.ttlInSeconds, `More than ${limit.max} requests a minute with this credential`) : undefined;
  }

  app.addHook('onRequest', async (request, reply) => {
    if (needsAuth(request.url) && !isWebhook(request.url)) return authenticate(request, reply);
    return undefined;
  });
  app.addHook('preHandler', async (request, reply) => {
    if (isWebhook(request.url)) return authenticate(request, reply);
    return undefined;
  });
}
