import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog } from '../../db/schema/index.ts';
import type { FixtureOrg } from '../../test/helpers/org.ts';
import { ORG_NOW } from '../../test/helpers/org.ts';
import { createFixtureRuntime } from '../../test/helpers/runtime.ts';
import { callTool } from '../../tools/core/services.ts';
import { registry } from '../../tools/index.ts';
import type { Runtime } from '../../tools/runtime.ts';
import { buildApp } from './app.ts';
import { createKeyAuth } from './auth.ts';
import { checkSignature, signPayload } from './webhook-signature.ts';

// Signed webhook deliveries on a server bound beyond loopback: HMAC-SHA256 over `${timestamp}.${rawBody}`.

describe('webhook signatures', () => {
  it('signs as HMAC-SHA256 over timestamp and raw body (checked against openssl dgst -sha256 -hmac)', () => {
    expect(signPayload('whsec_test', '1700000000', '{"a":1}')).toBe('38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789');
    const signed = { source: 's', timestamp: '1700000000', signatures: ['38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789'] };
    const at = (seconds: number) => new Date(seconds * 1000);
    expect(checkSignature('whsec_test', signed, Buffer.from('{"a":1}'), at(1700000000 + 300))).toEqual({ ok: true });
    expect(checkSignature('whsec_test', signed, Buffer.from('{"a":1}'), at(1700000000 - 300))).toEqual({ ok: true });
    expect(checkSignature('whsec_test', signed, Buffer.from('{"a":1}'), at(1700000000 + 301))).toMatchObject({ ok: false, code: 'unauthorized:stale' });
    expect(checkSignature('whsec_test', signed, Buffer.from('{"a": 1}'), at(1700000000))).toMatchObject({ ok: false, code: 'unauthorized:signature' });
    expect(checkSignature('whsec_other', signed, Buffer.from('{"a":1}'), at(1700000000))).toMatchObject({ ok: false, code: 'unauthorized:signature' });
  });
});

