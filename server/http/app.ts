import { createRequire } from 'node:module';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger } from '../../core/logger.ts';
import type { Copilot } from '../../graph/copilot.ts';
import type { Actor } from '../../tools/core/context.ts';
import type { ToolRegistry } from '../../tools/registry.ts';
import { oncePerRequest, registerAuth } from './auth-hooks.ts';
import { registerHealthRoutes } from './health.routes.ts';
import { DEFAULT_LIMITS, registerRequestLimits, serverOptions, type HttpLimits } from './limits.ts';
import { registerMeRoute } from './me.routes.ts';
import { registerOwnerToken } from './owner-token.ts';
import type { Readiness } from './readiness.ts';
import { registerChatRoutes } from './chat.routes.ts';
import { createChatTurns, type ChatTurns } from './chat-turns.ts';
import { registerErrorHandling } from './error-handler.ts';
import { registerOpenApi } from './openapi.ts';
import { registerRecordRoutes } from './records.routes.ts';
import { registerThreadRoutes } from './threads.routes.ts';
import { registerToolRoutes } from './tools.routes.ts';
import { registerWebRoutes } from '../web/web.routes.ts';
import { registerSignedWebhooks } from './webhook-scope.ts';
import type { TeamsConfig } from '../teams/config.ts';
import { registerTeamsRoutes } from '../teams/routes.ts';
import { registerSlack, type SlackOptions } from '../slack/app.ts';
import { registerMcpRoutes } from '../mcp/http.ts';

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
  /** body sizes and rates (core/env.ts); defaults when left out */
  limits?: HttpLimits;
  /** the Microsoft Teams bot, when configured (server/teams) */
  teams?: TeamsConfig;
  /** the Slack app (POST /slack/events, or Socket Mode), when Slack is configured */
  slack?: SlackOptions;
}

export async function buildApp(buildOptions: BuildAppOptions): Promise<FastifyInstance> {
  const limits = buildOptions.limits ?? DEFAULT_LIMITS;
  // the auth hook and the routes ask who acts once per request, and get the same answer
  const options = { ...buildOptions, actorFor: oncePerRequest(buildOptions.actorFor) };
  // Typed as the base logger so route modules take a plain FastifyInstance. Fastify's own 503 while closing
  // has its own body shape: health.routes answers draining requests in ours instead.
  const app: FastifyInstance = Fastify({ loggerInstance: options.log as FastifyBaseLogger, return503OnClosing: false, ...serverOptions(limits) });
  registerErrorHandling(app);
  registerRequestLimits(app, limits);
  await registerOpenApi(app, { version });
  await registerOwnerToken(app, options.ownerToken);
  await registerAuth(app, { actorFor: options.actorFor, limits });
  await registerMeRoute(app, options);
  await registerHealthRoutes(app, options.readiness);
  await registerToolRoutes(app, options);
  await registerSignedWebhooks(app, options);
  await registerRecordRoutes(app, options);
  await registerWebRoutes(app);
  await registerTeamsRoutes(app, options);
  await registerMcpRoutes(app, options);
  if (options.copilot) {
    await registerChatRoutes(app, { copilot: options.copilot, actorFor: options.actorFor, turns: options.chatTurns ?? createChatTurns(DEFAULT_CHAT_TURNS) });
    await registerThreadRoutes(app, { copilot: options.copilot, actorFor: options.actorFor });
  }
  if (options.slack) await registerSlack(app, options.slack);
  return app;
}
