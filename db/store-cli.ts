import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../core/clock.ts';
import { loadEnv } from '../core/env.ts';
import { restoreSnapshot, verifySnapshot, writeSnapshot } from './backup.ts';
import { openStore } from './client.ts';
import { acquireStoreLock, currentOwner, describeOwner, StoreLockedError } from './lock.ts';
import { backupsDirFor, listSnapshots } from './snapshots.ts';

// `npm run store -- backup|restore|verify|list`: snapshots of the embedded store in DATA_DIR/backups.
// backup and restore need the store to themselves (its lock); verify and list only read snapshot files.

const USAGE = `usage: npm run store -- <command>
  list              the snapshots in DATA_DIR/backups, newest first
  backup            write a snapshot of the store now (stop the server first; it writes a daily one itself)
  verify [FILE]     open a snapshot in memory and count its rows (default: the newest)
  restore FILE      replace the store with a snapshot ("latest" = the newest); the current data is kept
                    beside it as pglite.replaced-<time> (stop the server first)`;

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { help: { type: 'boolean', short: 'h', default: false } }, strict: true });
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const [command, arg] = parsed.positionals;
  if (parsed.values.help || command === undefined) return print(USAGE, command === undefined && !parsed.values.help ? 1 : 0);
  const env = loadEnv();
  if (env.DATABASE_URL) return fail('DATABASE_URL is set: these snapshots are for the embedded store; back Postgres up with pg_dump');
  const dataDir = path.resolve(env.DATA_DIR, 'pglite');
  const dir = backupsDirFor(dataDir);

  const pick = async (name: string | undefined) => {
    if (name !== undefined && name !== 'latest') return path.resolve(name);
    const [newest] = await listSnapshots(dir);
    return newest?.file;
  };
  const refuseIfHeld = async (what: string) => {
    const owner = await currentOwner(dataDir);
    return owner ? fail(`${describeOwner(owner)} holds the store; stop it before you ${what}`) : undefined;
  };

  switch (command) {
    case 'list': {
      const snapshots = await listSnapshots(dir);
      if (snapshots.length === 0) return print(`no snapshots in ${dir}`, 0);
      const lines = await Promise.all(snapshots.map(async (s) => `${s.at.toISOString()}  ${s.reason.padEnd(13)}  ${mb((await stat(s.file)).size).padStart(9)}  ${s.file}`));
      return print(lines.join('\n'), 0);
    }
    case 'verify': {
      const file = await pick(arg);
      if (!file) return fail(`no snapshots in ${dir}`);
      const verified = await verifySnapshot(file);
      const total = Object.values(verified.rows).reduce((a, b) => a + b, 0);
      const shown = ['users', 'accounts', 'leads', 'opportunities', 'interactions'].filter((t) => t in verified.rows).map((t) => `${t} ${verified.rows[t]}`);
      return print(`ok: ${file} opens; ${verified.tables} tables, ${total} rows (${shown.join(', ')}) in ${(verified.ms / 1000).toFixed(1)} s`, 0);
    }
    case 'backup': {
      const refused = await refuseIfHeld('take a snapshot (it writes a daily one itself)');
      if (refused !== undefined) return refused;
      if (!(await stat(dataDir).then(() => true, () => false))) return fail(`no store at ${dataDir} yet`);
      const store = await openStore({ kind: 'pglite', dataDir, command: 'store backup' });
      try {
        const written = await writeSnapshot(store.pglite!, dir, 'manual', systemClock.now());
        return print(`wrote ${written.file} (${mb(written.bytes)}) in ${(written.ms / 1000).toFixed(1)} s`, 0);
      } finally {
        await store.close();
      }
    }
    case 'restore': {
      if (arg === undefined) return fail(`name the snapshot to restore (or "latest")\n${USAGE}`);
      const file = await pick(arg);
      if (!file) return fail(`no snapshots in ${dir}`);
      if (!(await stat(file).then((s) => s.isFile(), () => false))) return fail(`no snapshot file at ${file}`);
      const refused = await refuseIfHeld('restore');
      if (refused !== undefined) return refused;
      await mkdir(path.dirname(dataDir), { recursive: true });
      const lock = await acquireStoreLock(dataDir, 'store restore');
      try {
        const { keptAs } = await restoreSnapshot(file, dataDir, systemClock.now());
        return print(`restored ${dataDir} from ${file}${keptAs ? `; the data it replaced is kept in ${keptAs} (delete it when you no longer need it)` : ''}`, 0);
      } finally {
        await lock.release();
      }
    }
    default:
      return fail(`unknown command ${command}\n${USAGE}`);
  }
}

function print(text: string, code: number): number {
  console.log(text);
  return code;
}

function fail(message: string): number {
  console.error(`store: ${message}`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof StoreLockedError ? `store: ${error.message}. ${error.hint ?? ''}` : `store failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
