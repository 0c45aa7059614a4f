import type { FastifyInstance, FastifyRequest } from 'fastify';

// The exact bytes of a JSON body, for routes whose callers sign them (webhooks). Registered inside an
// encapsulated plugin only, so every other route keeps fastify's own parser.

const rawBodies = new WeakMap<FastifyRequest, Buffer>();

export function rawBodyOf(request: FastifyRequest): Buffer | undefined {
  return rawBodies.get(request);
}

export function keepRawJsonBodies(scope: FastifyInstance): void {
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const raw = body as Buffer;
    rawBodies.set(request, raw);
    if (raw.length === 0) return done(null, undefined);
    try {
      done(null, JSON.parse(raw.toString('utf8')));
    } catch {
      // the code fastify's own parser uses, so the shared error handling treats both alike
      done(Object.assign(new Error('Body is not valid JSON'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }), undefined);
    }
  });
}
