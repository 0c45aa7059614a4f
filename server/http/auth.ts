import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.ts';
import { actorForApiKey, apiKeysExist, operatorActor, webhookSource } from '../../tools/admin/identity.ts';
import type { Actor } from '../../tools/core/context.ts';
import { OWNER_TOKEN_HEADER } from '../../tools/remote.ts';
import type { Runtime } from '../../tools/runtime.ts';
import { rawBodyOf } from './raw-body.ts';
import { checkSignature, SeenSignatures, signedHeaders } from './webhook-signature.ts';

// Who an HTTP request acts as (the actorFor of buildApp):
//   Authorization: Bearer <key>       the key's user (unknown, revoked or a left user's key: 401)
//   a signed webhook delivery         the source's user (webhook routes only; bad, stale or replayed: 401)
//   the owner token of the lock file  the operator's stand-in (bridges and CLIs on this machine)
//   nothing, on loopback, no keys yet the configured local user (today's zero-config start)
//   nothing, otherwise                401
// Nothing is cached across requests: a revoke holds from the next request on.

export type AuthKind = 'key' | 'local' | 'webhook';

export interface KeyAuthOptions {
  runtime(): Runtime | undefined;
  /** DEALWISE_LOCAL_USER */
  localUser: string;
  /** bound beyond loopback: every request needs a key (or a signature, or the owner token) */
  requireKeys: boolean;
  ownerToken?: string;
}

const kinds = new WeakMap<FastifyRequest, AuthKind>();

/** How the request was authenticated ('local' when by no credential of its own, or unknown). */
export function authKindOf(request: FastifyRequest): AuthKind {
  return kinds.get(request) ?? 'local';
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

const unauthorized = (code: string, message: string, hint?: string) => new AppError(`unauthorized:${code}`, message, hint ? { hint } : {});

const BEARER = /^Bearer\s+(\S{20,200})$/i;

function sameToken(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export function createKeyAuth(options: KeyAuthOptions): { actorFor(request: FastifyRequest): Promise<Actor> } {
  const seen = new SeenSignatures();

  async function byWebhookSignature(runtime: Runtime, request: FastifyRequest): Promise<Actor | undefined> {
    if (!request.url.startsWith('/v1/webhooks/')) return undefined;
    const signed = signedHeaders(request.headers);
    if (!signed) return undefined;
    if ('error' in signed) throw unauthorized('signature', signed.error);
    const source = await webhookSource(runtime, signed.source);
    const raw = rawBodyOf(request) ?? Buffer.alloc(0);
    // an unknown source answers like a wrong signature: no telling which names exist
    if (!source) throw unauthorized('signature', 'The signature does not match the body', 'check the source name and its secret');
    const now = runtime.clock.now();
    const check = checkSignature(source.secret, signed, raw, now);
    if (!check.ok) throw unauthorized(check.code.slice('unauthorized:'.length), check.message, 'sign `${timestamp}.${body}` with the source\'s secret, timestamp in unix seconds');
    if (!signed.signatures.some((s) => seen.firstTime(signed.source, s, now))) throw unauthorized('replayed', 'This delivery was received before', 'sign each delivery afresh, with its own timestamp');
    return source.actor;
  }

  async function actorFor(request: FastifyRequest): Promise<Actor> {
    const runtime = options.runtime();
    if (!runtime) throw new AppError('starting', 'The store is still opening', { hint: 'retry when GET /health answers 200' });
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const key = BEARER.exec(authorization)?.[1];
      const actor = key ? await actorForApiKey(runtime, key) : undefined;
      if (!actor) throw unauthorized('invalid_key', 'The API key is not valid (unknown, revoked, or its user is inactive)', 'send Authorization: Bearer <key> with a key from npm run keys -- create');
      kinds.set(request, 'key');
      return actor;
    }
    const signed = await byWebhookSignature(runtime, request);
    if (signed) {
      kinds.set(request, 'webhook');
      return signed;
    }
    const token = request.headers[OWNER_TOKEN_HEADER];
    if (typeof token === 'string' && options.ownerToken !== undefined && sameToken(token, options.ownerToken)) return operatorActor(runtime, options.localUser);
    if (!options.requireKeys && !(await apiKeysExist(runtime))) return operatorActor(runtime, options.localUser);
    throw unauthorized(
      'missing_key',
      'This server needs an API key: send Authorization: Bearer <key>',
      options.requireKeys ? 'it listens beyond loopback; an admin creates keys with npm run keys -- create --user EMAIL' : 'API keys exist on this server; create one with npm run keys -- create --user EMAIL',
    );
  }

  return { actorFor };
}
