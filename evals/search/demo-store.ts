import { cp, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Embedder } from '../../core/embeddings/index.ts';
import { openStore, type Store } from '../../db/client.ts';
import { migrateStore } from '../../db/migrate.ts';
import { dropChunkVectorIndex, ensureChunkVectorIndex } from '../../db/repos/ingest-vector-index.ts';
import { analyzeChunks, chunkModels, chunkTextsAfter, copyChunksWithEmbeddings } from '../../db/repos/reembed.ts';
import { seedDemoOrg } from '../../db/seed/index.ts';

export const EVAL_NOW = new Date('2026-06-15T12:00:00Z');

/**
 * The store to measure: a copy of a seeded PGlite data dir (never the original: the eval adds rows), or a
 * demo org seeded in memory (seed 42) at `scale` with `base` as its embedder.
 */
export async function openEvalStore(options: { from?: string; scale: number; base: Embedder }): Promise<{ store: Store; dispose: () => Promise<void> }> {
  if (options.from) {
    if (!existsSync(options.from)) throw new Error(`no PGlite data dir at ${options.from}`);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dealwise-search-eval-'));
    await cp(options.from, dir, { recursive: true });
    const store = await openStore({ kind: 'pglite', dataDir: dir });
    await migrateStore(store);
    return { store, dispose: async () => { await store.close(); await rm(dir, { recursive: true, force: true }); } };
  }
  const store = await openStore({ kind: 'pglite' });
  await migrateStore(store);
  await seedDemoOrg(store.db, { seed: 42, scale: options.scale, now: EVAL_NOW, embedder: options.base });
  return { store, dispose: () => store.close() };
}

/** Adds a copy of every `baseModel` chunk embedded by `embedder`, unless the store already has them. */
export async function addEmbedderCopies(store: Store, baseModel: string, embedder: Embedder): Promise<void> {
  if ((await chunkModels(store.db)).has(embedder.model)) return;
  await dropChunkVectorIndex(store.db);
  let after: string | null = null;
  for (;;) {
    const page = await chunkTextsAfter(store.db, after, 1000, baseModel);
    if (page.length === 0) break;
    const vectors = await embedder.embed(page.map((c) => c.text));
    await copyChunksWithEmbeddings(store.db, page.map((c, i) => ({ id: c.id, embedding: vectors[i]! })), embedder.model);
    after = page[page.length - 1]!.id;
  }
  await ensureChunkVectorIndex(store.db);
  await analyzeChunks(store.db);
}
