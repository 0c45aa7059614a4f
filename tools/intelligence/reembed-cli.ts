import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { systemClock } from '../../core/clock.ts';
import { createEmbedder } from '../../core/embeddings/index.ts';
import { loadEnv } from '../../core/env.ts';
import { openStore, type StoreOptions } from '../../db/client.ts';
import { migrateStore } from '../../db/migrate.ts';
import { reembedStore } from './reembed.ts';

// `EMBEDDINGS=local-semantic npm run reembed`: re-embeds the store the app opens (DATABASE_URL, else PGlite
// under DATA_DIR) with the configured embedder and stamps it, so the app starts with the new model.
// Stop the server first when the store is PGlite (one process at a time).

async function main(): Promise<number> {
  const env = loadEnv();
  const embedder = createEmbedder(env);
  const options: StoreOptions = env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir: path.resolve(env.DATA_DIR, 'pglite') };
  if (options.kind === 'pglite' && options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const store = await openStore(options);
  try {
    await migrateStore(store);
    const started = performance.now();
    const report = await reembedStore(store.db, embedder, systemClock.now(), (done) => {
      if (done % 5000 === 0) console.log(`  ${done.toLocaleString('en-US')} chunks re-embedded`);
    });
    console.log(`re-embedded ${report.chunks} chunks (${report.split} long chunks split into passages) and ${report.deals} deals of ${store.location} with ${embedder.model} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('reembed failed:', error);
    process.exitCode = 1;
  },
);
