import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { vector } from '@electric-sql/pglite-pgvector';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { AppError } from '../core/errors.ts';
import { acquireStoreLock, type StoreLock } from './lock.ts';
import * as schema from './schema/index.ts';
import { backupsDirFor, listSnapshots } from './snapshots.ts';

export type Schema = typeof schema;
/** The one database type the repos see, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Repos accept either the database or an open transaction. */
export type Executor = Db | Tx;

export type StoreOptions =
  | { kind: 'postgres'; url: string; poolSize?: number }
  /**
   * dataDir undefined = in memory; loadDataDir = start from a dumped template (tests).
   * A data directory is opened under its lock (db/lock.ts): pass one already taken, or let openStore
   * take it in the name of `command`; it is released by close().
   */
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob; lock?: StoreLock; command?: string };

export interface Store {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** where the data lives, for logs: a folder, 'memory' or the URL without its password */
  location: string;
  /** the embedded engine, when there is one (dumps, socket serving) */
  pglite: PGlite | undefined;
  /** the embedded store's lock, held until close() */
  lock: StoreLock | undefined;
  close(): Promise<void>;
}

export const PGLITE_EXTENSIONS = { vector, pg_trgm };

/** Opens the store: PGlite with pgvector and pg_trgm by default, `pg` against a real Postgres with a URL. */
export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.kind === 'postgres') {
    // a checkout waits at most 5 s for a server that is down, so a request fails with 503 instead of hanging
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, connectionTimeoutMillis: 5_000 });
    // an idle connection dropped by the server (restart, network cut) emits 'error' on the pool: without a
    // listener that kills the process. The pool discards that client and opens a new one on the next query.
    pool.on('error', () => {});
    // Fail now with the driver's reason rather than on the first query.
    const probe = await pool.connect();
    probe.release();
    const db = drizzleNodePg({ client: pool, schema }) as unknown as Db;
    return { db, kind: 'postgres', location: redactUrl(options.url), pglite: undefined, lock: undefined, close: () => pool.end() };
  }
  const { dataDir } = options;
  const lock = dataDir === undefined ? undefined : (options.lock ?? (await acquireStoreLock(dataDir, options.command ?? 'dealwise')));
  let client: PGlite;
  try {
    // One options object: `new PGlite(undefined, opts)` would drop opts for an in-memory store.
    client = new PGlite({
      extensions: PGLITE_EXTENSIONS,
      ...(dataDir === undefined ? {} : { dataDir }),
      ...(options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir }),
    });
    await client.waitReady;
  } catch (error) {
    await lock?.release();
    throw dataDir === undefined ? error : await unopenable(dataDir, error);
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    location: dataDir ?? 'memory',
    pglite: client,
    lock,
    close: async () => {
      try {
        await client.close();
      } finally {
        await lock?.release();
      }
    },
  };
}

/** A data directory PGlite cannot start on (`RuntimeError: Aborted()`): say which snapshot to restore. */
async function unopenable(dataDir: string, error: unknown): Promise<AppError> {
  const [latest] = await listSnapshots(backupsDirFor(dataDir));
  // PGlite's WASM abort carries a build hint that means nothing to a user
  const reason = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).replace(/\. Build with -sASSERTIONS.*$/s, '');
  return new AppError('store:unopenable', `The embedded store at ${dataDir} could not be opened (${reason})`, {
    cause: error,
    hint: latest
      ? `restore the newest snapshot (${latest.at.toISOString()}, ${latest.reason}): npm run store -- restore ${latest.file}`
      : `no snapshot was found in ${backupsDirFor(dataDir)}; move ${dataDir} aside to start on an empty store`,
  });
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres (unparseable URL)';
  }
}
