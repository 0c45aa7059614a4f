import { readFile, rename, rm, stat, unlink, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_EXTENSIONS } from './client.ts';
import { backupsDirFor, listSnapshots, snapshotName, type SnapshotFile, type SnapshotReason } from './snapshots.ts';

// Snapshots of an embedded store: PGlite's own tarball of its data directory (dumpDataDir, gzip), written
// to a temp file and renamed into place so a crash never leaves half a snapshot under a snapshot's name.
// Restoring replaces the data directory from one; verifying opens one in memory and counts its rows.

export interface Written {
  file: string;
  bytes: number;
  ms: number;
}

export async function writeSnapshot(pglite: PGlite, dir: string, reason: SnapshotReason, at: Date): Promise<Written> {
  const started = performance.now();
  await mkdir(dir, { recursive: true });
  const blob = await pglite.dumpDataDir('gzip');
  const bytes = Buffer.from(await blob.arrayBuffer());
  const file = path.join(dir, snapshotName(at, reason));
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, bytes);
  await rename(temp, file);
  return { file, bytes: bytes.length, ms: Math.round(performance.now() - started) };
}

/** Keeps the newest `keep` snapshots taken for `reason`; returns the files removed. */
export async function pruneSnapshots(dir: string, reason: SnapshotReason, keep: number): Promise<string[]> {
  const old = (await listSnapshots(dir)).filter((s) => s.reason === reason).slice(keep);
  for (const s of old) await unlink(s.file).catch(() => undefined);
  return old.map((s) => s.file);
}

/** The rolling daily snapshot: one per UTC day, the last `keep` kept. Undefined when today's exists. */
export async function ensureDailySnapshot(pglite: PGlite, pgliteDir: string, now: Date, keep: number): Promise<Written | undefined> {
  const dir = backupsDirFor(pgliteDir);
  const today = now.toISOString().slice(0, 10);
  const existing = await listSnapshots(dir);
  if (existing.some((s) => s.reason === 'daily' && s.at.toISOString().slice(0, 10) === today)) return undefined;
  const written = await writeSnapshot(pglite, dir, 'daily', now);
  await pruneSnapshots(dir, 'daily', keep);
  return written;
}

async function loadBlob(file: string): Promise<Blob> {
  return new Blob([await readFile(file)]);
}

export interface Verified {
  tables: number;
  rows: Record<string, number>;
  ms: number;
}

/** Opens a snapshot in memory and counts the rows of every table: proof it restores. */
export async function verifySnapshot(file: string): Promise<Verified> {
  const started = performance.now();
  const client = new PGlite({ extensions: PGLITE_EXTENSIONS, loadDataDir: await loadBlob(file) });
  try {
    await client.waitReady;
    const { rows: tables } = await client.query<{ name: string }>(
      `select quote_ident(table_name) as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    );
    const rows: Record<string, number> = {};
    for (const { name } of tables) {
      const { rows: counted } = await client.query<{ n: number }>(`select count(*)::int as n from ${name}`);
      rows[name.replace(/"/g, '')] = counted[0]?.n ?? 0;
    }
    return { tables: tables.length, rows, ms: Math.round(performance.now() - started) };
  } finally {
    await client.close().catch(() => undefined);
  }
}

/**
 * Replaces the data directory with a snapshot's contents. The caller holds the store's lock. The old
 * directory is kept beside it (`<dir>.replaced-<time>`) until the restored one has opened; on failure
 * it is put back.
 */
export async function restoreSnapshot(file: string, pgliteDir: string, at: Date): Promise<{ keptAs: string | undefined }> {
  const blob = await loadBlob(file);
  const hadDir = await stat(pgliteDir).then(() => true, () => false);
  const keptAs = hadDir ? `${pgliteDir}.replaced-${at.toISOString().replace(/[:.]/g, '-')}` : undefined;
  if (keptAs) await rename(pgliteDir, keptAs);
  try {
    const client = new PGlite({ extensions: PGLITE_EXTENSIONS, dataDir: pgliteDir, loadDataDir: blob });
    await client.waitReady;
    await client.query('select 1');
    await client.close();
  } catch (error) {
    await rm(pgliteDir, { recursive: true, force: true });
    if (keptAs) await rename(keptAs, pgliteDir);
    throw error;
  }
  return { keptAs };
}

export type { SnapshotFile };
