import type { FastifyInstance, FastifyRequest, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import { silentLogger } from '../../core/logger.ts';
import { createCopilot } from '../../graph/copilot.ts';
import type { FixtureOrg } from '../../test/helpers/org.ts';
import { createFixtureRuntime } from '../../test/helpers/runtime.ts';
import { scriptedModel } from '../../test/helpers/scripted-model.ts';
import { copilotServices } from '../../tools/copilot/services.ts';
import { registry } from '../../tools/index.ts';
import type { Runtime } from '../../tools/runtime.ts';
import { buildApp } from './app.ts';
import { errorShape } from './chat-schemas.ts';
import { routesOf } from './openapi.ts';

// Every kind of failure answers { ok: false, error: { code, message, hint?, issues? } } and nothing else;
// the OpenAPI document covers every route and every tool.

const model = scriptedModel({ route: () => ({ kind: 'decline', text: 'no' }), step: () => ({ kind: 'answer', text: 'no' }) });
const strictError = errorShape.strict();

describe('one error shape, and the OpenAPI document', () => {
  let runtime: Runtime;
  let org: FixtureOrg;
  let app: FastifyInstance;
  let starting: FastifyInstance;

  // x-test-user picks the fixture user; "nobody" is an unknown key
  const actorFor = async (request: FastifyRequest) => {
    const who = request.headers['x-test-user'];
    if (who === 'nobody') throw new AppError('unauthorized:key', 'That API key is not valid', { hint: 'create one with npm run keys' });
    return org.users[(who as keyof FixtureOrg['users'] | undefined) ?? 'admin'];
  };

  beforeAll(async () => {
    ({ runtime, org } = await createFixtureRuntime());
    const copilot = createCopilot({ model, services: copilotServices(runtime, registry) });
    app = await buildApp({ log: runtime.log, readiness: { runtime: () => runtime, startedAt: new Date() }, registry, actorFor, copilot: () => copilot });
    // stand-ins for what other parts throw: a rate limit plugin's 429 and a plain bug
    app.get('/test/limited', async (_request, reply) => {
      reply.header('retry-after', '7');
      throw Object.assign(new Error('Rate limit exceeded'), { statusCode: 429 });
    });
    app.get('/test/bug', async () => {
      throw new Error('secret internals');
    });
    starting = await buildApp({ log: silentLogger, readiness: { runtime: () => undefined, startedAt: new Date() }, registry, actorFor, copilot: () => undefined });
  });
  afterAll(async () => {
    await app.close();
    await starting.close();
    await runtime.close();
  });

  async function expectError(server: FastifyInstance, request: InjectOptions, status: number, code: string) {
    const response = await server.inject(request);
    expect(response.statusCode).toBe(status);
    const body = response.json();
    expect(strictError.safeParse(body).success, JSON.stringify(body)).toBe(true);
    expect(body.error.code).toBe(code);
    return body.error as { code: string; message: string; hint?: string; issues?: { field: string; message: string }[] };
  }
  const json = { 'content-type': 'application/json' };

  it('malformed, empty, oversized and wrongly typed bodies', async () => {
    for (const url of ['/v1/chat', '/v1/tools/lead_search', '/v1/webhooks/leads']) {
      const error = await expectError(app, { method: 'POST', url, headers: json, payload: '{"message": "hi",' }, 400, 'invalid_input:json');
      expect(error.message).toBe('The body is not valid JSON');
    }
    await expectError(app, { method: 'POST', url: '/v1/chat', headers: json, payload: '' }, 400, 'invalid_input:json');
    await expectError(app, { method: 'POST', url: '/v1/tools/lead_search', headers: json, payload: JSON.stringify({ query: 'x'.repeat(1_100_000) }) }, 413, 'payload_too_large');
    await expectError(app, { method: 'POST', url: '/v1/tools/lead_search', headers: { 'content-type': 'application/xml' }, payload: '<a/>' }, 415, 'unsupported_media_type');
  });

  it('schema misses name the field', async () => {
    const chat = await expectError(app, { method: 'POST', url: '/v1/chat', payload: { message: '  ' } }, 400, 'invalid_input');
    expect(chat.issues).toEqual([{ field: 'message', message: 'say something' }]);
    const edit = await expectError(app, { method: 'POST', url: '/v1/chat/t1/approvals/a1', payload: { decision: 'edit' } }, 400, 'invalid_input');
    expect(edit.issues).toEqual([{ field: 'input', message: 'an edit needs the changed fields' }]);
    const limit = await expectError(app, { method: 'GET', url: '/v1/threads?limit=500' }, 400, 'invalid_input');
    expect(limit.issues![0]!.field).toBe('limit');
    const tool = await expectError(app, { method: 'POST', url: '/v1/tools/lead_search', payload: { limt: 5 } }, 400, 'invalid_input');
    expect(tool.issues![0]).toMatchObject({ field: 'limt', message: expect.stringContaining('did you mean "limit"?') });
  });

  it('unknown routes and tools, records out of scope, unknown threads', async () => {
    const route = await expectError(app, { method: 'GET', url: '/v1/nope?x=1' }, 404, 'not_found:route');
    expect(route.message).toBe('No route GET /v1/nope');
    await expectError(app, { method: 'POST', url: '/v1/tools/no_such_tool', payload: {} }, 404, 'not_found:tool');
    await expectError(app, { method: 'GET', url: '/v1/threads/never-was' }, 404, 'not_found:thread');
    await expectError(app, { method: 'GET', url: '/api/leads/00000000-0000-4000-8000-00000000ffff' }, 404, 'not_found:lead');
  });

  it('401 for a bad key on every route that acts as someone, 403 for what the role may not do', async () => {
    const nobody = { 'x-test-user': 'nobody' };
    await expectError(app, { method: 'POST', url: '/v1/chat', headers: nobody, payload: { message: 'hi' } }, 401, 'unauthorized:key');
    await expectError(app, { method: 'POST', url: '/v1/tools/lead_search', headers: nobody, payload: {} }, 401, 'unauthorized:key');
    await expectError(app, { method: 'GET', url: '/v1/tools', headers: nobody }, 401, 'unauthorized:key');
    await expectError(app, { method: 'GET', url: '/v1/threads', headers: nobody }, 401, 'unauthorized:key');
    await expectError(app, { method: 'GET', url: '/api/opportunities', headers: nobody }, 401, 'unauthorized:key');
    await expectError(app, { method: 'POST', url: '/v1/webhooks/leads', headers: nobody, payload: { fullName: 'A B', email: 'a@b.io' } }, 401, 'unauthorized:key');
    await expectError(app, { method: 'POST', url: '/v1/tools/lead_set_stage', headers: { 'x-test-user': 'exec' }, payload: { lead: 'x', stage: 'qualified', reason: 'r' } }, 403, 'forbidden');
  });

  it('429 and 500 from anywhere, and 503 while starting', async () => {
    const limited = await expectError(app, { method: 'GET', url: '/test/limited' }, 429, 'rate_limited');
    expect(limited.hint).toBe('retry in 7 s');
    const bug = await expectError(app, { method: 'GET', url: '/test/bug' }, 500, 'internal');
    expect(bug.message).not.toContain('secret');
    for (const request of [{ method: 'GET' as const, url: '/api/leads' }, { method: 'POST' as const, url: '/v1/tools/lead_search', payload: {} }, { method: 'GET' as const, url: '/readyz' }]) {
      await expectError(starting, request, 503, 'starting');
    }
    expect((await starting.inject({ method: 'GET', url: '/livez' })).json()).toEqual({ ok: true, status: 'live' });
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ ok: true, status: 'ready' });
  });

  it('documents every route and every tool in OpenAPI 3.1, with the tool schemas, and serves the docs page', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }>> };
    expect(doc.openapi).toBe('3.1.0');
    const visible = routesOf(app).filter((route) => !route.hidden && route.method !== 'HEAD' && !route.url.startsWith('/docs') && !route.url.startsWith('/test/'));
    expect(visible.length).toBeGreaterThan(registry.names().length);
    for (const route of visible) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${route.url}`).toBeDefined();
    }
    for (const name of registry.names()) expect(doc.paths[`/v1/tools/${name}`]?.post, name).toBeDefined();
    for (const path of ['/v1/chat', '/v1/chat/{threadId}/approvals/{id}', '/v1/threads', '/v1/threads/{id}', '/api/opportunities', '/api/opportunities/{id}', '/api/leads', '/api/leads/{id}', '/livez', '/readyz']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const searchBody = doc.paths['/v1/tools/lead_search']!.post!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(searchBody.properties ?? {})).toEqual(expect.arrayContaining(['query', 'scoreMin', 'limit']));
    const page = await app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });
});
