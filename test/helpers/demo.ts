import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import type { Store } from '../../db/client.ts';
import { seedDemoOrg } from '../../db/seed/index.ts';
import { refreshDealEmbeddings } from '../../tools/intelligence/deal-embeddings.ts';
import { createTestStore } from './db.ts';

export const DEMO_NOW = new Date('2026-06-15T12:00:00Z');

/** A fresh in-memory store holding a small demo org (seed 42) with deal embeddings, on DEMO_NOW. */
export async function createDemoStore(scale = 0.05): Promise<Store> {
  const store = await createTestStore();
  const embedder = createLocalEmbedder();
  await seedDemoOrg(store.db, { seed: 42, scale, now: DEMO_NOW, embedder });
  await refreshDealEmbeddings(store.db, embedder, DEMO_NOW);
  return store;
}
