import type { FastifyInstance } from 'fastify';
import type { Readiness } from './readiness.ts';

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
}
