import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../tools/index.ts';

// `npm run mcp` as an MCP client (Claude, an IDE) starts it: a child process speaking JSON-RPC on stdio.
// Here nobody else holds the store, so it owns it: on an empty folder it seeds the demo org in the
// background and answers `initialize` first.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// as `npm run mcp` runs it: node with tsx's loader
const loader = ['--import', 'tsx'];
// the SDK client gives up on a request after 60 s; seeding on a loaded 2-core box can take longer
const slow = { timeout: 170_000 };

describe('MCP over stdio', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dealwise-mcp-'));
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, DEMO_SCALE: '0.05', LOG_LEVEL: 'info' };
  let client: Client;
  let transport: StdioClientTransport;
  let stderr = '';
  let logAtInitialize = '';

  beforeAll(async () => {
    transport = new StdioClientTransport({ command: process.execPath, args: [...loader, 'server/mcp/stdio.ts'], cwd: root, env, stderr: 'pipe' });
    (transport.stderr as Readable).on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    client = new Client({ name: 'stdio-test', version: '1.0.0' });
    await client.connect(transport);
    logAtInitialize = stderr;
  });
  afterAll(async () => {
    await client?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers initialize before the demo org is seeded', () => {
    // the log says when seeding finishes; it had not when the client got its answer
    expect(client.getServerVersion()).toMatchObject({ name: 'dealwise' });
    expect(logAtInitialize).not.toContain('demo org seeded');
  });

  it('lists every registry tool', async () => {
    const { tools } = await client.listTools(undefined, slow);
    expect(tools.map((t) => t.name).sort()).toEqual(registry.names());
  });

  it('answers a tool call on the seeded demo org as the local admin, once the store is ready', async () => {
    // a call waits for the seed; on a box too loaded for that it answers `starting`, and the client retries
    let result = await client.callTool({ name: 'lead_search', arguments: { query: 'a', limit: 3 } }, undefined, slow);
    for (let retry = 0; retry < 3 && result.isError; retry++) {
      expect(result.content).toEqual([{ type: 'text', text: expect.stringContaining('"code": "starting"') }]);
      result = await client.callTool({ name: 'lead_search', arguments: { query: 'a', limit: 3 } }, undefined, slow);
    }
    expect(result.isError).toBeFalsy();
    expect(stderr).toContain('demo org seeded');
    const data = result.structuredContent as { leads: unknown[]; page: { total: number } };
    expect(data.leads).toHaveLength(3);
    expect(data.page.total).toBeGreaterThan(3);
  }, 600_000);

  it('is the one owner: a server started on the same folder refuses with one line', async () => {
    const server = spawn(process.execPath, [...loader, 'server/main.ts'], { cwd: root, env: { ...env, PORT: '0', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let refused = '';
    server.stderr.on('data', (chunk: Buffer) => (refused += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => server.on('exit', resolve));
    expect(code).toBe(1);
    expect(refused.trim()).toMatch(/^The embedded store is in use by `npm run mcp` \(pid \d+, since [^)]+\); one process at a time may open it\. stop that process first, or let this command go through the running server$/);
  });

  it('ends cleanly when the client goes away, releasing the store', async () => {
    const child = (transport as unknown as { _process: { exitCode: number | null; once(e: 'exit', f: (code: number | null) => void): void } })._process;
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await client.close();
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|Unhandled|uncaught/i);
  });
});
