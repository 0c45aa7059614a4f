import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../../core/logger.ts';
import { registerHealthRoutes } from './health.routes.ts';
import type { Readiness } from './readiness.ts';

export interface BuildAppOptions {
  log: Logger;
  readiness: Readiness;
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  // Typed as the base logger so route modules take a plain FastifyInstance.
  const app: FastifyInstance = Fastify({ loggerInstance: options.log as FastifyBaseLogger });
  await registerHealthRoutes(app, options.readiness);
  return app;
}
