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

/** a value as COPY's text format spells it: \N for NULL; backslash, newline, carriage return and tab escaped */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const s = typeof value === 'string' ? value : String(value);
  return /[\\\n\r\t]/.test(s) ? s.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t')) : s;
}

/**
 * COPY rows into `table`'s `columns` in the text format, each value already in its text (driver) form,
 * as drizzle's mapToDriverValue gives it: Postgres reads them with the same input functions an INSERT's
 * parameters go through, without a JSON document to parse and expand into records first.
 */
export async function copyTextInto(connection: BlobConnection, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
  if (rows.length === 0) return;
  const text = rows.map((r) => r.map(copyText).join('\t')).join('\n') + '\n';
  await connection.query(`COPY ${ident(table)} (${columns.map(ident).join(', ')}) FROM '/dev/blob' WITH (FORMAT text)`, [], { blob: new Blob([text]) });
}
