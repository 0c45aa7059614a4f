import { systemClock } from '../core/clock.ts';
import { loadEnv, type Env } from '../core/env.ts';
import { isAppError } from '../core/errors.ts';
import { createLogger } from '../core/logger.ts';
import type { Actor } from '../tools/core/context.ts';
import { localActor } from '../tools/core/services.ts';
import { registry } from '../tools/index.ts';
import { openRuntime, type Runtime } from '../tools/runtime.ts';
import type { Copilot } from '../graph/copilot.ts';
import { openCopilot } from './copilot.ts';
import { buildApp } from './http/app.ts';

// `npm start`: listen at once (GET /health says 'starting'), open the store, seed it if empty, then serve.

function readEnvOrExit(): Env {
  try {
    return loadEnv();
  } catch (error) {
    // One line that names the variable, no stack trace: this is the user's configuration, not our bug.
    console.error(isAppError(error) ? error.message : String(error));
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const env = readEnvOrExit();
  const log = createLogger(env.LOG_LEVEL);
  const startedAt = systemClock.now();
  let runtime: Runtime | undefined;
  let copilot: Copilot | undefined;

  let actor: Promise<Actor> | undefined;
  const actorFor = () => {
    if (!runtime) throw new Error('runtime not ready');
    // looked up once; a failed lookup is retried on the next call
    actor ??= localActor(runtime, env.DEALWISE_LOCAL_USER).catch((error: unknown) => {
      actor = undefined;
      throw error;
    });
    return actor;
  };
  const app = await buildApp({ log, readiness: { runtime: () => runtime, startedAt }, registry, actorFor, copilot: () => copilot });
  const address = await app.listen({ host: env.HOST, port: env.PORT });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    await app.close();
    // Closing PGlite cleanly flushes it to DATA_DIR; a hard kill relies on its WAL recovery instead.
    await runtime?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    runtime = await openRuntime({ env, clock: systemClock, log });
    copilot = openCopilot(runtime, env, registry);
  } catch (error) {
    log.error({ err: error }, 'could not open the store');
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
      `  health  ${address}/health`,
      `  tools   ${address}/v1/tools  (POST ${address}/v1/tools/<name>, acting as ${env.DEALWISE_LOCAL_USER})`,
      `  chat    POST ${address}/v1/chat  {"message": "..."}  (model: ${copilot.modelId})`,
      `  mcp     npm run mcp  (stdio)`,
      '',
    ].join('\n'),
  );
}

void main();
