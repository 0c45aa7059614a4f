import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { registry } from '../../tools/index.ts';
import { deeplyNested, hostileString, hostileValue } from './arbitraries.ts';
import { fuzz, runsFor } from './config.ts';
import { objectFor } from './from-schema.ts';
import { openFuzzApp, type FuzzApp } from './http-app.ts';

// The HTTP surface through app.inject(): tool calls, chat and webhooks with malformed JSON, wrong content
// types, invalid UTF-8, huge and deeply nested bodies. Never a 500; every answer is JSON, and an error
// answer carries an error with a code (or fastify's own statusCode/message for framework-level refusals).

const listing = registry.list();
// encodeURIComponent throws on an unpaired surrogate, which no URL can carry anyway: send U+FFFD instead
const pathPart = (text: string) => encodeURIComponent(text.replace(/\p{Cs}/gu, '\ufffd'));
const names = listing.map((tool) => tool.name);

const rawBody: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.constantFrom('', '{', '{"a":', '[1,2', 'null', 'true', '"just a string"', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"x":1}}}', '{"a":1,"a":2}', '\ufeff{}', '{"lead":"\\u0000"}', '{"lead":"\\ud800"}', '1e999', '{"limit":1e308}', '{"limit":-0}'),
  fc.constantFrom(100_000, 200_000).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.constantFrom(500, 3000).map((depth) => JSON.stringify(deeplyNested(depth, 'object'))),
  fc.constant(`{"content":"${'x'.repeat(1_200_000)}"}`),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  hostileValue.map((value) => JSON.stringify(value) ?? 'undefined'),
);

const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', 'text/event-stream', undefined);

const toolName = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: hostileString.map((s) => pathPart(s.slice(0, 200))) });
const schemaBody = fc.constantFrom(...listing).chain((tool) => objectFor(tool.inputSchema).map((body) => ({ name: tool.name, body: JSON.stringify(body) })));

function answerProblem(status: number, payload: string, contentTypeHeader: string | undefined): string | undefined {
  if (status >= 500) return `status ${status}: ${payload.slice(0, 300)}`;
  if (!contentTypeHeader?.includes('json')) return `status ${status} without a JSON body (${contentTypeHeader}): ${payload.slice(0, 200)}`;
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return `status ${status} body is not JSON: ${payload.slice(0, 200)}`;
  }
  if (status >= 400) {
    const error = (body as { error?: { code?: unknown; message?: unknown } | string; message?: unknown }).error;
    const named = typeof error === 'object' && error !== null ? typeof error.code === 'string' && typeof error.message === 'string' : typeof (body as { message?: unknown }).message === 'string';
    if (!named) return `status ${status} error body names nothing: ${payload.slice(0, 200)}`;
  }
  return undefined;
}

describe('fuzz: HTTP surface (app.inject)', () => {
  let fuzzApp: FuzzApp;
  beforeAll(async () => {
    fuzzApp = await openFuzzApp();
  });
  afterAll(() => fuzzApp.close());

  const send = async (url: string, payload: string | Buffer, type: string | undefined, who: 'admin' | 'repA') => {
    const headers: Record<string, string> = { 'x-fuzz-actor': who };
    if (type) headers['content-type'] = type;
    const response = await fuzzApp.app.inject({ method: 'POST', url, payload, headers });
    const problem = answerProblem(response.statusCode, response.body, response.headers['content-type'] as string | undefined);
    if (problem) throw new Error(`POST ${url.slice(0, 120)} (${type ?? 'no content-type'}) as ${who}: ${problem}`);
  };
  const who = fc.constantFrom('admin' as const, 'repA' as const);

  it('POST /v1/tools/<name> with malformed, mistyped, huge and deep bodies', async () => {
    await fuzz('http:tools', fc.asyncProperty(toolName, rawBody, contentType, who, async (name, body, type, actor) => send(`/v1/tools/${name}`, body, type, actor)), runsFor(30));
  });

  it('POST /v1/tools/<name> with schema-shaped JSON carrying hostile values', async () => {
    await fuzz('http:tools-schema', fc.asyncProperty(schemaBody, who, async ({ name, body }, actor) => send(`/v1/tools/${name}`, body, 'application/json', actor)), runsFor(30));
  });

  it('POST /v1/webhooks/{events,leads} with malformed and hostile bodies', async () => {
    const url = fc.constantFrom('/v1/webhooks/events', '/v1/webhooks/leads');
    await fuzz('http:webhooks', fc.asyncProperty(url, rawBody, contentType, who, async (path, body, type, actor) => send(path, body, type, actor)), runsFor(20));
  });

  it('POST /v1/chat and approvals with malformed bodies and hostile messages', async () => {
    const chatBody = fc.oneof(
      rawBody,
      fc.record({ message: hostileString.map((s) => s.slice(0, 6000)), threadId: fc.option(hostileString.map((s) => s.slice(0, 200)), { nil: undefined }) }, { requiredKeys: ['message'] }).map((b) => JSON.stringify(b)),
    );
    const url = fc.oneof({ weight: 4, arbitrary: fc.constant('/v1/chat') }, { weight: 1, arbitrary: fc.tuple(hostileString, hostileString).map(([t, a]) => `/v1/chat/${pathPart(t.slice(0, 100))}/approvals/${pathPart(a.slice(0, 100))}`) });
    await fuzz('http:chat', fc.asyncProperty(url, chatBody, contentType, who, async (path, body, type, actor) => send(path, body, type, actor)), runsFor(10));
  });
});
