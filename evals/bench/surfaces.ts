import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { systemClock } from '../../core/clock.ts';
import { parseEnv } from '../../core/env.ts';
import { silentLogger } from '../../core/logger.ts';
import { percentile } from '../../core/stats/descriptive.ts';
import { localActor } from '../../tools/core/services.ts';
import { registry } from '../../tools/index.ts';
import { openRuntime } from '../../tools/runtime.ts';

// `npm run bench:surfaces [-- --runs 200 --scale 0.05]`: one read tool (lead_search) called directly through the
// registry, over HTTP POST /v1/tools, over MCP Streamable HTTP, and over MCP stdio (`npm run mcp` bridged to
// the running server, and owning a store of its own), as the local admin on the same seeded demo org.

const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' }, scale: { type: 'string', default: '0.05' } } });
const runs = Number(values.runs);
const WARMUP = 10;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TOOL = 'lead_search';
const INPUT = { query: 'a', limit: 10 };

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dealwise-bench-'));
  dirs.push(dir);
  return dir;
};
const envFor = (dataDir: string) => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, DEMO_SCALE: values.scale, PORT: '0', LOG_LEVEL: 'warn' });

async function measure(label: string, call: () => Promise<boolean>): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < runs + WARMUP; i++) {
    const start = performance.now();
    if (!(await call())) throw new Error(`${label}: the call failed`);
    if (i >= WARMUP) times.push(performance.now() - start);
  }
  return `${label.padEnd(34)} ${percentile(times, 0.5)!.toFixed(2).padStart(8)} ${percentile(times, 0.95)!.toFixed(2).padStart(8)} ${String(times.length).padStart(5)}`;
}

function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, env: envFor(dataDir), stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /health\s+(http:\/\/\S+)\/health/.exec(out);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function stdioClient(dataDir: string): Promise<Client> {
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: ['--import', 'tsx', 'server/mcp/stdio.ts'], cwd: root, env: envFor(dataDir), stderr: 'ignore' }));
  // the first call waits for the store (and its seed)
  for (;;) {
    const result = await client.callTool({ name: TOOL, arguments: INPUT }, undefined, { timeout: 600_000 });
    if (!result.isError) return client;
  }
}

const lines: string[] = [];
const header = `${'surface'.padEnd(34)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'n'.padStart(5)}`;

// directly: the registry in process, on a store seeded like the server's
const direct = await openRuntime({ env: parseEnv(envFor(tempDir())), clock: systemClock, log: silentLogger, command: 'bench' });
const admin = await localActor(direct, 'admin@dealwise.demo');
lines.push(await measure('direct (registry.execute)', async () => (await registry.execute(TOOL, INPUT, admin, { db: direct.db, log: silentLogger, now: new Date(), embedder: direct.embedder })).ok));
await direct.close();

const serverDir = tempDir();
const server = await startServer(serverDir);
try {
  lines.push(
    await measure('HTTP POST /v1/tools/lead_search', async () => {
      const response = await fetch(`${server.url}/v1/tools/${TOOL}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(INPUT) });
      return ((await response.json()) as { ok: boolean }).ok;
    }),
  );
  const http = new Client({ name: 'bench', version: '1.0.0' });
  await http.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
  lines.push(await measure('MCP Streamable HTTP (/mcp)', async () => !(await http.callTool({ name: TOOL, arguments: INPUT })).isError));
  await http.close();
  const bridged = await stdioClient(serverDir);
  lines.push(await measure('MCP stdio, bridged to the server', async () => !(await bridged.callTool({ name: TOOL, arguments: INPUT })).isError));
  await bridged.close();
} finally {
  server.child.kill('SIGTERM');
  await new Promise((resolve) => server.child.once('exit', resolve));
}
const owner = await stdioClient(tempDir());
lines.push(await measure('MCP stdio, owning its store', async () => !(await owner.callTool({ name: TOOL, arguments: INPUT })).isError));
await owner.close();

process.stdout.write(`${TOOL} ${JSON.stringify(INPUT)} as the local admin, demo org at scale ${values.scale}, ${runs} runs after ${WARMUP} warm-up\n\n${header}\n${'-'.repeat(header.length)}\n${lines.join('\n')}\n`);
for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
