import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../tools/index.ts';

// Issue 17 as a user meets it: `npm start`, then Claude Desktop's `npm run mcp` and `npm run ingest` on
// the same embedded folder. One process owns the store; the others go through it; every write survives
// a restart, and a kill -9 leaves a lock the next start takes over.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// as the npm scripts run them: node itself with tsx's loader, so signals reach our handlers directly
const node = (script: string) => ({ command: process.execPath, args: ['--import', 'tsx', script] });
const dataDir = mkdtempSync(path.join(tmpdir(), 'dealwise-owner-'));
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, PORT: '0', DEMO_SCALE: '0.05', LOG_LEVEL: 'warn', BRIEFINGS_ENABLED: 'false' };
const lockFile = path.join(dataDir, 'pglite.lock');

interface Server {
  child: ChildProcess;
  url: string;
}

function startServer(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(node('server/main.ts').command, node('server/main.ts').args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /health\s+(http:\/\/\S+)\/health/.exec(stdout);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before it was ready:\n${stderr}`)));
  });
}

function stopServer(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function tool<T>(server: Server, name: string, input: unknown): Promise<T> {
  const response = await fetch(`${server.url}/v1/tools/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  const body = (await response.json()) as { ok: boolean; data: T; error?: unknown };
  if (!body.ok) throw new Error(`${name}: ${JSON.stringify(body.error)}`);
  return body.data;
}

const stageOf = async (server: Server, lead: string) => (await tool<{ lead: { lifecycleStage: string } }>(server, 'lead_get', { lead })).lead.lifecycleStage;
const lockPid = () => (JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number }).pid;

describe('one owner for the embedded store', () => {
  let server: Server;
  let leads: { id: string; fullName: string }[];
  const transcript = path.join(dataDir, 'demo-files', 'negotiation-call.srt');

  beforeAll(async () => {
    server = await startServer();
    leads = (await tool<{ leads: { id: string; fullName: string }[] }>(server, 'lead_search', { lifecycleStage: 'new', limit: 2 })).leads;
    expect(leads).toHaveLength(2);
  });
  afterAll(async () => {
    if (server?.child.exitCode === null) await stopServer(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second server on the same folder with one line naming the owner', async () => {
    const second = await run(['server/main.ts']);
    expect(second.code).toBe(1);
    expect(second.stderr.trim()).toMatch(new RegExp(`^A Dealwise server already runs on this store: the Dealwise server \\(pid ${lockPid()} at ${server.url.replace(/[.]/g, '\\.')}, since [^)]+\\)\\. Use that one, or stop it first\\.$`));
  });

  it('takes writes through HTTP, the MCP bridge and the ingest CLI into the one store, and keeps them all over a restart', async () => {
    const viaHttp = leads[0]!;
    const viaMcp = leads[1]!;
    await tool(server, 'lead_set_stage', { lead: viaHttp.id, stage: 'contacted', reason: 'called back over HTTP' });

    // the README's Claude Desktop entry, started from elsewhere as Claude does, with the server running: it bridges
    // it declares elicitation: the write is proposed on the server, shown here, approved, then carried out there
    const client = new Client({ name: 'owner-test', version: '1.0.0' }, { capabilities: { elicitation: { form: {} } } });
    let asked = '';
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      asked = request.params.message;
      return { action: 'accept', content: { approve: true } };
    });
    await client.connect(new StdioClientTransport({ command: 'npm', args: ['--prefix', root, 'run', '--silent', 'mcp'], cwd: tmpdir(), env, stderr: 'pipe' }));
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(registry.names());
      const set = await client.callTool({ name: 'lead_set_stage', arguments: { lead: viaMcp.id, stage: 'contacted', reason: 'replied in Claude' } });
      expect(set.structuredContent).toMatchObject({ leadId: viaMcp.id, from: 'new', to: 'contacted', changed: true });
      expect(asked).toContain('"to": "contacted"');
    } finally {
      await client.close();
    }
    // the server sees the MCP write at once: same store, not a second copy
    expect(await stageOf(server, viaMcp.id)).toBe('contacted');

    const ingest = await run(['tools/ingest/cli.ts', transcript]);
    expect(ingest.code).toBe(0);
    expect(ingest.stderr).toContain('a server holds the store; importing through it');
    expect(ingest.stdout).toContain('imported     1');

    expect(await stopServer(server.child)).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
    server = await startServer();
    expect(await stageOf(server, viaHttp.id)).toBe('contacted');
    expect(await stageOf(server, viaMcp.id)).toBe('contacted');
    // the transcript is stored: importing it again changes nothing
    const again = await run(['tools/ingest/cli.ts', transcript]);
    expect(again.stdout).toContain('unchanged    1');
  }, 400_000);

  it('refuses seeding under a live server', async () => {
    const seed = await run(['db/seed/cli.ts', '--reset']);
    expect(seed.code).toBe(1);
    expect(seed.stderr.trim()).toMatch(/^seed: the Dealwise server \(pid \d+ at http:\/\/127\.0\.0\.1:\d+, since [^)]+\) holds the store at .*; stop it first \(resetting under a live server is not safe\)$/);
  });

  it('takes over the lock a kill -9 left behind, with the data intact', async () => {
    const pid = lockPid();
    expect(pid).toBe(server.child.pid);
    process.kill(pid, 'SIGKILL');
    await new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
    expect(existsSync(lockFile)).toBe(true); // nobody cleaned up
    server = await startServer();
    expect(lockPid()).not.toBe(pid);
    expect(await stageOf(server, (leads[1] as { id: string }).id)).toBe('contacted');
  });
});
