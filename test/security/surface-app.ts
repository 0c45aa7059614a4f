import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { fixedClock } from '../../core/clock.ts';
import { parseEnv } from '../../core/env.ts';
import { createCopilot, type Copilot } from '../../graph/copilot.ts';
import { buildApp } from '../../server/http/app.ts';
import { createKeyAuth } from '../../server/http/auth.ts';
import { copilotServices } from '../../tools/copilot/services.ts';
import { callTool } from '../../tools/core/services.ts';
import { registry } from '../../tools/index.ts';
import { openRuntime, type Runtime } from '../../tools/runtime.ts';
import { demoTemplateBlob, DEMO_NOW } from '../helpers/demo.ts';
import { capturedLog, loadSurfaceCast, type CapturedLog, type SurfaceCast } from './surface-cast.ts';
import { surfaceModel } from './surface-chat-model.ts';

// One demo org (scale 0.1) behind the real HTTP app with real API-key auth (keys made with api_key_create, as
// an admin would), the copilot on a scripted model, and a logger that keeps every line at trace level.

export const PLAYERS = ['repA', 'repA2', 'repB', 'managerA', 'managerB', 'exec', 'admin'] as const;
export type Player = (typeof PLAYERS)[number];

export interface SurfaceApp {
  runtime: Runtime;
  cast: SurfaceCast;
  copilot: Copilot;
  app: FastifyInstance;
  logs: CapturedLog;
  keys: Record<Player, string>;
  /** a key created and handed out by a test (kept so the log check looks for it too) */
  newKey(player: Player, name: string): Promise<string>;
  allKeys(): string[];
  /** an HTTP request as `player` (Bearer key) */
  as(player: Player, request: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function openSurfaceApp(): Promise<SurfaceApp> {
  const logs = capturedLog();
  const runtime = await openRuntime({
    env: parseEnv({ SEED_ON_EMPTY: 'false' }),
    clock: fixedClock(DEMO_NOW),
    log: logs.log,
    storeOptions: { kind: 'pglite', loadDataDir: await demoTemplateBlob(0.1) },
  });
  const cast = await loadSurfaceCast(runtime.db);
  const handedOut: string[] = [];
  const newKey = async (player: Player, name: string) => {
    const created = await callTool(registry, runtime, cast.admin, 'api_key_create', { user: cast.emails.get(cast[player].userId)!, name });
    if (!created.ok) throw new Error(`api_key_create: ${created.error.message}`);
    const key = (created.data as { key: string }).key;
    handedOut.push(key);
    return key;
  };
  const keys = {} as Record<Player, string>;
  for (const player of PLAYERS) keys[player] = await newKey(player, `surface ${player}`);

  const copilot = createCopilot({ model: surfaceModel(), services: copilotServices(runtime, registry), log: logs.log });
  const { actorFor } = createKeyAuth({ runtime: () => runtime, localUser: cast.emails.get(cast.admin.userId)!, requireKeys: true });
  const app = await buildApp({ log: logs.log, readiness: { runtime: () => runtime, startedAt: DEMO_NOW }, registry, actorFor, copilot: () => copilot });
  return {
    runtime,
    cast,
    copilot,
    app,
    logs,
    keys,
    newKey,
    allKeys: () => [...handedOut],
    as: (player, request) => app.inject({ ...request, headers: { ...(request.headers ?? {}), authorization: `Bearer ${keys[player]}` } }),
    close: async () => {
      await app.close();
      await runtime.close();
    },
  };
}
