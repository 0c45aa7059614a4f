import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leads } from '../../db/schema/index.ts';
import type { FixtureOrg } from '../../test/helpers/org.ts';
import { createFixtureRuntime } from '../../test/helpers/runtime.ts';
import { localActor } from '../../tools/core/services.ts';
import { registry } from '../../tools/index.ts';
import type { Runtime } from '../../tools/runtime.ts';
import { buildApp } from './app.ts';

describe('tools over HTTP', () => {
  let app: FastifyInstance;
  let runtime: Runtime;
  let org: FixtureOrg;

  beforeAll(async () => {
    ({ runtime, org } = await createFixtureRuntime());
    await runtime.db.insert(leads).values({ fullName: 'Dana Ruiz', email: 'dana@acme.com', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId });
    app = await buildApp({
      log: runtime.log,
      readiness: { runtime: () => runtime, startedAt: new Date() },
      registry,
      actorFor: () => localActor(runtime, 'admin@dealwise.demo'),
    });
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  it('lists every registry tool with its JSON Schemas', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/tools' });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { tools: { name: string; inputSchema: { properties: Record<string, unknown> } }[] };
    expect(body.tools.map((t) => t.name)).toEqual(registry.names());
    expect(body.tools.find((t) => t.name === 'lead_search')?.inputSchema.properties).toHaveProperty('query');
  });

  it('runs a tool with the JSON body as its input', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/tools/lead_search', payload: { query: 'dana' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: true, data: { leads: [{ fullName: 'Dana Ruiz', account: 'Acme Corp', owner: 'Anna Rep' }], page: { total: 1 } } });
  });

  it('answers 400 for an unknown key, naming it, and lists closed input schemas', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/tools/lead_search', payload: { query: 'dana', limt: 5 } });
    expect(response.statusCode).toBe(400);
    const body = response.json() as { ok: boolean; error: { code: string; issues: { field: string; message: string }[] } };
    expect(body).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'limt' }] } });
    expect(body.error.issues[0]!.message).toContain('did you mean "limit"?');
    const listing = (await app.inject({ method: 'GET', url: '/v1/tools' })).json() as { tools: { name: string; inputSchema: { additionalProperties?: unknown } }[] };
    expect(listing.tools.find((t) => t.name === 'lead_search')?.inputSchema.additionalProperties).toBe(false);
  });

  it('maps misses to HTTP statuses with the tool error as the body', async () => {
    const bad = await app.inject({ method: 'POST', url: '/v1/tools/lead_search', payload: { limit: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'limit' }] } });
    const missing = await app.inject({ method: 'POST', url: '/v1/tools/lead_set_stage', payload: { lead: 'nobody@nowhere.io', stage: 'qualified', reason: 'because' } });
    expect(missing.statusCode).toBe(404);
    const unknown = await app.inject({ method: 'POST', url: '/v1/tools/no_such_tool', payload: {} });
    expect(unknown.statusCode).toBe(404);
  });

  it('answers 503 with a reason when the local user does not exist', async () => {
    const orphan = await buildApp({
      log: runtime.log,
      readiness: { runtime: () => runtime, startedAt: new Date() },
      registry,
      actorFor: () => localActor(runtime, 'ghost@dealwise.demo'),
    });
    const response = await orphan.inject({ method: 'POST', url: '/v1/tools/lead_search', payload: {} });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ ok: false, error: { code: 'config:local_user', message: 'The local user ghost@dealwise.demo does not exist in the store' } });
    await orphan.close();
  });

  it('acts for the bridge and CLIs that send the owner token, and refuses a wrong one', async () => {
    const owned = await buildApp({
      log: runtime.log,
      readiness: { runtime: () => runtime, startedAt: new Date() },
      registry,
      actorFor: () => localActor(runtime, 'admin@dealwise.demo'),
      ownerToken: 'token-from-the-lock-file',
    });
    const call = (headers: Record<string, string>) => owned.inject({ method: 'POST', url: '/v1/tools/lead_search', payload: { query: 'dana' }, headers });
    expect((await call({ 'x-dealwise-owner-token': 'token-from-the-lock-file' })).json()).toMatchObject({ ok: true, data: { page: { total: 1 } } });
    // loopback without a token still acts as the local user, as before
    expect((await call({})).statusCode).toBe(200);
    const wrong = await call({ 'x-dealwise-owner-token': 'left-from-an-old-server' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ ok: false, error: { code: 'forbidden:owner_token' } });
    await owned.close();
  });
});
