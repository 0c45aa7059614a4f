import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireStoreLock, currentOwner, lockFileFor, pidAlive, StoreLockedError, type LockInfo } from './lock.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'dealwise-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** the pid of a process that has exited: a lock naming it is what kill -9 leaves behind */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const pid = Number(child.stdout);
  expect(pidAlive(pid)).toBe(false);
  return pid;
}

const lockOf = (store: string, info: Partial<LockInfo>) =>
  writeFileSync(lockFileFor(store), JSON.stringify({ pid: 1, host: os.hostname(), command: 'server', startedAt: '2026-01-01T00:00:00.000Z', url: null, token: 'old', ...info }));

describe('the embedded store lock', () => {
  it('is a file beside the data directory naming this process, with a token; a second claim is refused', async () => {
    const store = path.join(dir, 'a', 'pglite');
    const lock = await acquireStoreLock(store, 'server');
    expect(lock.file).toBe(path.join(dir, 'a', 'pglite.lock'));
    const onDisk = JSON.parse(readFileSync(lock.file, 'utf8')) as LockInfo;
    expect(onDisk).toMatchObject({ pid: process.pid, host: os.hostname(), command: 'server', url: null });
    expect(onDisk.token).toHaveLength(32);

    const second = await acquireStoreLock(store, 'ingest').catch((error: unknown) => error);
    expect(second).toBeInstanceOf(StoreLockedError);
    expect((second as StoreLockedError).message).toBe(`The embedded store is in use by the Dealwise server (pid ${process.pid}, since ${onDisk.startedAt}); one process at a time may open it`);

    await lock.setUrl('http://127.0.0.1:4321');
    expect(await currentOwner(store)).toMatchObject({ url: 'http://127.0.0.1:4321', token: onDisk.token });
    await lock.release();
    expect(existsSync(lock.file)).toBe(false);
    expect(await currentOwner(store)).toBeUndefined();
    const again = await acquireStoreLock(store, 'server');
    await again.release();
  });

  it('takes over a lock whose process is gone (kill -9, a crash)', async () => {
    const store = path.join(dir, 'b', 'pglite');
    await acquireStoreLock(store, 'x').then((l) => l.release()); // creates the folder
    lockOf(store, { pid: deadPid(), url: 'http://127.0.0.1:1' });
    expect(await currentOwner(store)).toBeUndefined();
    const lock = await acquireStoreLock(store, 'mcp');
    expect(JSON.parse(readFileSync(lock.file, 'utf8'))).toMatchObject({ pid: process.pid, command: 'mcp' });
    await lock.release();
  });

  it('takes over a lock naming our own pid that we do not hold (a container restarted after a crash)', async () => {
    const store = path.join(dir, 'e', 'pglite');
    await acquireStoreLock(store, 'x').then((l) => l.release());
    lockOf(store, { pid: process.pid, token: 'from-the-last-run' });
    const lock = await acquireStoreLock(store, 'server');
    expect(lock.info.token).not.toBe('from-the-last-run');
    await lock.release();
  });

  it('takes over a half-written lock, but never one written on another host', async () => {
    const store = path.join(dir, 'c', 'pglite');
    await acquireStoreLock(store, 'x').then((l) => l.release());
    writeFileSync(lockFileFor(store), '{"pid": 12');
    const lock = await acquireStoreLock(store, 'seed');
    await lock.release();

    lockOf(store, { pid: deadPid(), host: 'another-host' });
    const refused = await acquireStoreLock(store, 'seed').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreLockedError);
    expect((refused as StoreLockedError).hint).toBe(`if that host no longer runs Dealwise, delete ${lockFileFor(store)}`);
  });

  it('does not remove a lock another process took after ours was released', async () => {
    const store = path.join(dir, 'd', 'pglite');
    const lock = await acquireStoreLock(store, 'server');
    rmSync(lock.file);
    lockOf(store, { pid: process.ppid, token: 'theirs' });
    await lock.release();
    expect(JSON.parse(readFileSync(lockFileFor(store), 'utf8'))).toMatchObject({ token: 'theirs' });
  });
});
