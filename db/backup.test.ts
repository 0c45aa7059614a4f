import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedTemplateBlob } from '../test/helpers/db.ts';
import { ensureDailySnapshot, pruneSnapshots, restoreSnapshot, verifySnapshot, writeSnapshot } from './backup.ts';
import { openStore, type Store } from './client.ts';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Schema } from './client.ts';
import { MIGRATIONS_FOLDER, migrateStore } from './migrate.ts';
import { backupsDirFor, listSnapshots, snapshotName } from './snapshots.ts';

// One migrated store on disk for the file: snapshots of it, a pre-migration snapshot, a restore, and the
// message a store that no longer opens gives.
const root = mkdtempSync(path.join(os.tmpdir(), 'dealwise-backup-'));
const dataDir = path.join(root, 'pglite');
const backups = backupsDirFor(dataDir);
let store: Store;
const at = new Date('2026-03-10T09:30:00.000Z');

beforeAll(async () => {
  store = await openStore({ kind: 'pglite', dataDir, loadDataDir: await migratedTemplateBlob(), command: 'test' });
  await store.db.execute(sql`insert into teams (name) values ('North'), ('South'), ('West')`);
});
afterAll(async () => {
  await store?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('snapshots of the embedded store', () => {
  it('are written whole beside the data and open again in memory with the same rows', async () => {
    const written = await writeSnapshot(store.pglite!, backups, 'manual', at);
    expect(written.file).toBe(path.join(root, 'backups', 'pglite-2026-03-10T09-30-00-000Z-manual.tar.gz'));
    expect(readdirSync(backups)).toEqual([path.basename(written.file)]); // no temp file left
    const verified = await verifySnapshot(written.file);
    expect(verified.rows.teams).toBe(3);
    expect(verified.rows.leads).toBe(0);
    expect(verified.tables).toBeGreaterThan(20);
  });

  it('roll daily: one per UTC day, the newest N kept, other kinds left alone', async () => {
    const next = new Date('2026-03-11T00:10:00.000Z');
    expect(await ensureDailySnapshot(store.pglite!, dataDir, next, 2)).toBeDefined();
    expect(await ensureDailySnapshot(store.pglite!, dataDir, new Date('2026-03-11T23:59:00.000Z'), 2)).toBeUndefined();
    // two older dailies by name: pruning reads names only
    for (const day of ['2026-03-08', '2026-03-09']) writeFileSync(path.join(backups, snapshotName(new Date(`${day}T00:00:00.000Z`), 'daily')), 'old');
    expect((await pruneSnapshots(backups, 'daily', 2)).map((f) => path.basename(f))).toEqual([snapshotName(new Date('2026-03-08T00:00:00.000Z'), 'daily')]);
    const left = await listSnapshots(backups);
    expect(left.map((s) => `${s.reason} ${s.at.toISOString()}`)).toEqual(['daily 2026-03-11T00:10:00.000Z', 'manual 2026-03-10T09:30:00.000Z', 'daily 2026-03-09T00:00:00.000Z']);
  });

  it('are taken before a migration changes a store that has data, and not when nothing is pending', async () => {
    // a store one migration behind, whichever migration is newest: migrated from a copy of the folder whose
    // journal stops one entry short, then given data, then migrated for real
    const behindDir = path.join(root, 'behind', 'pglite');
    const shortFolder = path.join(root, 'migrations-short');
    cpSync(MIGRATIONS_FOLDER, shortFolder, { recursive: true });
    const journalFile = path.join(shortFolder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
    writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, -1) }));
    const behind = await openStore({ kind: 'pglite', dataDir: behindDir, command: 'test' });
    try {
      await migratePglite(behind.db as unknown as PgliteDatabase<Schema>, { migrationsFolder: shortFolder });
      await behind.db.execute(sql`insert into teams (name) values ('East')`);
      const before = await migrateStore(behind, { snapshot: { at: new Date('2026-03-12T08:00:00.000Z'), keep: 7 } });
      expect(before?.file).toBe(path.join(backupsDirFor(behindDir), snapshotName(new Date('2026-03-12T08:00:00.000Z'), 'pre-migration')));
      expect((await verifySnapshot(before!.file)).rows.teams).toBe(1);
      expect(await migrateStore(behind, { snapshot: { at: new Date('2026-03-12T09:00:00.000Z'), keep: 7 } })).toBeUndefined();
    } finally {
      await behind.close();
    }
    // the shared store is up to date: nothing pending, no snapshot
    expect(await migrateStore(store, { snapshot: { at: new Date('2026-03-12T08:00:00.000Z'), keep: 7 } })).toBeUndefined();
    await writeSnapshot(store.pglite!, backups, 'pre-migration', new Date('2026-03-12T08:00:00.000Z'));
  });

  it('name the snapshot to restore when the store no longer opens, and restore it', async () => {
    await store.db.execute(sql`insert into teams (name) values ('Lost')`);
    await store.close();
    writeFileSync(path.join(dataDir, 'global', 'pg_control'), Buffer.alloc(100)); // what a torn write can leave
    const error = (await openStore({ kind: 'pglite', dataDir, command: 'test' }).then(() => undefined, (e: unknown) => e)) as { code: string; message: string; hint: string };
    const newest = path.join(backups, snapshotName(new Date('2026-03-12T08:00:00.000Z'), 'pre-migration'));
    expect(error.code).toBe('store:unopenable');
    expect(error.message).toBe(`The embedded store at ${dataDir} could not be opened (RuntimeError: Aborted())`);
    expect(error.hint).toBe(`restore the newest snapshot (2026-03-12T08:00:00.000Z, pre-migration): npm run store -- restore ${newest}`);
    expect(existsSync(path.join(root, 'pglite.lock'))).toBe(false); // a failed open releases the lock

    const { keptAs } = await restoreSnapshot(newest, dataDir, new Date('2026-03-12T10:00:00.000Z'));
    expect(keptAs).toBe(`${dataDir}.replaced-2026-03-12T10-00-00-000Z`);
    store = await openStore({ kind: 'pglite', dataDir, command: 'test' });
    const { rows } = await store.pglite!.query<{ name: string }>('select name from teams order by name');
    expect(rows.map((r) => r.name)).toEqual(['North', 'South', 'West']);
  });

  it('restore nothing over a data directory when the snapshot cannot be read', async () => {
    mkdirSync(path.join(root, 'other'), { recursive: true });
    const target = path.join(root, 'other', 'pglite');
    mkdirSync(target);
    writeFileSync(path.join(target, 'marker'), 'kept');
    const bad = path.join(root, 'broken.tar.gz');
    writeFileSync(bad, 'not a tarball');
    await expect(restoreSnapshot(bad, target, at)).rejects.toThrow();
    expect(readdirSync(target)).toEqual(['marker']);
  });
});
