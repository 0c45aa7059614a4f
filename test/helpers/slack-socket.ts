import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

// A stand-in for Slack's Socket Mode endpoint: a minimal WebSocket server (RFC 6455: handshake, text, ping/pong,
// close) that greets with Slack's `hello`, sends envelopes ({ envelope_id, type, payload, ... }) and collects
// the client's acks ({ envelope_id, payload? }). The app connects to it through apps.connections.open's url.

export interface SlackSocketStandIn {
  url: string;
  /** resolves when a client has connected and been greeted */
  connected: Promise<void>;
  send(envelope: Record<string, unknown>): void;
  /** resolves with the client's ack of this envelope */
  ack(envelopeId: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const head = length < 126 ? Buffer.from([0x80 | opcode, length]) : length < 65536 ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff]) : Buffer.concat([Buffer.from([0x80 | opcode, 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(length)); return b; })()]);
  return Buffer.concat([head, payload]);
}

/** Reads whole client frames (always masked) from the buffer; returns them and the unread rest. */
function readFrames(buffer: Buffer): { frames: { opcode: number; payload: Buffer }[]; rest: Buffer } {
  const frames: { opcode: number; payload: Buffer }[] = [];
  let offset = 0;
  while (buffer.length - offset >= 2) {
    const opcode = buffer[offset]! & 0x0f;
    let length = buffer[offset + 1]! & 0x7f;
    let at = offset + 2;
    if (length === 126) {
      if (buffer.length < at + 2) break;
      length = buffer.readUInt16BE(at);
      at += 2;
    } else if (length === 127) {
      if (buffer.length < at + 8) break;
      length = Number(buffer.readBigUInt64BE(at));
      at += 8;
    }
    if (buffer.length < at + 4 + length) break;
    const mask = buffer.subarray(at, at + 4);
    const payload = Buffer.from(buffer.subarray(at + 4, at + 4 + length));
    for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
    frames.push({ opcode, payload });
    offset = at + 4 + length;
  }
  return { frames, rest: buffer.subarray(offset) };
}

export async function startSlackSocketStandIn(appId: string): Promise<SlackSocketStandIn> {
  const sockets = new Set<Duplex>();
  const acks = new Map<string, Record<string, unknown>>();
  const waiting = new Map<string, (ack: Record<string, unknown>) => void>();
  let greet!: () => void;
  const connected = new Promise<void>((resolve) => (greet = resolve));
  const server: Server = createServer((_request, response) => response.writeHead(426).end());

  server.on('upgrade', (request, socket) => {
    const key = request.headers['sec-websocket-key'];
    const accept = createHash('sha1').update(`${String(key)}${GUID}`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => sockets.delete(socket));
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      const { frames, rest } = readFrames(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const { opcode, payload } of frames) {
        if (opcode === 0x9) socket.write(frame(0xa, payload));
        else if (opcode === 0x8) socket.end(frame(0x8, payload.subarray(0, 2)));
        else if (opcode === 0x1) {
          const message = JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
          const id = String(message.envelope_id);
          acks.set(id, message);
          waiting.get(id)?.(message);
        }
      }
    });
    socket.write(frame(0x1, Buffer.from(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'applink-stand-in', build_number: 1, approximate_connection_time: 18060 }, connection_info: { app_id: appId } }))));
    greet();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/link/?ticket=stand-in`,
    connected,
    send(envelope) {
      for (const socket of sockets) socket.write(frame(0x1, Buffer.from(JSON.stringify(envelope))));
    },
    ack: (envelopeId) => (acks.has(envelopeId) ? Promise.resolve(acks.get(envelopeId)!) : new Promise((resolve) => waiting.set(envelopeId, resolve))),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
