import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../core/logger.ts';
import type { Copilot } from '../../graph/copilot.ts';
import { teamsState, type TeamsState } from '../../tools/channels/teams-state.ts';
import type { Runtime } from '../../tools/runtime.ts';
import { mountTeamsBot, type TeamsBot } from './bot.ts';
import type { TeamsConfig } from './config.ts';

// POST <config.path> for the Teams bot, only when it is configured.

export interface TeamsRouteOptions {
  log: Logger;
  teams?: TeamsConfig;
  readiness: { runtime(): Runtime | undefined };
  copilot?: () => Copilot | undefined;
}

export async function registerTeamsRoutes(app: FastifyInstance, options: TeamsRouteOptions): Promise<TeamsBot | undefined> {
  if (!options.teams) return undefined;
  let state: { runtime: Runtime; state: TeamsState } | undefined;
  const bot = await mountTeamsBot({
    config: options.teams,
    fastify: app,
    log: options.log,
    copilot: () => options.copilot?.(),
    state: () => {
      const runtime = options.readiness.runtime();
      if (!runtime) return undefined;
      if (state?.runtime !== runtime) state = { runtime, state: teamsState(runtime) };
      return state.state;
    },
  });
  // answers already under way are posted before the server closes
  app.addHook('onClose', async () => bot.idle());
  return bot;
}
