import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, Store } from '../../db/client.ts';
import { openStore } from '../../db/client.ts';
import { runChildWorker } from '../helpers/child-worker.ts';
import { dumpStore } from '../helpers/db.ts';
import { freePort } from '../helpers/net.ts';

// Shared by the fault tests: twin stores from one snapshot (a reference run uninterrupted in this process,
// the other served over the wire to worker processes that get killed), the workers, and the digest.

export interface Twins {
  reference: Store;
  faulted: Store;
  dbUrl: string;
  /** the reference store over the wire too, for runs that need a worker process of their own (the copilot) */
  referenceUrl: string;
  close(): Promise<void>;
}

/** Two stores with the same contents (same ids) as `base`; `faulted` is served to workers on a loopback port. */
export async function twinStores(base: Store): Promise<Twins> {
  const blob = await dumpStore(base);
  const reference = await openStore({ kind: 'pglite', loadDataDir: blob });
  const faulted = await openStore({ kind: 'pglite', loadDataDir: blob });
  const serve = async (store: Store) => {
    const port = await freePort();
    const socket = new PGLiteSocketServer({ db: store.pglite!, host: '127.0.0.1', port, maxConnections: 4 });
    await socket.start();
    return { socket, url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` };
  };
  const [served, servedReference] = [await serve(faulted), await serve(reference)];
  return {
    reference, faulted, dbUrl: served.url, referenceUrl: servedReference.url,
    close: async () => {
      await served.socket.stop();
      await servedReference.socket.stop();
      await faulted.close();
      await reference.close();
    },
  };
}

export interface WorkerRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  result: unknown;
  stderr: string;
}

/** Runs test/faults/worker.ts with this job; faultAt names the crash point (core/faults.ts) it dies at. */
export async function runWorker(job: Record<string, unknown>, faultAt?: string): Promise<WorkerRun> {
  const run = await runChildWorker<unknown>('test/faults/worker.ts', { FAULT_WORKER: JSON.stringify(job), ...(faultAt ? { DEALWISE_FAULT_AT: faultAt } : {}) }, 'RESULT');
  return { code: run.code, signal: run.signal, stderr: run.stderr, result: run.payload };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/** Every row of these tables as JSON (Postgres's own to_jsonb), by table. */
export async function tableRows(db: Db, tables: string[]): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    const result = await db.execute(sql.raw(`select to_jsonb(t) as row from ${table} t`));
    out[table] = (result as unknown as { rows: { row: unknown }[] }).rows.map((r) => r.row);
  }
  return out;
}

/**
 * The tables' rows made comparable across two stores that ran the same calls: ids minted during the run
 * (not in `known`) become <new>, timestamps from the wall clock (defaultNow columns) become <wall-clock>,
 * the audit sequence number and tool_results' input hash (a hash over such ids) are dropped; rows sorted.
 * Doubled or missing rows and any changed value show.
 */
export function normalize(rows: Record<string, unknown[]>, known: Set<string>): Record<string, string[]> {
  const wall = Date.now();
  const fix = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (ISO.test(v) && Math.abs(Date.parse(v) - wall) < 86_400_000) return '<wall-clock>';
      return v.replace(UUID, (id) => (known.has(id.toLowerCase()) ? id : '<new>'));
    }
    if (Array.isArray(v)) return v.map(fix);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'seq' && k !== 'input_hash').map(([k, x]) => [k, fix(x)]));
    return v;
  };
  return Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, list.map((r) => JSON.stringify(fix(r))).sort()]));
}

/** The ids already in these tables: what both twins share. */
export function knownIds(rows: Record<string, unknown[]>): Set<string> {
  return new Set((JSON.stringify(rows).match(UUID) ?? []).map((id) => id.toLowerCase()));
}

export function digestOf(normalized: Record<string, string[]>): string {
  return createHash('sha256').update(JSON.stringify(normalized)).digest('hex').slice(0, 16);
}
