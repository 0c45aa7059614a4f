import { createRequire } from 'node:module';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger } from '../../core/logger.ts';
import type { Copilot } from '../../graph/copilot.ts';
import type { Actor } from '../../tools/core/context.ts';
import type { ToolRegistry } from '../../tools/registry.ts';
import { registerHealthRoutes } from './health.routes.ts';
import { registerOwnerToken } from './owner-token.ts';
import type { Readiness } from './readiness.ts';
import { registerChatRoutes } from './chat.routes.ts';
import { createChatTurns, type ChatTurns } from './chat-turns.ts';
import { registerErrorHandling } from './error-handler.ts';
import { registerOpenApi } from './openapi.ts';
import { registerRecordRoutes } from './records.routes.ts';
import { registerThreadRoutes } from './threads.routes.ts';
import { registerToolRoutes } from './tools.routes.ts';
import { registerWebhookRoutes } from './webhooks.routes.ts';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** Chat turns running at once when the caller does not say (CHAT_MAX_TURNS in main). */
export const DEFAULT_CHAT_TURNS = 4;

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
  /** the cap on chat turns at once, and the running turns a shutdown waits for */
  chatTurns?: ChatTurns;
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  // Typed as the base logger so route modules take a plain FastifyInstance. Fastify's own 503 while closing
  // has its own body shape: health.routes answers draining requests in ours instead.
  const app: FastifyInstance = Fastify({ loggerInstance: options.log as FastifyBaseLogger, return503OnClosing: false });
  registerErrorHandling(app);
  await registerOpenApi(app, { version });
  await registerOwnerToken(app, options.ownerToken);
  await registerHealthRoutes(app, options.readiness);
  await registerToolRoutes(app, options);
  await registerWebhookRoutes(app, options);
  await registerRecordRoutes(app, options);
  if (options.copilot) {
    await registerChatRoutes(app, { copilot: options.copilot, actorFor: options.actorFor, turns: options.chatTurns ?? createChatTurns(DEFAULT_CHAT_TURNS) });
    await registerThreadRoutes(app, { copilot: options.copilot, actorFor: options.actorFor });
  }
  return app;
}
