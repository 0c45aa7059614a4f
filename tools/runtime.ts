import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../core/clock.ts';
import { createEmbedder, type Embedder } from '../core/embeddings/index.ts';
import type { Env } from '../core/env.ts';
import type { Logger } from '../core/logger.ts';
import { openStore, type Db, type Store, type StoreOptions } from '../db/client.ts';
import type { StoreLock } from '../db/lock.ts';
import { migrateStore } from '../db/migrate.ts';
import { ensureChunkVectorIndex } from '../db/repos/ingest-vector-index.ts';
import { ensureEmbeddingStamp } from '../db/repos/meta.ts';
import { isStoreEmpty, seedDemoOrg, type SeedReport } from '../db/seed/index.ts';
import { scheduleDailySnapshots } from './daily-snapshots.ts';
import { refreshDealEmbeddings } from './intelligence/deal-embeddings.ts';

// The tool layer's runtime: the store and the services every tool call's context is built from.
// Surfaces (HTTP, MCP, jobs) get it from here, so they never import db/ themselves.
export interface Runtime {
  db: Db;
  store: Store;
  embedder: Embedder;
  clock: Clock;
  log: Logger;
  /** what the first start on an empty store seeded, if it did */
  seeded: SeedReport | undefined;
  close(): Promise<void>;
}

export function storeOptionsFromEnv(env: Pick<Env, 'DATABASE_URL' | 'DATA_DIR'>): StoreOptions {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
  return { kind: 'pglite', dataDir: path.resolve(env.DATA_DIR, 'pglite') };
}

export interface OpenRuntimeOptions {
  env: Env;
  clock: Clock;
  log: Logger;
  /** overrides the store the environment names (tests hand in an in-memory or template store) */
  storeOptions?: StoreOptions;
  embedder?: Embedder;
  /** the embedded store's lock when the caller took it already (tools/remote.ts claimStore); else taken here */
  lock?: StoreLock;
  /** who holds the lock, for the message a second process gets ('server', 'mcp', 'ingest') */
  command?: string;
  /** long-lived owners (server, MCP) keep a rolling daily snapshot of an embedded store */
  dailySnapshots?: boolean;
}

/** Opens the store, applies migrations, checks the embedding stamp and seeds the demo org into an empty store. */
export async function openRuntime(options: OpenRuntimeOptions): Promise<Runtime> {
  const { env, clock, log } = options;
  const fromEnv = options.storeOptions ?? storeOptionsFromEnv(env);
  const storeOptions: StoreOptions = fromEnv.kind === 'pglite' ? { ...fromEnv, ...(options.lock ? { lock: options.lock } : {}), command: options.command ?? 'dealwise' } : fromEnv;
  if (storeOptions.kind === 'pglite' && storeOptions.dataDir) await mkdir(storeOptions.dataDir, { recursive: true });

  const store = await openStore(storeOptions);
  try {
    const preMigration = await migrateStore(store, { snapshot: { at: clock.now(), keep: env.BACKUP_KEEP } });
    if (preMigration) log.info(preMigration, 'snapshot taken before migrating the store');
    // a bulk import killed mid-way may have left the chunk vector index dropped: put it back before serving
    await ensureChunkVectorIndex(store.db);
    const embedder = options.embedder ?? createEmbedder(env);
    await ensureEmbeddingStamp(store.db, { model: embedder.model, dimensions: embedder.dimensions });

    let seeded: SeedReport | undefined;
    if (env.SEED_ON_EMPTY && (await isStoreEmpty(store.db))) {
      log.info({ seed: env.DEMO_SEED, scale: env.DEMO_SCALE }, 'empty store: seeding the demo org');
      seeded = await seedDemoOrg(store.db, {
        seed: env.DEMO_SEED,
        scale: env.DEMO_SCALE,
        now: clock.now(),
        embedder,
        filesDir: path.resolve(env.DATA_DIR, 'demo-files'),
        log,
      });
      log.info({ ms: seeded.ms, counts: seeded.counts }, 'demo org seeded');
    }
    const dealVectors = await refreshDealEmbeddings(store.db, embedder, clock.now());
    if (dealVectors.embedded > 0) log.info(dealVectors, 'deal profiles embedded for similar-deal search');
    const snapshots = options.dailySnapshots ? scheduleDailySnapshots(store, clock, env.BACKUP_KEEP, log) : undefined;
    return {
      db: store.db, store, embedder, clock, log, seeded,
      close: async () => {
        await snapshots?.stop();
        await store.close();
      },
    };
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
}
