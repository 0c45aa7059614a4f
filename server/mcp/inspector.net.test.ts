import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../tools/index.ts';

// A third-party MCP client against the real entry points: the MCP Inspector CLI 2.12 (npx fetches it from the
// registry, hence `npm run test:inspector`, outside `npm test`). A server runs on a fresh folder; the Inspector
// lists and calls tools on its Streamable HTTP endpoint and through `npm run mcp` (stdio, bridged to it).

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'dealwise-inspector-'));
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, PORT: '0', DEMO_SCALE: '0.05', LOG_LEVEL: 'warn' };
const INSPECTOR = ['-y', '@modelcontextprotocol/inspector@2.12.0', '--cli'];

let server: ChildProcess;
let url = '';

async function inspector(args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run('npx', [...INSPECTOR, ...args], { cwd: root, env: { ...process.env, ...env }, timeout: 240_000, maxBuffer: 32 * 1024 * 1024 });
  // one JSON document on stdout
  return JSON.parse(stdout.slice(stdout.indexOf('{'))) as Record<string, unknown>;
}
const stdio = ['-e', `DATA_DIR=${dataDir}`, '-e', 'LOG_LEVEL=warn', '--cwd', root, '--', process.execPath, '--import', 'tsx', 'server/mcp/stdio.ts'];
const names = (listing: Record<string, unknown>) => (listing.tools as { name: string }[]).map((t) => t.name).sort();

beforeAll(async () => {
  server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /health\s+(http:\/\/\S+)\/health/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}, 600_000);
afterAll(async () => {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the MCP Inspector CLI 2.12 as a client', () => {
  it('lists and calls tools over Streamable HTTP, and a toolset at /mcp/<toolset>', async () => {
    expect(names(await inspector([`${url}/mcp`, '--transport', 'http', '--method', 'tools/list']))).toEqual(registry.names());
    expect(names(await inspector([`${url}/mcp/analytics`, '--transport', 'http', '--method', 'tools/list']))).toContain('forecast');
    const called = await inspector([`${url}/mcp`, '--transport', 'http', '--method', 'tools/call', '--tool-name', 'lead_search', '--tool-arg', 'query=a']);
    expect(called.isError).toBeFalsy();
    expect((called.structuredContent as { page: { total: number } }).page.total).toBeGreaterThan(0);
  }, 600_000);

  it('lists and calls tools over stdio (npm run mcp bridged to the running server), with --toolset', async () => {
    expect(names(await inspector(['--method', 'tools/list', ...stdio]))).toEqual(registry.names());
    const readOnly = await inspector(['--method', 'tools/list', ...stdio, '--toolset', 'read-only']);
    expect((readOnly.tools as { annotations: { readOnlyHint: boolean } }[]).every((t) => t.annotations.readOnlyHint)).toBe(true);
    const called = await inspector(['--method', 'tools/call', '--tool-name', 'pipeline_summary', ...stdio]);
    expect(called.isError).toBeFalsy();
    expect(called.structuredContent).toHaveProperty('totals');
  }, 600_000);
});
