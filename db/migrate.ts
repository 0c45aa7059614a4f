import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { pruneSnapshots, writeSnapshot, type Written } from './backup.ts';
import type { Schema, Store } from './client.ts';
import { backupsDirFor } from './snapshots.ts';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

export interface MigrateOptions {
  /** embedded stores: snapshot the data before a migration changes a schema that holds data (keep the last `keep`) */
  snapshot?: { at: Date; keep: number };
}

/**
 * Applies the committed drizzle-kit migrations; already-applied ones are skipped. Same SQL on PGlite and
 * Postgres. Returns the snapshot taken first, when one was.
 */
export async function migrateStore(store: Store, options: MigrateOptions = {}): Promise<Written | undefined> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  if (store.kind !== 'pglite') {
    await migrateNodePg(store.db as unknown as NodePgDatabase<Schema>, config);
    return undefined;
  }
  let written: Written | undefined;
  if (options.snapshot && store.pglite && store.location !== 'memory' && (await pendingOnExisting(store)) > 0) {
    const dir = backupsDirFor(store.location);
    written = await writeSnapshot(store.pglite, dir, 'pre-migration', options.snapshot.at);
    await pruneSnapshots(dir, 'pre-migration', options.snapshot.keep);
  }
  await migratePglite(store.db as unknown as PgliteDatabase<Schema>, config);
  return written;
}

/** Migrations not yet applied to a store that already has some (a fresh store has nothing to lose). */
async function pendingOnExisting(store: Store): Promise<number> {
  const pglite = store.pglite;
  if (!pglite) return 0;
  const { rows: [table] } = await pglite.query<{ t: string | null }>(`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
  if (!table?.t) return 0;
  const { rows: [last] } = await pglite.query<{ at: string | null }>('select max(created_at)::text as at from drizzle.__drizzle_migrations');
  if (last?.at === null || last?.at === undefined) return 0;
  const journal = JSON.parse(await readFile(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return journal.entries.filter((e) => e.when > Number(last.at)).length;
}
