import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireStoreLock, lockFileFor, StoreLockedError } from '../db/lock.ts';
import { claimStore, OWNER_TOKEN_HEADER } from './remote.ts';

// The decision every process makes before it touches the store, against a stand-in for a running server:
// a plain HTTP server answering /health and /v1/tools/<name> the way server/http does.
const dir = mkdtempSync(path.join(os.tmpdir(), 'dealwise-remote-'));
const seen: { url: string; headers: IncomingHttpHeaders; body: string }[] = [];
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', headers: req.headers, body });
      res.setHeader('content-type', 'application/json');
      if (req.url === '/health') return res.end('{"status":"ok"}');
      if (req.headers[OWNER_TOKEN_HEADER] !== 'the-token') return res.writeHead(401).end('{"ok":false,"error":{"code":"forbidden:owner_token","message":"wrong token"}}');
      if (req.url === '/v1/tools/lead_search') return res.end(JSON.stringify({ ok: true, data: { echoed: JSON.parse(body) } }));
      res.writeHead(404).end('{"message":"Route POST:/v1/tools/nope not found","statusCode":404}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

// a lock naming a live process other than this one (our parent), as another owner's would
const lockAs = (name: string, info: Record<string, unknown>) => {
  const store = path.join(dir, name, 'pglite');
  return acquireStoreLock(store, 'x').then(async (lock) => {
    await lock.release();
    writeFileSync(lockFileFor(store), JSON.stringify({ pid: process.ppid, host: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', url: null, token: 'the-token', ...info }));
    return path.join(dir, name);
  });
};

describe('claimStore', () => {
  it('with DATABASE_URL: every process owns its connection, nothing is locked', async () => {
    expect(await claimStore({ DATABASE_URL: 'postgres://u@localhost/db', DATA_DIR: dir }, 'ingest')).toEqual({ mode: 'own', lock: undefined });
  });

  it('with nobody holding the embedded store: the lock, to hand to openRuntime', async () => {
    const access = await claimStore({ DATABASE_URL: undefined, DATA_DIR: path.join(dir, 'free') }, 'ingest');
    expect(access.mode).toBe('own');
    if (access.mode !== 'own') return;
    expect(access.lock?.info).toMatchObject({ pid: process.pid, command: 'ingest' });
    await access.lock?.release();
  });

  it('with a server holding it: that server, reached with the owner token from the lock file', async () => {
    const dataDir = await lockAs('served', { command: 'server', url });
    const access = await claimStore({ DATABASE_URL: undefined, DATA_DIR: dataDir }, 'mcp');
    expect(access.mode).toBe('remote');
    if (access.mode !== 'remote') return;
    expect(await access.client.call('lead_search', { query: 'dana' })).toEqual({ ok: true, data: { echoed: { query: 'dana' } } });
    expect(seen.at(-1)).toMatchObject({ url: '/v1/tools/lead_search', headers: { [OWNER_TOKEN_HEADER]: 'the-token', 'content-type': 'application/json' } });
    // a route miss is a tool error, not an exception
    expect(await access.client.call('nope', {})).toEqual({ ok: false, error: { code: 'internal', message: `the Dealwise server at ${url} answered 404: Route POST:/v1/tools/nope not found` } });
  });

  it('with another process holding it and serving nothing: one clear refusal', async () => {
    const dataDir = await lockAs('held', { command: 'mcp' });
    const refused = await claimStore({ DATABASE_URL: undefined, DATA_DIR: dataDir }, 'ingest').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreLockedError);
    expect((refused as Error).message).toBe(`The embedded store is in use by \`npm run mcp\` (pid ${process.ppid}, since 2026-01-01T00:00:00.000Z); one process at a time may open it`);
  });
});
