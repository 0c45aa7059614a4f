import { readdir } from 'node:fs/promises';
import path from 'node:path';

// Where snapshots of an embedded store live and what they are called: `<DATA_DIR>/backups/`, beside the
// data, named `pglite-<UTC time>-<reason>.tar.gz` so that name order is time order.

export const SNAPSHOT_REASONS = ['manual', 'daily', 'pre-migration', 'pre-reset'] as const;
export type SnapshotReason = (typeof SNAPSHOT_REASONS)[number];

export interface SnapshotFile {
  file: string;
  name: string;
  reason: SnapshotReason;
  /** when it was taken, from its name */
  at: Date;
}

const NAME = /^pglite-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-([a-z-]+)\.tar\.gz$/;

export function backupsDirFor(pgliteDir: string): string {
  return path.join(path.dirname(path.resolve(pgliteDir)), 'backups');
}

export function snapshotName(at: Date, reason: SnapshotReason): string {
  return `pglite-${at.toISOString().replace(/[:.]/g, '-')}-${reason}.tar.gz`;
}

export function parseSnapshotName(name: string): { reason: SnapshotReason; at: Date } | undefined {
  const m = NAME.exec(name);
  if (!m || !(SNAPSHOT_REASONS as readonly string[]).includes(m[6]!)) return undefined;
  return { reason: m[6] as SnapshotReason, at: new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`) };
}

/** Snapshots in `dir`, newest first (temp files of an unfinished write are not snapshots). */
export async function listSnapshots(dir: string): Promise<SnapshotFile[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return names
    .flatMap((name) => {
      const parsed = parseSnapshotName(name);
      return parsed ? [{ file: path.join(dir, name), name, ...parsed }] : [];
    })
    .sort((a, b) => (a.name < b.name ? 1 : -1));
}
