import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { vector } from '@electric-sql/pglite-pgvector';
import { inject } from 'vitest';
import { openStore, type Store } from '../../db/client.ts';
import { buildMigratedTemplate, dumpStoreBlob, MIGRATED_FILE, readTemplate, TEMPLATE_DIR_KEY } from './templates.ts';

// Every test gets a fresh store of its own, loaded from a dump of an already-migrated one (a few hundred
// ms instead of seconds). The global setup (test/global-setup.ts) migrates once per run and writes the
// dump to a file; a worker reads it once and keeps it for every file it runs.
let template: Promise<Blob> | undefined;

/** The run's template folder, or undefined outside a vitest run with the global setup (e.g. a bench script). */
export function templateDir(): string | undefined {
  try {
    return inject(TEMPLATE_DIR_KEY);
  } catch {
    return undefined;
  }
}

/** The dumped data dir of an empty, migrated store (to hand to openRuntime as loadDataDir). */
export function migratedTemplateBlob(): Promise<Blob> {
  const dir = templateDir();
  template ??= dir ? readTemplate(path.join(dir, MIGRATED_FILE)) : buildMigratedTemplate();
  return template;
}

/** A fresh, migrated, empty in-memory store of its own. Close it in afterAll/afterEach. */
export async function createTestStore(): Promise<Store> {
  return openStore({ kind: 'pglite', loadDataDir: await migratedTemplateBlob() });
}

/** Copies a store's current contents into a template other tests can load (e.g. once-seeded data). */
export function dumpStore(store: Store): Promise<Blob> {
  return dumpStoreBlob(store);
}

/** A raw PGlite with our extensions, for tests that serve it over the wire protocol. */
export function createRawPglite(): PGlite {
  return new PGlite({ extensions: { vector, pg_trgm } });
}
