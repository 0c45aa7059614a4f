import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { vector } from '@electric-sql/pglite-pgvector';
import { openStore, type Store } from '../../db/client.ts';
import { migrateStore } from '../../db/migrate.ts';

// Migrating a fresh PGlite costs ~1.5 s; loading a dumped, already-migrated data dir is a few hundred ms.
// So each test worker migrates once and every test gets its own copy of that template.
let template: Promise<Blob> | undefined;

async function migratedTemplate(): Promise<Blob> {
  const store = await openStore({ kind: 'pglite' });
  try {
    await migrateStore(store);
    if (!store.pglite) throw new Error('expected an embedded store');
    return await store.pglite.dumpDataDir('none');
  } finally {
    await store.close();
  }
}

/** The dumped data dir of an empty, migrated store (to hand to openRuntime as loadDataDir). */
export function migratedTemplateBlob(): Promise<Blob> {
  template ??= migratedTemplate();
  return template;
}

/** A fresh, migrated, empty in-memory store of its own. Close it in afterAll/afterEach. */
export async function createTestStore(): Promise<Store> {
  return openStore({ kind: 'pglite', loadDataDir: await migratedTemplateBlob() });
}

/** Copies a store's current contents into a template other tests can load (e.g. once-seeded data). */
export async function dumpStore(store: Store): Promise<Blob> {
  if (!store.pglite) throw new Error('only an embedded store can be dumped');
  return store.pglite.dumpDataDir('none');
}

/** A raw PGlite with our extensions, for tests that serve it over the wire protocol. */
export function createRawPglite(): PGlite {
  return new PGlite({ extensions: { vector, pg_trgm } });
}
