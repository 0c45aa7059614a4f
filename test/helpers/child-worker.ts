import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Runs a TypeScript worker script in a child Node process (tsx), with only the environment given, and reads
// back the one stdout line that starts with `marker` as JSON. Tests that kill a process at a named point, or
// race two processes, need a real child: the parent sees its exit code or signal beside the payload.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ChildRun<T> {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** the JSON after `marker` on stdout; undefined when the child died before printing it */
  payload: T | undefined;
  stderr: string;
}

export function runChildWorker<T>(script: string, env: Record<string, string>, marker: string): Promise<ChildRun<T>> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code, signal) => {
      const line = stdout.split('\n').find((l) => l.startsWith(`${marker} `));
      resolve({ code, signal, stderr, payload: line ? (JSON.parse(line.slice(marker.length + 1)) as T) : undefined });
    });
  });
}
