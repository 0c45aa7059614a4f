import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { vector } from '@electric-sql/pglite-pgvector';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The one database type the repos see, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Repos accept either the database or an open transaction. */
export type Executor = Db | Tx;

export type StoreOptions =
  | { kind: 'postgres'; url: string; poolSize?: number }
  /** dataDir undefined = in memory; loadDataDir = start from a dumped template (tests) */
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob };

export interface Store {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** where the data lives, for logs: a folder, 'memory' or the URL without its password */
  location: string;
  /** the embedded engine, when there is one (dumps, socket serving) */
  pglite: PGlite | undefined;
  close(): Promise<void>;
}

/** Opens the store: PGlite with pgvector and pg_trgm by default, `pg` against a real Postgres with a URL. */
export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // Fail now with the driver's reason rather than on the first query.
    const probe = await pool.connect();
    probe.release();
    const db = drizzleNodePg({ client: pool, schema }) as unknown as Db;
    return { db, kind: 'postgres', location: redactUrl(options.url), pglite: undefined, close: () => pool.end() };
  }
  const extensions = { vector, pg_trgm };
  // One options object: `new PGlite(undefined, opts)` would drop opts for an in-memory store.
  const client = new PGlite({
    extensions,
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir }),
  });
  await client.waitReady;
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    location: options.dataDir ?? 'memory',
    pglite: client,
    close: () => client.close(),
  };
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
