import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../../core/clock.ts';
import { createEmbedder } from '../../core/embeddings/index.ts';
import { loadEnv } from '../../core/env.ts';
import { isAppError } from '../../core/errors.ts';
import { createLogger } from '../../core/logger.ts';
import { pruneSnapshots, writeSnapshot } from '../backup.ts';
import { openStore, type StoreOptions } from '../client.ts';
import { currentOwner, describeOwner, StoreLockedError } from '../lock.ts';
import { migrateStore } from '../migrate.ts';
import { backupsDirFor } from '../snapshots.ts';
import { isStoreEmpty, seedDemoOrg, truncateAll } from './index.ts';

// `npm run seed -- [--seed N] [--scale X] [--reset] [--now ISO] [--files DIR]`
// Seeds the store the app would open (DATABASE_URL, else PGlite under DATA_DIR). An embedded store held by
// another process (a running server, `npm run mcp`) is left alone: seeding, let alone --reset, under a live
// server is not safe, and the server seeds an empty store itself when it starts.

const USAGE = `usage: npm run seed -- [--seed N] [--scale X] [--reset] [--now 2026-06-15T12:00:00Z] [--files DIR]
  --seed   integer seed (default DEMO_SEED, 42)
  --scale  volume multiplier, fractions allowed (default DEMO_SCALE, 1)
  --reset  empty every table first; without it a non-empty store is left alone
  --now    the instant the history ends at (default: now)
  --files  where to write sample MBOX files and transcripts (default DATA_DIR/demo-files)`;

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      seed: { type: 'string' }, scale: { type: 'string' }, reset: { type: 'boolean', default: false },
      now: { type: 'string' }, files: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }).values;
}

async function main(): Promise<number> {
  let values: ReturnType<typeof parse>;
  try {
    values = parse(process.argv.slice(2));
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const env = loadEnv();
  const seed = values.seed === undefined ? env.DEMO_SEED : Number(values.seed);
  const scale = values.scale === undefined ? env.DEMO_SCALE : Number(values.scale);
  const now = values.now === undefined ? systemClock.now() : new Date(values.now);
  if (!Number.isInteger(seed)) return fail(`--seed must be a whole number, got ${values.seed}`);
  if (!(scale > 0 && scale <= 100)) return fail(`--scale must be a number above 0 and at most 100, got ${values.scale}`);
  if (Number.isNaN(now.getTime())) return fail(`--now must be an ISO date, got ${values.now}`);

  // the same choice tools/runtime.ts makes, so the seed lands where the app will look
  const storeOptions: StoreOptions = env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir: path.resolve(env.DATA_DIR, 'pglite') };
  if (storeOptions.kind === 'pglite' && storeOptions.dataDir) {
    const owner = await currentOwner(storeOptions.dataDir);
    if (owner) return fail(`${describeOwner(owner)} holds the store at ${storeOptions.dataDir}; stop it first${values.reset ? ' (resetting under a live server is not safe)' : ' (a server seeds an empty store itself when it starts)'}`);
    await mkdir(storeOptions.dataDir, { recursive: true });
  }
  let store;
  try {
    store = await openStore(storeOptions.kind === 'pglite' ? { ...storeOptions, command: 'seed' } : storeOptions);
  } catch (error) {
    if (error instanceof StoreLockedError) return fail(`${error.message}. ${error.hint ?? ''}`.trim());
    throw error;
  }
  try {
    await migrateStore(store, { snapshot: { at: systemClock.now(), keep: env.BACKUP_KEEP } });
    if (values.reset) {
      if (store.pglite && store.location !== 'memory' && !(await isStoreEmpty(store.db))) {
        const dir = backupsDirFor(store.location);
        const written = await writeSnapshot(store.pglite, dir, 'pre-reset', systemClock.now());
        await pruneSnapshots(dir, 'pre-reset', env.BACKUP_KEEP);
        console.log(`reset: the data before it is kept in ${written.file} (npm run store -- restore <file> brings it back)`);
      }
      const tables = await truncateAll(store.db);
      console.log(`reset: emptied ${tables.length} tables in ${store.location}`);
    } else if (!(await isStoreEmpty(store.db))) {
      return fail(`the store at ${store.location} already has data; run with --reset to wipe it and seed again`);
    }
    const log = createLogger(env.LOG_LEVEL);
    const report = await seedDemoOrg(store.db, {
      seed, scale, now, embedder: createEmbedder(env), log,
      filesDir: path.resolve(values.files ?? path.join(env.DATA_DIR, 'demo-files')),
    });
    console.log(`seeded ${store.location} with seed ${report.seed}, scale ${report.scale}, now ${now.toISOString()} in ${(report.ms / 1000).toFixed(1)} s`);
    const width = Math.max(...Object.keys(report.counts).map((k) => k.length));
    for (const [table, count] of Object.entries(report.counts)) console.log(`  ${table.padEnd(width)}  ${count.toLocaleString('en-US').padStart(7)}`);
    return 0;
  } finally {
    await store.close();
  }
}

function fail(message: string): number {
  console.error(`seed: ${message}`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isAppError(error)) console.error(`seed: ${error.message}${error.hint ? ` (${error.hint})` : ''}`);
    else console.error('seed failed:', error);
    process.exitCode = 1;
  },
);
