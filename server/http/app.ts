import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger } from '../../core/logger.ts';
import type { Copilot } from '../../graph/copilot.ts';
import type { Actor } from '../../tools/core/context.ts';
import type { ToolRegistry } from '../../tools/registry.ts';
import { registerHealthRoutes } from './health.routes.ts';
import { registerOwnerToken } from './owner-token.ts';
import type { Readiness } from './readiness.ts';
import { registerChatRoutes } from './chat.routes.ts';
import { registerToolRoutes } from './tools.routes.ts';
import { registerWebhookRoutes } from './webhooks.routes.ts';
import { registerMcpRoutes } from '../mcp/http.ts';

export interface BuildAppOptions {
  log: Logger;
  readiness: Readiness;
  registry: ToolRegistry;
  /** who a request acts as (the API key's user, or the configured local user on loopback) */
  actorFor(request: FastifyRequest): Promise<Actor>;
  /** the embedded store's owner token (lock file): a request that sends another one is refused */
  ownerToken?: string;
  /** the copilot behind POST /v1/chat, once the runtime is open (no chat routes without it) */
  copilot?: () => Copilot | undefined;
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  // Typed as the base logger so route modules take a plain FastifyInstance.
  const app: FastifyInstance = Fastify({ loggerInstance: options.log as FastifyBaseLogger });
  await registerOwnerToken(app, options.ownerToken);
  await registerHealthRoutes(app, options.readiness);
  await registerToolRoutes(app, options);
  await registerWebhookRoutes(app, options);
  await registerMcpRoutes(app, options);
  if (options.copilot) await registerChatRoutes(app, { copilot: options.copilot, actorFor: options.actorFor });
  return app;
}