describe('signed webhooks over HTTP', () => {
  let app: FastifyInstance;
  let runtime: Runtime;
  let org: FixtureOrg;
  let secret: string;
  const now = Math.floor(ORG_NOW.getTime() / 1000);

  beforeAll(async () => {
    ({ runtime, org } = await createFixtureRuntime());
    const added = await callTool(registry, runtime, org.users.admin, 'webhook_source_add', { name: 'acme-forms', user: 'mia.east@dealwise.demo' });
    if (!added.ok) throw new Error(JSON.stringify(added.error));
    secret = (added.data as { secret: string }).secret;
    const { actorFor } = createKeyAuth({ runtime: () => runtime, localUser: 'admin@dealwise.demo', requireKeys: true });
    app = await buildApp({ log: runtime.log, readiness: { runtime: () => runtime, startedAt: ORG_NOW }, registry, actorFor });
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  const deliver = (body: string, headers: Record<string, string>) => app.inject({ method: 'POST', url: '/v1/webhooks/leads', payload: body, headers: { 'content-type': 'application/json', ...headers } });
  const signedBy = (key: string, body: string, timestamp = String(now), source = 'acme-forms') => ({
    'x-dealwise-source': source, 'x-dealwise-timestamp': timestamp, 'x-dealwise-signature': `v1=${signPayload(key, timestamp, body)}`,
  });

  it('still takes unsigned deliveries on a loopback server with no keys (the zero-config start)', async () => {
    const { actorFor } = createKeyAuth({ runtime: () => runtime, localUser: 'admin@dealwise.demo', requireKeys: false });
    const loopback = await buildApp({ log: runtime.log, readiness: { runtime: () => runtime, startedAt: ORG_NOW }, registry, actorFor });
    const body = JSON.stringify({ fullName: 'Zero Config', email: 'zero@acme.com' });
    const response = await loopback.inject({ method: 'POST', url: '/v1/webhooks/leads', payload: body, headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: true, data: { result: 'created' } });
    // a bad signature is refused there too
    const forged = await loopback.inject({ method: 'POST', url: '/v1/webhooks/leads', payload: body, headers: { 'content-type': 'application/json', ...signedBy('whsec_guess', body) } });
    await loopback.close();
    expect(forged.statusCode).toBe(401);
  });

  it('accepts a signed delivery as the source\'s user, and refuses the same delivery sent again', async () => {
    const body = JSON.stringify({ fullName: 'Priya Shah', email: 'priya@globex.com', company: 'Globex' });
    const first = await deliver(body, signedBy(secret, body));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ ok: true, data: { result: 'created', lead: 'Priya Shah' } });
    const rows = await runtime.db.select({ actorId: auditLog.actorId, recordId: auditLog.recordId }).from(auditLog).where(eq(auditLog.tool, 'lead_upsert'));
    const priya = (first.json() as { data: { leadId: string } }).data.leadId;
    expect(rows.filter((r) => r.recordId === priya)).toEqual([{ actorId: org.users.managerEast.userId, recordId: priya }]);
    const replay = await deliver(body, signedBy(secret, body));
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ ok: false, error: { code: 'unauthorized:replayed' } });
  });

  it('refuses unsigned, stale, tampered, half-signed and unknown-source deliveries', async () => {
    const body = JSON.stringify([{ externalId: 'evt-9', type: 'delivered', occurredAt: '2026-06-14T15:00:20Z', interaction: 'nothing' }]);
    const events = (headers: Record<string, string>, payload = body) => app.inject({ method: 'POST', url: '/v1/webhooks/events', payload, headers: { 'content-type': 'application/json', ...headers } });
    const unsigned = await events({});
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json()).toMatchObject({ ok: false, error: { code: 'unauthorized:missing_key' } });
    const stale = await events(signedBy(secret, body, String(now - 301)));
    expect(stale.json()).toMatchObject({ ok: false, error: { code: 'unauthorized:stale' } });
    // the same JSON with other bytes is another body: the signature covers the raw bytes
    const tampered = await events(signedBy(secret, body), JSON.stringify(JSON.parse(body), null, 1));
    expect(tampered.statusCode).toBe(401);
    expect(tampered.json()).toMatchObject({ ok: false, error: { code: 'unauthorized:signature' } });
    const wrongSecret = await events(signedBy('whsec_guess', body));
    expect(wrongSecret.json()).toMatchObject({ ok: false, error: { code: 'unauthorized:signature' } });
    const { 'x-dealwise-signature': _dropped, ...half } = signedBy(secret, body);
    expect((await events(half)).json()).toMatchObject({ ok: false, error: { code: 'unauthorized:signature', message: expect.stringContaining('all three headers') } });
    const unknown = await events(signedBy(secret, body, String(now), 'nobody-forms'));
    expect(unknown.json()).toMatchObject({ ok: false, error: { code: 'unauthorized:signature', message: 'The signature does not match the body' } });
  });

  it('takes an API key instead of a signature, and refuses a revoked source', async () => {
    const created = await callTool(registry, runtime, org.users.admin, 'api_key_create', { user: 'admin@dealwise.demo', name: 'crm sync' });
    const key = (created as { data: { key: string } }).data.key;
    const body = JSON.stringify({ fullName: 'Omar Haddad', email: 'omar@initech.com' });
    const keyed = await deliver(body, { authorization: `Bearer ${key}` });
    expect(keyed.statusCode).toBe(200);
    expect(keyed.json()).toMatchObject({ ok: true, data: { result: 'created' } });

    const revoked = await callTool(registry, runtime, org.users.admin, 'webhook_source_revoke', { name: 'acme-forms' });
    expect(revoked).toMatchObject({ ok: true, data: { changed: true } });
    const late = JSON.stringify({ fullName: 'Late Lead', email: 'late@globex.com' });
    const refused = await deliver(late, signedBy(secret, late));
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ ok: false, error: { code: 'unauthorized:signature' } });
    // listing shows the source, never its secret
    const listed = await callTool(registry, runtime, org.users.admin, 'webhook_source_list', {});
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(listed).toMatchObject({ ok: true, data: { sources: [{ name: 'acme-forms', user: 'mia.east@dealwise.demo', revokedAt: ORG_NOW.toISOString() }] } });
  });
});
