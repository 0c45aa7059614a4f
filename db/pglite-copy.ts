import { PgliteSession } from 'drizzle-orm/pglite';
import type { Executor } from './client.ts';

// Bulk loads through PGlite's COPY ... FROM '/dev/blob', which drizzle does not expose: the PGlite
// connection (or open transaction) is reached through the drizzle session that wraps it. On
// node-postgres there is none and callers keep their INSERT path (a server parses text natively fast).

interface BlobConnection {
  query(sql: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
}

/** the PGlite connection or transaction under a drizzle executor; undefined on node-postgres */
export function pgliteConnection(ex: Executor): BlobConnection | undefined {
  const session = (ex as unknown as { session?: unknown }).session;
  if (!(session instanceof PgliteSession)) return undefined;
  return (session as unknown as { client: BlobConnection }).client;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** COPY a binary-format stream (db/copy-binary.ts) into `table`'s `columns`, in the executor's transaction */
export async function copyBinaryInto(connection: BlobConnection, table: string, columns: readonly string[], data: Uint8Array): Promise<void> {
  await connection.query(`COPY ${ident(table)} (${columns.map(ident).join(', ')}) FROM '/dev/blob' WITH (FORMAT binary)`, [], {
    blob: new Blob([data]),
  });
}
