import { open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore, type Store } from '../../db/client.ts';
import { migrateStore } from '../../db/migrate.ts';

// Database templates shared by every test file of a run. Migrating a fresh PGlite costs seconds and
// seeding the demo org many more, so each is done once per run, dumped (PGlite `dumpDataDir`) to a file
// in the run's template folder, and every test opens its own fresh store from that file.
// No vitest import here: the global setup (main process) and the workers both use it.

/** The run's template folder, as the global setup provides it to the workers. */
export const TEMPLATE_DIR_KEY = 'dealwiseTemplateDir';
export const MIGRATED_FILE = 'migrated.tar';

/** The dumped data dir of a store (uncompressed tar: loading skips the unzip). */
export async function dumpStoreBlob(store: Store): Promise<Blob> {
  if (!store.pglite) throw new Error('only an embedded store can be dumped');
  return store.pglite.dumpDataDir('none');
}

/** Opens a store from nothing, migrates it and returns its dump. */
export async function buildMigratedTemplate(): Promise<Blob> {
  const store = await openStore({ kind: 'pglite' });
  try {
    await migrateStore(store);
    return await dumpStoreBlob(store);
  } finally {
    await store.close();
  }
}

export async function writeTemplate(file: string, blob: Blob): Promise<void> {
  // written aside and renamed: a reader never sees half a file
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, new Uint8Array(await blob.arrayBuffer()));
  await rename(partial, file);
}

export async function readTemplate(file: string): Promise<Blob> {
  return new Blob([new Uint8Array(await readFile(file))]);
}

const LOCK_POLL_MS = 100;
/** a lock older than this belongs to a builder that died (building a demo org takes well under a minute) */
const STALE_LOCK_MS = 10 * 60_000;

/**
 * The template named `name` in `dir`: read when some worker has built it already, otherwise built once
 * with `build` (the first worker to ask takes a lock file; the others wait for the finished file).
 */
export async function sharedTemplate(dir: string, name: string, build: () => Promise<Blob>): Promise<Blob> {
  const file = path.join(dir, name);
  const lock = `${file}.lock`;
  for (;;) {
    if (await exists(file)) return readTemplate(file);
    const handle = await open(lock, 'wx').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return undefined;
      throw error;
    });
    if (handle) {
      try {
        await handle.close();
        // built by another worker between our check and the lock?
        if (await exists(file)) return readTemplate(file);
        const blob = await build();
        await writeTemplate(file, blob);
        return blob;
      } finally {
        await rm(lock, { force: true });
      }
    }
    const held = await stat(lock).catch(() => undefined);
    if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) await rm(lock, { force: true });
    else await sleep(LOCK_POLL_MS);
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
