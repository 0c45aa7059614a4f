import { App, LogLevel, type Logger as BoltLogger, type webApi } from '@slack/bolt';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import type { Copilot } from '../../graph/copilot.ts';
import type { SlackServices } from '../../tools/slack/services.ts';
import { registerSlackListeners } from './listeners.ts';
import { FastifyReceiver } from './receiver.ts';

// The Slack app: Bolt on our fastify server (POST /slack/events) when a signing secret is configured, or over
// Socket Mode with an app-level token (no public URL needed). Registered by buildApp only when Slack is configured.

export interface SlackOptions {
  botToken: string;
  /** HTTP mode: Slack signs every request with it */
  signingSecret?: string;
  /** Socket Mode: an app-level token (xapp-) instead of a public request URL */
  appToken?: string;
  /** Slack's Web API base; tests point it at a local stand-in */
  apiUrl?: string;
  /** where the web page opens records, for citation links */
  publicUrl: string;
  copilot(): Copilot | undefined;
  services(): SlackServices | undefined;
  clock: Clock;
  log: Logger;
}

export interface SlackMount {
  app: App;
  mode: 'http' | 'socket';
  /** resolves when every Slack delivery received so far has been answered */
  idle(): Promise<void>;
}

/** Bolt logs through our pino logger. */
function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'slack' });
  let level = LogLevel.INFO;
  return {
    debug: (...msg: unknown[]) => child.debug(msg.map(String).join(' ')),
    info: (...msg: unknown[]) => child.info(msg.map(String).join(' ')),
    warn: (...msg: unknown[]) => child.warn(msg.map(String).join(' ')),
    error: (...msg: unknown[]) => child.error(msg.map(String).join(' ')),
    setLevel: (next) => void (level = next),
    getLevel: () => level,
    setName: () => {},
  };
}

/** auth.test once for the bot's own ids (so it ignores itself), asked again after a failure instead of caching it. */
function botAuthorization(botToken: string): (client: webApi.WebClient) => Promise<{ botToken: string; botId?: string; botUserId?: string }> {
  let known: Promise<{ botToken: string; botId?: string; botUserId?: string }> | undefined;
  return (client) => {
    known ??= client.auth.test({ token: botToken }).then(
      (result) => ({ botToken, ...(result.bot_id ? { botId: result.bot_id } : {}), ...(result.user_id ? { botUserId: result.user_id } : {}) }),
      (error: unknown) => {
        known = undefined;
        throw error;
      },
    );
    return known;
  };
}

/** Counts the deliveries still being answered (any receiver): tests and shutdown wait on it. */
function trackWork(app: App): () => Promise<void> {
  const inFlight = new Set<Promise<void>>();
  app.use(async ({ next }) => {
    const work = next();
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  });
  return async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };
}

export async function registerSlack(server: FastifyInstance, options: SlackOptions): Promise<SlackMount> {
  const logger = boltLogger(options.log);
  const slackApiUrl = options.apiUrl ? `${options.apiUrl.replace(/\/+$/, '')}/` : undefined;
  const clientOptions = slackApiUrl ? { slackApiUrl } : {};
  const deps = { copilot: options.copilot, services: options.services, publicUrl: options.publicUrl, log: options.log };
  // our own authorize, not Bolt's `token`: Bolt would call auth.test at construction and keep a failure forever
  const known = botAuthorization(options.botToken);

  if (options.appToken) {
    const app: App = new App({ authorize: () => known(app.client), appToken: options.appToken, socketMode: true, logger, clientOptions, convoStore: false });
    const idle = trackWork(app);
    registerSlackListeners(app, deps);
    // connecting to Slack must not hold up (or fail) the server's start: Socket Mode reconnects by itself
    server.addHook('onReady', async () => {
      app.start().catch((error: unknown) => options.log.error({ err: error }, 'slack: socket mode did not connect'));
    });
    server.addHook('onClose', async () => {
      await idle();
      await app.stop().catch((error: unknown) => options.log.warn({ err: error }, 'slack: socket mode did not stop cleanly'));
    });
    return { app, mode: 'socket', idle };
  }

  if (!options.signingSecret) throw new Error('registerSlack: HTTP mode needs the signing secret');
  const receiver = new FastifyReceiver({ signingSecret: options.signingSecret, clock: options.clock, log: options.log });
  const app: App = new App({ receiver, authorize: () => known(app.client), logger, clientOptions, convoStore: false });
  registerSlackListeners(app, deps);
  await receiver.register(server);
  server.addHook('onClose', () => receiver.stop());
  return { app, mode: 'http', idle: () => receiver.idle() };
}
