import { createServer, type Server } from 'node:http';
import { createConnection, createServer as createTcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { BriefingChannel, BriefingMessage } from '../../server/briefings/channel.ts';
import type { StandInPlatform } from './briefing-channel.ts';

// For briefing tests across processes: the stand-in platform served over HTTP (so every worker posts to
// the same one), a channel that talks to it, and a TCP barrier that holds each worker until all arrived.

const listen = (server: Server | ReturnType<typeof createTcpServer>) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

/** POST /post {target, message} -> {messageId} or 503; GET /find?target&deliveryId -> {messageId|null}. */
export async function serveStandIn(platform: StandInPlatform): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const answer = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (req.method === 'GET' && url.pathname === '/find') {
      answer(200, { messageId: platform.find(url.searchParams.get('target') ?? '', url.searchParams.get('deliveryId') ?? '') ?? null });
      return;
    }
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const { target, message } = JSON.parse(body) as { target: string; message: BriefingMessage };
      try {
        answer(200, platform.post(target, message));
      } catch (error) {
        answer(503, { error: (error as Error).message });
      }
    });
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A briefing channel posting to the served stand-in, with or without find(). */
export function standInChannel(url: string, kind: BriefingChannel['kind'], withFind: boolean): BriefingChannel {
  const post = async (target: string, message: BriefingMessage) => {
    const res = await fetch(`${url}/post`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target, message }) });
    const body = (await res.json()) as { messageId?: string; error?: string };
    if (!res.ok || !body.messageId) throw new Error(body.error ?? `stand-in answered ${res.status}`);
    return { messageId: body.messageId };
  };
  if (!withFind) return { kind, post };
  const find = async (target: string, deliveryId: string) => {
    const res = await fetch(`${url}/find?${new URLSearchParams({ target, deliveryId }).toString()}`);
    return ((await res.json()) as { messageId: string | null }).messageId ?? undefined;
  };
  return { kind, post, find };
}

/** Releases everyone (writes "go") once `parties` connections have arrived. */
export async function startBarrier(parties: number): Promise<{ port: number; close: () => Promise<void> }> {
  const waiting: Socket[] = [];
  const server = createTcpServer((socket) => {
    waiting.push(socket);
    if (waiting.length === parties) for (const s of waiting.splice(0)) s.end('go\n');
  });
  const port = await listen(server);
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Waits at the barrier on `port` until it says go. */
export function waitAtBarrier(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.on('data', (data: Buffer) => {
      if (data.toString().includes('go')) resolve();
    });
    socket.on('error', reject);
  });
}
