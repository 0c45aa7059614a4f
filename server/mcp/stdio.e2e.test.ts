import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db/client.ts';
import { demoTemplateBlob } from '../../test/helpers/demo.ts';
import { registry } from '../../tools/index.ts';

// `npm run mcp` as an MCP client (Claude, an IDE) starts it: a child process speaking JSON-RPC on stdio.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('MCP over stdio', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dealwise-mcp-'));
  let client: Client;

  beforeAll(async () => {
    // DATA_DIR holds the run's seeded demo org already (seeding on first start is what start.e2e tests):
    // the server opens it as a later start would, instead of seeding for seconds
    const store = await openStore({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite'), loadDataDir: await demoTemplateBlob(0.05) });
    await store.close();
    const transport = new StdioClientTransport({
      // node with tsx's loader, without the tsx wrapper process in between (one node start-up fewer)
      command: process.execPath,
      args: ['--import', 'tsx', 'server/mcp/stdio.ts'],
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, DEMO_SCALE: '0.05', LOG_LEVEL: 'warn' },
      stderr: 'pipe',
    });
    client = new Client({ name: 'stdio-test', version: '1.0.0' });
    await client.connect(transport);
  });
  afterAll(async () => {
    await client?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists every registry tool', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(registry.names());
  });

  it('answers a tool call on the seeded demo org as the local admin', async () => {
    const result = await client.callTool({ name: 'lead_search', arguments: { query: 'a', limit: 3 } });
    expect(result.isError).toBeFalsy();
    const data = result.structuredContent as { leads: unknown[]; page: { total: number } };
    expect(data.leads).toHaveLength(3);
    expect(data.page.total).toBeGreaterThan(3);
  });
});
