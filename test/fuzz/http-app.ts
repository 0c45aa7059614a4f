import type { FastifyInstance } from 'fastify';
import { createLocalModel } from '../../agents/models/local/index.ts';
import { fixedClock } from '../../core/clock.ts';
import { parseEnv } from '../../core/env.ts';
import { silentLogger } from '../../core/logger.ts';
import { createCopilot, type Copilot } from '../../graph/copilot.ts';
import { buildApp } from '../../server/http/app.ts';
import { copilotServices } from '../../tools/copilot/services.ts';
import { registry } from '../../tools/index.ts';
import { openRuntime, type Runtime } from '../../tools/runtime.ts';
import { demoTemplateBlob, DEMO_NOW } from '../helpers/demo.ts';
import { loadCast, type MatrixCast } from '../role-matrix/records.ts';

// A runtime over one demo store, the local-model copilot on it, and the HTTP app; a request picks who it acts
// as with the x-fuzz-actor header (admin unless it says repA).

export interface FuzzApp {
  runtime: Runtime;
  cast: MatrixCast;
  copilot: Copilot;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function openFuzzApp(): Promise<FuzzApp> {
  const runtime = await openRuntime({
    env: parseEnv({ SEED_ON_EMPTY: 'false' }),
    clock: fixedClock(DEMO_NOW),
    log: silentLogger,
    storeOptions: { kind: 'pglite', loadDataDir: await demoTemplateBlob() },
  });
  const cast = await loadCast(runtime.db);
  const copilot = createCopilot({ model: createLocalModel(), services: copilotServices(runtime, registry), log: silentLogger });
  const app = await buildApp({
    log: silentLogger,
    readiness: { runtime: () => runtime, startedAt: DEMO_NOW },
    registry,
    actorFor: async (request) => (request.headers['x-fuzz-actor'] === 'repA' ? cast.repA : cast.admin),
    copilot: () => copilot,
  });
  return {
    runtime,
    cast,
    copilot,
    app,
    close: async () => {
      await app.close();
      await runtime.close();
    },
  };
}
