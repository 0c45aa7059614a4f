import { systemClock } from '../core/clock.ts';
import { loadEnv, type Env } from '../core/env.ts';
import { isAppError } from '../core/errors.ts';
import { createLogger } from '../core/logger.ts';
import { registry } from '../tools/index.ts';
import { claimStore, describeOwner, StoreLockedError, type StoreLock } from '../tools/remote.ts';
import { openRuntime, type Runtime } from '../tools/runtime.ts';
import type { Copilot } from '../graph/copilot.ts';
import { openCopilot } from './copilot.ts';
import { startBriefings } from './briefings/start.ts';
import type { BriefingScheduler } from './briefings/scheduler.ts';
import { buildApp } from './http/app.ts';
import { createChatTurns } from './http/chat-turns.ts';
import { drain } from './http/drain.ts';
import { createKeyAuth, isLoopbackHost } from './http/auth.ts';
import { teamsConfigFromEnv } from './teams/config.ts';
import { slackOptionsFromEnv } from './slack/config.ts';
import { slackServices, type SlackServices } from '../tools/slack/services.ts';

// `npm start`: take the embedded store's lock (or refuse: one owner per store), listen at once (GET /health
// says 'starting'), open the store, seed it if empty, then serve.

function readEnvOrExit(): Env {
  try {
    return loadEnv();
  } catch (error) {
    // One line that names the variable, no stack trace: this is the user's configuration, not our bug.
    console.error(isAppError(error) ? error.message : String(error));
    process.exit(1);
  }
}

/** The store's lock, or one line saying who holds it and exit: two engines on one folder lose data. */
async function lockOrExit(env: Env): Promise<StoreLock | undefined> {
  try {
    const access = await claimStore(env, 'server', { waitForUrlMs: 0 });
    if (access.mode === 'own') return access.lock;
    console.error(`A Dealwise server already runs on this store: ${describeOwner(access.owner)}. Use that one, or stop it first.`);
  } catch (error) {
    if (!(error instanceof StoreLockedError)) throw error;
    console.error(`${error.message}. ${error.hint ?? ''}`.trim());
  }
  process.exit(1);
}

async function main(): Promise<void> {
  const env = readEnvOrExit();
  const log = createLogger(env.LOG_LEVEL);
  const startedAt = systemClock.now();
  const lock = await lockOrExit(env);
  let runtime: Runtime | undefined;
  let copilot: Copilot | undefined;
  let briefings: BriefingScheduler | undefined;

  // beyond loopback every request needs an API key; on loopback only once a key exists
  const requireKeys = !isLoopbackHost(env.HOST);
  const { actorFor } = createKeyAuth({ runtime: () => runtime, localUser: env.DEALWISE_LOCAL_USER, requireKeys, ...(lock ? { ownerToken: lock.info.token } : {}) });
  const limits = { bodyBytes: env.HTTP_BODY_LIMIT, uploadBytes: env.HTTP_UPLOAD_LIMIT, perKeyPerMinute: env.RATE_LIMIT_PER_MINUTE, authFailuresPerMinute: env.AUTH_FAILURES_PER_MINUTE };
  const teams = teamsConfigFromEnv(env);
  let slack: SlackServices | undefined;
  const slackOptions = slackOptionsFromEnv(env, { copilot: () => copilot, services: () => (runtime ? (slack ??= slackServices(runtime)) : undefined), clock: systemClock, log });
  const chatTurns = createChatTurns(env.CHAT_MAX_TURNS);
  let closing = false;
  const readiness = { runtime: () => runtime, startedAt, draining: () => closing };
  const app = await buildApp({ log, readiness, registry, actorFor, limits, chatTurns, copilot: () => copilot, ...(lock ? { ownerToken: lock.info.token } : {}), ...(teams ? { teams } : {}), ...(slackOptions ? { slack: slackOptions } : {}) });
  const address = await app.listen({ host: env.HOST, port: env.PORT });
  if (requireKeys) log.warn({ host: env.HOST }, 'listening beyond loopback: every API request needs a key (Authorization: Bearer <key>)');
  // bridges and CLIs find the server here; a wildcard host is reached on loopback
  await lock?.setUrl(loopbackUrl(address));

  const opening = openRuntime({ env, clock: systemClock, log, command: 'server', dailySnapshots: true, ...(lock ? { lock } : {}) });
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal, turns: chatTurns.running }, 'shutting down');
    await drain(app, chatTurns, env.SHUTDOWN_GRACE_MS, log);
    await briefings?.stop();
    // Closing PGlite cleanly flushes it to DATA_DIR; a hard kill relies on its WAL recovery instead.
    // Still opening: wait for it, never exit under a half-written seed.
    await (runtime ?? (await opening.catch(() => undefined)))?.close();
    await lock?.release();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    runtime = await opening;
    copilot = openCopilot(runtime, env, registry);
    // scheduled briefings, exactly once across replicas on one database (BRIEFINGS_ENABLED=false: none from here)
    if (env.BRIEFINGS_ENABLED) briefings = startBriefings(runtime, env, registry);
  } catch (error) {
    // our own errors are the user's to fix and need no stack trace; anything else is a bug
    log.error(isAppError(error) ? { code: error.code } : { err: error }, 'could not open the store');
    console.error(isAppError(error) ? `${error.message}${error.hint ? ` (${error.hint})` : ''}` : String(error));
    await app.close();
    process.exit(1);
  }

  const ms = systemClock.now().getTime() - startedAt.getTime();
  const where = runtime.store.kind === 'pglite' ? `embedded PGlite at ${runtime.store.location}` : runtime.store.location;
  process.stdout.write(
    [
      '',
      `Dealwise is ready in ${(ms / 1000).toFixed(1)} s (${where})`,
      `  health  ${address}/health  (/livez, /readyz)`,
      `  web     ${address}/  (chat and dashboard)`,
      `  docs    ${address}/docs  (OpenAPI 3.1 at ${address}/openapi.json)`,
      `  tools   ${address}/v1/tools  (POST ${address}/v1/tools/<name>)`,
      requireKeys
        ? `  auth    API keys required: listening on ${env.HOST}, beyond loopback (Authorization: Bearer <key>; npm run keys -- create --user EMAIL)`
        : `  auth    Authorization: Bearer <key>; until a key exists, loopback requests act as ${env.DEALWISE_LOCAL_USER} (or the store's first admin)`,
      `  chat    POST ${address}/v1/chat  {"message": "..."}  (model: ${copilot.modelId})`,
      `  mcp     ${address}/mcp  (Streamable HTTP; /mcp/<toolset>), or npm run mcp (stdio, bridged to this server)`,
      ...(teams ? [`  teams   POST ${address}${teams.path}  (Microsoft Teams bot ${teams.appId})`] : []),
      ...(slackOptions ? [`  slack   ${slackOptions.appToken ? 'Socket Mode' : `POST ${address}/slack/events`}`] : []),
      '',
    ].join('\n'),
  );
}

function loopbackUrl(address: string): string {
  const url = new URL(address);
  if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = '127.0.0.1';
  return url.origin;
}

void main();
