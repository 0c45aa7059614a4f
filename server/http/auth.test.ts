import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logger.ts';
import { auditLog, leads } from '../../db/schema/index.ts';
import type { FixtureOrg } from '../../test/helpers/org.ts';
import { createFixtureRuntime } from '../../test/helpers/runtime.ts';
import { callTool } from '../../tools/core/services.ts';
import { registry } from '../../tools/index.ts';
import type { Runtime } from '../../tools/runtime.ts';
import { buildApp } from './app.ts';
import { createKeyAuth } from './auth.ts';
import { DEFAULT_LIMITS, type HttpLimits } from './limits.ts';

// Key auth over /v1/tools and /v1/me, per role: 401 without a valid key, 403 for what the role may not do,
// 404 for records outside the caller's scope; the loopback rule; rate limits; request ids; no key in logs.

describe('API key auth over HTTP', () => {
  let runtime: Runtime;
  let org: FixtureOrg;
  let danaId: string;
  const logged: string[] = [];
  const log = createLogger('trace', new Writable({ write: (chunk: Buffer, _enc, done) => (logged.push(chunk.toString()), done()) }));
  const keys: Record<'anna' | 'mia' | 'eve' | 'ada' | 'ben', string> = { anna: '', mia: '', eve: '', ada: '', ben: '' };
  const apps: FastifyInstance[] = [];

  async function app(options: { requireKeys?: boolean; limits?: Partial<HttpLimits>; ownerToken?: string } = {}) {
    const { actorFor } = createKeyAuth({ runtime: () => runtime, localUser: 'admin@dealwise.demo', requireKeys: options.requireKeys ?? false, ...(options.ownerToken ? { ownerToken: options.ownerToken } : {}) });
    const built = await buildApp({
      log, readiness: { runtime: () => runtime, startedAt: new Date() }, registry, actorFor,
      limits: { ...DEFAULT_LIMITS, ...options.limits }, ...(options.ownerToken ? { ownerToken: options.ownerToken } : {}),
    });
    apps.push(built);
    return built;
  }
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  let server: FastifyInstance;

  beforeAll(async () => {
    ({ runtime, org } = await createFixtureRuntime());
    const [dana] = await runtime.db.insert(leads).values({ fullName: 'Dana Ruiz', email: 'dana@acme.com', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId }).returning({ id: leads.id });
    danaId = dana!.id;
    await runtime.db.insert(leads).values({ fullName: 'Carl Ortiz', email: 'carl@initech.com', accountId: org.accounts.initech, ownerId: org.users.repCara.userId });
    server = await app();
  });
  afterAll(async () => {
    for (const built of apps) await built.close();
    await runtime.close();
  });

  it('acts as the local user on loopback while no key exists, and wants a key beyond loopback', async () => {
    const me = await server.inject({ method: 'GET', url: '/v1/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ ok: true, user: { id: org.users.admin.userId, email: 'admin@dealwise.demo', name: 'Ada Admin', role: 'admin', teamId: null }, auth: 'local' });
    const open = await app({ requireKeys: true });
    const refused = await open.inject({ method: 'POST', url: '/v1/tools/lead_search', payload: {} });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['www-authenticate']).toBe('Bearer');
    expect(refused.json()).toMatchObject({ ok: false, error: { code: 'unauthorized:missing_key', hint: expect.stringContaining('beyond loopback') } });
    // health stays open
    expect((await open.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });

  it('creates keys through the admin tools (shown once, stored hashed), and from then on loopback wants one too', async () => {
    const created = await server.inject({ method: 'POST', url: '/v1/tools/api_key_create', payload: { user: 'ada@nowhere.io' } });
    expect(created.statusCode).toBe(404);
    // the admin's key first, as the local user; every later call needs a key
    for (const [who, email] of [['ada', 'admin@dealwise.demo'], ['anna', 'anna.rep@dealwise.demo'], ['mia', 'mia.east@dealwise.demo'], ['eve', 'exec@dealwise.demo'], ['ben', 'ben.rep@dealwise.demo']] as const) {
      const response = await server.inject({ method: 'POST', url: '/v1/tools/api_key_create', headers: keys.ada ? bearer(keys.ada) : {}, payload: { user: email, name: `${who}'s laptop` } });
      expect(response.statusCode).toBe(200);
      const data = (response.json() as { data: { key: string; prefix: string } }).data;
      expect(data.key).toMatch(/^dw_[A-Za-z0-9_-]{43}$/);
      expect(data.key.startsWith(data.prefix)).toBe(true);
      keys[who] = data.key;
    }
    const local = await server.inject({ method: 'GET', url: '/v1/me' });
    expect(local.statusCode).toBe(401);
    expect(local.json()).toMatchObject({ ok: false, error: { code: 'unauthorized:missing_key' } });
  });

  it('acts as the key\'s user: /v1/me, and 401 for a wrong, malformed or revoked key', async () => {
    const me = await server.inject({ method: 'GET', url: '/v1/me', headers: bearer(keys.anna) });
    expect(me.json()).toEqual({ ok: true, user: { id: org.users.repAnna.userId, email: 'anna.rep@dealwise.demo', name: 'Anna Rep', role: 'rep', teamId: org.teams.east }, auth: 'key' });
    const wrong = await server.inject({ method: 'GET', url: '/v1/me', headers: bearer(`${keys.anna.slice(0, -2)}xx`) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ ok: false, error: { code: 'unauthorized:invalid_key' } });
    expect((await server.inject({ method: 'GET', url: '/v1/me', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);

    expect((await server.inject({ method: 'POST', url: '/v1/tools/lead_search', headers: bearer(keys.ben), payload: {} })).statusCode).toBe(200);
    const revoke = await server.inject({ method: 'POST', url: '/v1/tools/api_key_revoke', headers: bearer(keys.ada), payload: { key: keys.ben.slice(0, 11) } });
    expect(revoke.json()).toMatchObject({ ok: true, data: { user: 'ben.rep@dealwise.demo', changed: true } });
    // refused at once: nothing caches a key past its revoke
    const revoked = await server.inject({ method: 'POST', url: '/v1/tools/lead_search', headers: bearer(keys.ben), payload: {} });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json()).toMatchObject({ error: { code: 'unauthorized:invalid_key' } });
  });

  it('answers 404 for records outside the caller\'s scope, read or write, and 403 only for what the role may not do', async () => {
    const as = (key: string, tool: string, payload: unknown) => server.inject({ method: 'POST', url: `/v1/tools/${tool}`, headers: bearer(key), payload: payload as object });
    // Anna (rep, east) sees her Dana, not Cara's Carl
    expect((await as(keys.anna, 'lead_get', { lead: 'Dana Ruiz' })).statusCode).toBe(200);
    const hidden = await as(keys.anna, 'lead_get', { lead: 'Carl Ortiz' });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toMatchObject({ ok: false, error: { code: 'not_found:lead' } });
    expect((await as(keys.anna, 'lead_set_stage', { lead: 'Carl Ortiz', stage: 'contacted', reason: 'called him' })).statusCode).toBe(404);
    // Mia manages east: Dana yes, Carl (west) no
    expect((await as(keys.mia, 'lead_get', { lead: 'Dana Ruiz' })).statusCode).toBe(200);
    expect((await as(keys.mia, 'lead_get', { lead: 'Carl Ortiz' })).statusCode).toBe(404);
    // Eve (exec) reads everything and writes nothing
    expect((await as(keys.eve, 'lead_get', { lead: 'Carl Ortiz' })).statusCode).toBe(200);
    const execWrite = await as(keys.eve, 'lead_set_stage', { lead: 'Dana Ruiz', stage: 'contacted', reason: 'called her' });
    expect(execWrite.statusCode).toBe(403);
    expect(execWrite.json()).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('read-only') } });
    // a rep calling an admin tool
    expect((await as(keys.anna, 'api_key_create', { user: 'anna.rep@dealwise.demo' })).statusCode).toBe(403);
    expect((await as(keys.mia, 'user_list', {})).statusCode).toBe(403);
    expect((await as(keys.ada, 'user_list', {})).statusCode).toBe(200);
  });

  it('keeps a well-formed X-Request-Id, echoes it, and writes it to the audit row; replaces a malformed one', async () => {
    const response = await server.inject({
      method: 'POST', url: '/v1/tools/lead_set_stage', headers: { ...bearer(keys.anna), 'x-request-id': 'req-auth.test:1' },
      payload: { lead: 'Dana Ruiz', stage: 'contacted', reason: 'first call done' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-request-id']).toBe('req-auth.test:1');
    const rows = await runtime.db.select({ requestId: auditLog.requestId, actorId: auditLog.actorId }).from(auditLog).where(eq(auditLog.recordId, danaId));
    expect(rows).toEqual([{ requestId: 'req-auth.test:1', actorId: org.users.repAnna.userId }]);
    const odd = await server.inject({ method: 'GET', url: '/v1/me', headers: { ...bearer(keys.anna), 'x-request-id': 'two words\nand a newline' } });
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(logged.some((line) => line.includes('"reqId":"req-auth.test:1"'))).toBe(true);
  });

  it('answers 429 in the shared shape with Retry-After past the per-key rate, counting each key alone', async () => {
    const limited = await app({ limits: { perKeyPerMinute: 3 } });
    const me = (key: string) => limited.inject({ method: 'GET', url: '/v1/me', headers: bearer(key) });
    for (let i = 0; i < 3; i += 1) expect((await me(keys.mia)).statusCode).toBe(200);
    const over = await me(keys.mia);
    expect(over.statusCode).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(over.json()).toMatchObject({ ok: false, error: { code: 'rate_limited', message: 'More than 3 requests a minute with this credential' } });
    expect((await me(keys.eve)).statusCode).toBe(200);
  });

  it('refuses an address after too many failed authentications, even with a good key, until its minute is over', async () => {
    const guarded = await app({ limits: { authFailuresPerMinute: 2 } });
    const me = (key: string) => guarded.inject({ method: 'GET', url: '/v1/me', headers: bearer(key) });
    expect((await me('dw_guessing_one_two_three_four')).statusCode).toBe(401);
    expect((await me('dw_guessing_one_two_three_five')).statusCode).toBe(401);
    const blocked = await me(keys.eve);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ ok: false, error: { code: 'rate_limited', message: 'Too many failed authentications from this address' } });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('lets the bridges and CLIs that send the owner token act as the local user, keys or not', async () => {
    const owned = await app({ requireKeys: true, ownerToken: 'token-from-the-lock-file' });
    const me = await owned.inject({ method: 'GET', url: '/v1/me', headers: { 'x-dealwise-owner-token': 'token-from-the-lock-file' } });
    expect(me.json()).toMatchObject({ ok: true, user: { email: 'admin@dealwise.demo' }, auth: 'local' });
    expect((await owned.inject({ method: 'GET', url: '/v1/me', headers: { 'x-dealwise-owner-token': 'an-old-token' } })).statusCode).toBe(401);
  });

  it('holds bodies to the limit, with more room for ingest_* calls', async () => {
    const small = await app({ limits: { bodyBytes: 2048, uploadBytes: 65_536 } });
    const big = { query: 'x'.repeat(4000) };
    expect((await small.inject({ method: 'POST', url: '/v1/tools/lead_search', headers: bearer(keys.ada), payload: big })).statusCode).toBe(413);
    // the same size through an ingest tool passes the size check and reaches the tool (which wants a real CSV)
    const upload = await small.inject({ method: 'POST', url: '/v1/tools/ingest_crm_csv', headers: bearer(keys.ada), payload: { content: 'x'.repeat(4000) } });
    expect(upload.statusCode).not.toBe(413);
    expect((upload.json() as { ok: boolean }).ok).toBe(false);
  });

  it('never writes a key to the log or the audit log', async () => {
    const direct = await callTool(registry, runtime, org.users.admin, 'api_key_create', { user: 'cara.rep@dealwise.demo' }, 'req-direct');
    expect(direct.ok).toBe(true);
    const all = [...Object.values(keys), (direct as { data: { key: string } }).data.key];
    expect(all.every((key) => key.length === 46)).toBe(true);
    const audit = JSON.stringify(await runtime.db.select().from(auditLog));
    expect(audit).toContain('api_key.created');
    const text = logged.join('');
    expect(text.length).toBeGreaterThan(1000);
    for (const key of all) {
      expect(text.includes(key), 'key in log').toBe(false);
      expect(audit.includes(key), 'key in audit').toBe(false);
      // nor its secret part alone
      expect(audit.includes(key.slice(11)), 'key body in audit').toBe(false);
    }
  });
});
