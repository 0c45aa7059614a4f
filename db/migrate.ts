import { fileURLToPath } from 'node:url';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { Schema, Store } from './client.ts';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** Applies the committed drizzle-kit migrations; already-applied ones are skipped. Same SQL on PGlite and Postgres. */
export async function migrateStore(store: Store): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  if (store.kind === 'pglite') {
    await migratePglite(store.db as unknown as PgliteDatabase<Schema>, config);
  } else {
    await migrateNodePg(store.db as unknown as NodePgDatabase<Schema>, config);
  }
}
