import type { FastifyInstance } from 'fastify';
import { pingRuntimeStore } from '../../tools/core/store-health.ts';
import { storeFailure } from '../../core/store-errors.ts';
import type { Readiness } from './readiness.ts';
import { sendError } from './reply-error.ts';

export async function registerHealthRoutes(app: FastifyInstance, readiness: Readiness): Promise<void> {
  // 503 until the store is open, migrated and seeded, so a supervisor (or a script) can wait on it.
  app.get('/health', async (_request, reply) => {
    const runtime = readiness.runtime();
    if (!runtime) {
      return reply.code(503).send({ status: 'starting', since: readiness.startedAt.toISOString() });
    }
    return reply.code(200).send({
      status: 'ok',
      store: runtime.store.kind,
      embeddings: runtime.embedder.model,
      seededOnStart: runtime.seeded !== undefined,
    });
  });

  // liveness: the process answers at all (restart it if not); says nothing about the store
  app.get('/livez', async () => ({ ok: true, status: 'live' }));

  // readiness: send traffic here? Not while the store opens, nor once a shutdown has begun.
  app.get('/readyz', async (_request, reply) => {
    if (readiness.draining?.()) return sendError(reply, 503, { code: 'draining', message: 'The server is shutting down', hint: 'send requests to another instance, or retry after restart' });
    const runtime = readiness.runtime();
    if (!runtime) return sendError(reply, 503, { code: 'starting', message: 'The store is still opening', hint: 'retry in a few seconds' });
    // ready means the database answers now: a Postgres that went away takes this instance out of rotation until it is back
    try {
      await pingRuntimeStore(runtime);
    } catch (error) {
      const store = storeFailure(error);
      if (!store) throw error;
      return sendError(reply, 503, { code: store.code, message: store.message, ...(store.hint ? { hint: store.hint } : {}) });
    }
    return { ok: true, status: 'ready' };
  });

  // while draining, in-flight requests finish but new ones are refused (fastify's own 503 is turned off in buildApp)
  app.addHook('onRequest', async (request, reply) => {
    if (!readiness.draining?.() || request.url === '/livez' || request.url === '/readyz') return;
    reply.header('connection', 'close');
    return sendError(reply, 503, { code: 'draining', message: 'The server is shutting down', hint: 'retry in a few seconds' });
  });
}
