import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// `npm start` as a user runs it: a real process, a real port, a data folder on disk.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// as `npm start` runs it: node with tsx's loader (the tsx CLI would SIGKILL a child slow to acknowledge a signal)
const nodeArgs = ['--import', 'tsx', 'server/main.ts'];

interface Started {
  child: ChildProcess;
  healthUrl: string;
  stdout: string;
}

function start(env: Record<string, string>): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /health\s+(http:\/\/\S+\/health)/.exec(stdout);
      if (match?.[1]) resolve({ child, healthUrl: match[1], stdout });
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before it was ready:\n${stderr}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

function runToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, nodeArgs, {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('npm start', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dealwise-e2e-'));
  const env = { DATA_DIR: dataDir, PORT: '0', DEMO_SCALE: '0.05', LOG_LEVEL: 'warn', BRIEFINGS_ENABLED: 'false' };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds an empty store, reports healthy, and reuses the stored data on the next start', async () => {
    const first = await start(env);
    const firstHealth = await fetch(first.healthUrl);
    expect(firstHealth.status).toBe(200);
    expect(await firstHealth.json()).toMatchObject({ status: 'ok', store: 'pglite', seededOnStart: true });
    expect(await stop(first.child)).toBe(0);

    const second = await start(env);
    const secondHealth = await fetch(second.healthUrl);
    expect(await secondHealth.json()).toMatchObject({ status: 'ok', seededOnStart: false });
    expect(await stop(second.child)).toBe(0);
  }, 300_000); // two real starts, the first seeding: minutes on a loaded 2-core box

  it('stops at once with one line naming a bad variable', async () => {
    const { code, stderr } = await runToExit({ ...env, PORT: 'abc' });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('Invalid configuration: PORT must be a number (got "abc")');
  });
});
