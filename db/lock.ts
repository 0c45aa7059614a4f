import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../core/errors.ts';

// One process owns an embedded store. Two PGlite instances on one data directory each run their own
// Postgres over the same files: writes of one are lost and the folder can end up unopenable (issue 17).
// The owner holds `<DATA_DIR>/pglite.lock`, created with O_EXCL; it names the process (pid, host), the
// port it serves on once listening, and a random token that lets the bridge and CLIs act through it.
// A lock whose process is gone (kill -9, a crash) is stale and taken over, on the same host only.
//
// Hand-written rather than proper-lockfile: that one keeps an mtime-refreshed directory with no content,
// so it can say neither who holds the store nor where it listens, which is what every caller needs.

export interface LockInfo {
  pid: number;
  host: string;
  /** what holds it: 'server', 'mcp', 'ingest', 'seed', 'store' ... */
  command: string;
  startedAt: string;
  /** loopback URL of its HTTP API, once listening */
  url: string | null;
  /** lets a bridge or CLI act as the configured local user through that API */
  token: string;
}

export interface StoreLock {
  file: string;
  info: LockInfo;
  /** records where the owner listens, for bridges and CLIs to find it */
  setUrl(url: string): Promise<void>;
  release(): Promise<void>;
}

/** The lock file guarding a PGlite data directory: beside it, so dumps of the directory never carry it. */
export function lockFileFor(pgliteDir: string): string {
  return path.join(path.dirname(path.resolve(pgliteDir)), `${path.basename(pgliteDir)}.lock`);
}

/** true when a process with this pid exists (EPERM: it does, owned by someone else). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function readLock(file: string): Promise<LockInfo | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockInfo>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.token === 'string') {
      return { command: 'unknown', startedAt: '', url: null, ...parsed } as LockInfo;
    }
  } catch {
    // half-written by a process that died between create and write: treated as stale below
  }
  return { pid: 0, host: os.hostname(), command: 'unknown', startedAt: '', url: null, token: '' };
}

/** tokens of the locks this process holds */
const heldHere = new Set<string>();

/**
 * Stale = its process is gone; only decidable on the host that wrote it. Our own pid on a lock we do not
 * hold is stale too: a container restarted after a crash gets the same hostname and the same low pid.
 */
export function isStale(info: LockInfo): boolean {
  if (info.host !== os.hostname()) return false;
  if (info.pid === process.pid) return !heldHere.has(info.token);
  return info.pid === 0 || !pidAlive(info.pid);
}

/** The live owner of the store, if any (a stale lock counts as none). */
export async function currentOwner(pgliteDir: string): Promise<LockInfo | undefined> {
  const info = await readLock(lockFileFor(pgliteDir));
  return info && !isStale(info) ? info : undefined;
}

const COMMAND_NAMES: Record<string, string> = { server: 'the Dealwise server', mcp: '`npm run mcp`', ingest: '`npm run ingest`', seed: '`npm run seed`', dealwise: 'another Dealwise process' };

/** "the Dealwise server (pid 123 at http://127.0.0.1:3000, since ...)", for one-line messages */
export function describeOwner(info: LockInfo): string {
  const name = COMMAND_NAMES[info.command] ?? (info.command.startsWith('store') ? '`npm run store`' : `a Dealwise process (${info.command})`);
  const where = info.url ? ` at ${info.url}` : '';
  const host = info.host === os.hostname() ? '' : ` on host ${info.host}`;
  return `${name} (pid ${info.pid}${host}${where}, since ${info.startedAt})`;
}

export class StoreLockedError extends AppError {
  constructor(
    readonly owner: LockInfo,
    readonly file: string,
  ) {
    super('store:locked', `The embedded store is in use by ${describeOwner(owner)}; one process at a time may open it`, {
      hint: owner.host !== os.hostname() ? `if that host no longer runs Dealwise, delete ${file}` : 'stop that process first, or let this command go through the running server',
    });
  }
}

/**
 * Takes the store's lock for this process, or throws StoreLockedError naming the live owner.
 * A stale lock is taken over; two processes racing for it are serialised by a second O_EXCL file.
 */
export async function acquireStoreLock(pgliteDir: string, command: string): Promise<StoreLock> {
  const file = lockFileFor(pgliteDir);
  const info: LockInfo = { pid: process.pid, host: os.hostname(), command, startedAt: new Date().toISOString(), url: null, token: randomBytes(24).toString('base64url') };
  await mkdir(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createExclusive(file, info)) return held(file, info);
    const existing = await readLock(file);
    if (existing === undefined) continue; // released between our two calls: try again
    if (!isStale(existing)) throw new StoreLockedError(existing, file);
    await takeOverStale(file, existing);
  }
  const owner = await readLock(file);
  throw new StoreLockedError(owner ?? info, file);
}

async function createExclusive(file: string, info: LockInfo): Promise<boolean> {
  let handle;
  try {
    // 0600: the token lets its reader act as the local user
    handle = await open(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(`${JSON.stringify(info, null, 2)}\n`);
  } finally {
    await handle.close();
  }
  return true;
}

/** Removes a stale lock unless someone else replaced it meanwhile (checked under a short-lived guard file). */
async function takeOverStale(file: string, stale: LockInfo): Promise<void> {
  const guard = `${file}.takeover`;
  const guardAge = await stat(guard).then((s) => Date.now() - s.mtimeMs, () => undefined);
  if (guardAge !== undefined && guardAge > 10_000) await unlink(guard).catch(() => undefined); // left by a crash mid-takeover
  let handle;
  try {
    handle = await open(guard, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return; // another process is taking it over: re-read
    throw error;
  }
  try {
    const now = await readLock(file);
    if (now && now.token === stale.token && now.pid === stale.pid) await unlink(file).catch(() => undefined);
  } finally {
    await handle.close();
    await unlink(guard).catch(() => undefined);
  }
}

function held(file: string, info: LockInfo): StoreLock {
  let released = false;
  heldHere.add(info.token);
  // a normal exit (process.exit included) still removes it; a signal or kill -9 leaves it stale
  const onExit = () => {
    if (released) return;
    try {
      if (JSON.parse(readFileSync(file, 'utf8')).token === info.token) unlinkSync(file);
    } catch {
      // already gone
    }
  };
  process.on('exit', onExit);
  return {
    file,
    info,
    async setUrl(url) {
      info.url = url;
      // atomic replace, so a reader never sees half a file
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
      await rename(temp, file);
    },
    async release() {
      if (released) return;
      released = true;
      heldHere.delete(info.token);
      process.off('exit', onExit);
      const current = await readLock(file);
      if (current?.token === info.token) await unlink(file).catch(() => undefined);
    },
  };
}
