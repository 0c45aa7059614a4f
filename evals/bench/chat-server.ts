import { fixedClock } from '../../core/clock.ts';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { parseEnv } from '../../core/env.ts';
import { silentLogger } from '../../core/logger.ts';
import { openStore } from '../../db/client.ts';
import { migrateStore } from '../../db/migrate.ts';
import { findUserByEmail } from '../../db/repos/scope.ts';
import { seedDemoOrg } from '../../db/seed/index.ts';
import { openCopilot } from '../../server/copilot.ts';
import { buildApp } from '../../server/http/app.ts';
import { createChatTurns, type ChatTurns } from '../../server/http/chat-turns.ts';
import { DEMO_NOW } from '../../test/helpers/demo.ts';
import { registry } from '../../tools/index.ts';
import { refreshDealEmbeddings } from '../../tools/intelligence/deal-embeddings.ts';
import type { Runtime } from '../../tools/runtime.ts';

// The chat benches' server: the demo org (seed 42) in memory, the offline local model (an empty environment,
// so no API key whatever the shell has), a real listening server on loopback as the demo admin.

export interface ChatBenchServer {
  url: string;
  turns: ChatTurns;
  modelId: string;
  /** one request through the app without the network (warm-up) */
  inject(message: string): Promise<void>;
  close(): Promise<void>;
}

/** Questions a sales team asks, rotated deterministically, each turn a new thread. */
export const BENCH_QUESTIONS = ['how is the pipeline this quarter?', 'which deals are at risk?', 'show my top leads', 'find deals at Acme', 'what is the forecast for this quarter?'];

export async function startChatBenchServer(options: { scale: number; maxTurns: number }): Promise<ChatBenchServer> {
  const store = await openStore({ kind: 'pglite' });
  await migrateStore(store);
  const embedder = createLocalEmbedder();
  await seedDemoOrg(store.db, { seed: 42, scale: options.scale, now: DEMO_NOW, embedder });
  await refreshDealEmbeddings(store.db, embedder, DEMO_NOW);
  const runtime: Runtime = { db: store.db, store, embedder, clock: fixedClock(DEMO_NOW), log: silentLogger, seeded: undefined, close: () => store.close() };
  const admin = await findUserByEmail(store.db, 'admin@dealwise.demo');
  if (!admin) throw new Error('demo admin missing');
  const turns = createChatTurns(options.maxTurns);
  const copilot = openCopilot(runtime, parseEnv({}), registry);
  const app = await buildApp({
    log: silentLogger,
    readiness: { runtime: () => runtime, startedAt: new Date() },
    registry,
    actorFor: async () => admin,
    copilot: () => copilot,
    chatTurns: turns,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    turns,
    modelId: copilot.modelId,
    async inject(message) {
      await app.inject({ method: 'POST', url: '/v1/chat', payload: { message } });
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}
