import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// Local HTTP servers that speak the providers' wire protocols (OpenAI chat completions with tool calls and SSE
// streaming; Anthropic messages with tool_use blocks and its event stream), so the real client code runs in tests.

export interface WireReply {
  text?: string;
  toolCalls?: { id: string; name: string; args: Record<string, unknown> }[];
  /** answer with this HTTP error status instead */
  status?: number;
}

export interface WireServer {
  url: string;
  /** every request body received, in order */
  requests: Record<string, unknown>[];
  close(): Promise<void>;
}

type Handler = (body: Record<string, unknown>, index: number) => WireReply;

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

async function serve(path: string, write: (reply: WireReply, body: Record<string, unknown>, response: ServerResponse) => void, handler: Handler, urlSuffix: string): Promise<WireServer> {
  const requests: Record<string, unknown>[] = [];
  const server = createServer((request, response) => {
    void (async () => {
      if (request.method !== 'POST' || !request.url?.endsWith(path)) {
        response.writeHead(404).end();
        return;
      }
      const body = await readJson(request);
      requests.push(body);
      const reply = handler(body, requests.length - 1);
      if (reply.status) {
        response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { type: 'error', message: `status ${reply.status}` } }));
        return;
      }
      write(reply, body, response);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${urlSuffix}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Splits text in a few pieces, as a streaming model would. */
function pieces(text: string): string[] {
  const words = text.split(/(?<= )/);
  return words.length > 1 ? words : [text];
}

export function startOpenAIWire(handler: Handler): Promise<WireServer> {
  return serve(
    '/chat/completions',
    (reply, body, response) => {
      const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1_700_000_000, model: String(body.model) };
      const finish = reply.toolCalls?.length ? 'tool_calls' : 'stop';
      if (body.stream !== true) {
        const message = { role: 'assistant', content: reply.text ?? null, ...(reply.toolCalls?.length ? { tool_calls: reply.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.args) } })) } : {}) };
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: finish }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }));
        return;
      }
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const send = (delta: Record<string, unknown>, finishReason: string | null = null) =>
        response.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`);
      send({ role: 'assistant', content: '' });
      for (const piece of reply.text ? pieces(reply.text) : []) send({ content: piece });
      (reply.toolCalls ?? []).forEach((call, index) => {
        const args = JSON.stringify(call.args);
        const half = Math.ceil(args.length / 2);
        send({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: args.slice(0, half) } }] });
        send({ tool_calls: [{ index, function: { arguments: args.slice(half) } }] });
      });
      send({}, finish);
      response.end('data: [DONE]\n\n');
    },
    handler,
    '/v1',
  );
}

export function startAnthropicWire(handler: Handler): Promise<WireServer> {
  return serve(
    '/v1/messages',
    (reply, body, response) => {
      const stopReason = reply.toolCalls?.length ? 'tool_use' : 'end_turn';
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const send = (type: string, data: Record<string, unknown>) => response.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
      send('message_start', { message: { id: 'msg_1', type: 'message', role: 'assistant', content: [], model: String(body.model), stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } } });
      let index = 0;
      if (reply.text) {
        send('content_block_start', { index, content_block: { type: 'text', text: '' } });
        for (const piece of pieces(reply.text)) send('content_block_delta', { index, delta: { type: 'text_delta', text: piece } });
        send('content_block_stop', { index });
        index += 1;
      }
      for (const call of reply.toolCalls ?? []) {
        send('content_block_start', { index, content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} } });
        const args = JSON.stringify(call.args);
        const half = Math.ceil(args.length / 2);
        send('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: args.slice(0, half) } });
        send('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: args.slice(half) } });
        send('content_block_stop', { index });
        index += 1;
      }
      send('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 5 } });
      send('message_stop', {});
      response.end();
    },
    handler,
    '',
  );
}
