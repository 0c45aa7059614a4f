import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Transform, type Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';

// Request ids and body sizes: the fastify options and hooks buildApp applies to every route.

export interface HttpLimits {
  /** bytes a request body may have (HTTP_BODY_LIMIT) */
  bodyBytes: number;
  /** bytes for calls that carry a file's content: ingest_* tools and MCP (HTTP_UPLOAD_LIMIT) */
  uploadBytes: number;
  /** requests per minute per API key or webhook source (RATE_LIMIT_PER_MINUTE) */
  perKeyPerMinute: number;
  /** failed authentications per minute per address before it is refused for the rest of the minute (AUTH_FAILURES_PER_MINUTE) */
  authFailuresPerMinute: number;
}

export const DEFAULT_LIMITS: HttpLimits = { bodyBytes: 1_048_576, uploadBytes: 33_554_432, perKeyPerMinute: 300, authFailuresPerMinute: 20 };

// An incoming X-Request-Id is kept when it looks like an id (a proxy's or a client's), never arbitrary text
// that would land in every log line and audit row.
const WELL_FORMED_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function requestIdOf(raw: IncomingMessage): string {
  const sent = raw.headers['x-request-id'];
  return typeof sent === 'string' && WELL_FORMED_ID.test(sent) ? sent : randomUUID();
}

/** Fastify constructor options: request ids as above, and the largest body any route may take. */
export function serverOptions(limits: HttpLimits) {
  return { requestIdHeader: false as const, genReqId: requestIdOf, bodyLimit: Math.max(limits.bodyBytes, limits.uploadBytes) };
}

function bodyLimitFor(request: FastifyRequest, limits: HttpLimits): number {
  const path = request.url.split('?')[0]!;
  return path.startsWith('/v1/tools/ingest_') || path === '/mcp' || path.startsWith('/mcp/') ? limits.uploadBytes : limits.bodyBytes;
}

const tooLarge = (limit: number) =>
  Object.assign(new Error(`The request body is larger than ${limit} bytes`), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });

/** Echoes the request id and holds each route to its body limit (fastify's own bodyLimit is the largest). */
export function registerRequestLimits(app: FastifyInstance, limits: HttpLimits): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('preParsing', async (request, _reply, payload: Readable) => {
    const limit = bodyLimitFor(request, limits);
    if (limit >= Math.max(limits.bodyBytes, limits.uploadBytes)) return payload;
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
    // chunked bodies declare no length: count as they arrive
    let received = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        callback(received > limit ? tooLarge(limit) : null, chunk);
      },
    });
    payload.on('error', (error) => counted.destroy(error));
    return payload.pipe(counted);
  });
}
