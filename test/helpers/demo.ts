import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import type { Store } from '../../db/client.ts';
import { openStore } from '../../db/client.ts';
import { seedDemoOrg } from '../../db/seed/index.ts';
import { refreshDealEmbeddings } from '../../tools/intelligence/deal-embeddings.ts';
import { createTestStore, dumpStore, templateDir } from './db.ts';
import { sharedTemplate } from './templates.ts';

export const DEMO_NOW = new Date('2026-06-15T12:00:00Z');

export interface DemoOptions {
  seed?: number;
  now?: Date;
}

// Seeding is the slowest thing a test can ask for (seconds at scale 0.05, far more at 1), and the same
// seed, scale and clock always give the same rows: so each demo org is seeded once per run, dumped into
// the run's template folder, and every store after that is loaded from the dump.
const templates = new Map<string, Promise<Blob>>();

async function seededDump(seed: number, scale: number, now: Date): Promise<Blob> {
  const store = await createTestStore();
  try {
    const embedder = createLocalEmbedder();
    await seedDemoOrg(store.db, { seed, scale, now, embedder });
    await refreshDealEmbeddings(store.db, embedder, now);
    return await dumpStore(store);
  } finally {
    await store.close();
  }
}

/** The dump of a seeded demo org with deal embeddings, built once per run for each seed, scale and clock. */
export function demoTemplateBlob(scale = 0.05, { seed = 42, now = DEMO_NOW }: DemoOptions = {}): Promise<Blob> {
  const key = `demo-s${seed}-x${scale}-t${now.getTime()}`;
  let blob = templates.get(key);
  if (!blob) {
    const dir = templateDir();
    blob = dir ? sharedTemplate(dir, `${key}.tar`, () => seededDump(seed, scale, now)) : seededDump(seed, scale, now);
    // a failed build is not cached: the next file tries again and reports its own error
    blob.catch(() => templates.delete(key));
    templates.set(key, blob);
  }
  return blob;
}

/** A fresh in-memory store of its own holding the demo org (seed 42 unless told) with deal embeddings, on DEMO_NOW. */
export async function createDemoStore(scale = 0.05, options: DemoOptions = {}): Promise<Store> {
  return openStore({ kind: 'pglite', loadDataDir: await demoTemplateBlob(scale, options) });
}
