import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { openStore, type Store } from '../../db/client.ts';
import { migrateStore } from '../../db/migrate.ts';
import { seedDemoOrg } from '../../db/seed/index.ts';
import { refreshDealEmbeddings } from '../../tools/intelligence/deal-embeddings.ts';

// The one seeded store every part of `npm run eval` reads: the demo org (seed 42, scale 1) on the fixed eval
// clock, with deal embeddings. Seeding scale 1 takes minutes on a loaded machine, so a dump is kept in
// `cacheDir` keyed by seed, scale and clock, and loaded when present (the same inputs always give the same rows).

export const EVAL_NOW = new Date('2026-06-15T12:00:00Z');

export interface EvalStoreOptions {
  scale?: number;
  /** where the dump is kept between runs; none: seed every time */
  cacheDir?: string;
  log?: (line: string) => void;
}

export async function openSeededEvalStore(options: EvalStoreOptions = {}): Promise<Store> {
  const scale = options.scale ?? 1;
  const file = options.cacheDir ? path.join(options.cacheDir, `demo-s42-x${scale}-t${EVAL_NOW.getTime()}.tar`) : undefined;
  if (file && existsSync(file)) {
    options.log?.(`demo org loaded from ${file}`);
    const store = await openStore({ kind: 'pglite', loadDataDir: new Blob([readFileSync(file)]) });
    await migrateStore(store);
    return store;
  }
  const t0 = performance.now();
  const store = await openStore({ kind: 'pglite' });
  await migrateStore(store);
  const embedder = createLocalEmbedder();
  await seedDemoOrg(store.db, { seed: 42, scale, now: EVAL_NOW, embedder });
  await refreshDealEmbeddings(store.db, embedder, EVAL_NOW);
  options.log?.(`demo org seeded at scale ${scale} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  if (file) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from(await (await store.pglite!.dumpDataDir('none')).arrayBuffer()));
  }
  return store;
}
