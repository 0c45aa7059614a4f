import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/clock.ts';
import { parseEnv } from '../../core/env.ts';
import { silentLogger } from '../../core/logger.ts';
import { apiKeys, auditLog, users } from '../../db/schema/index.ts';
import { migratedTemplateBlob } from '../../test/helpers/db.ts';
import { ORG_NOW } from '../../test/helpers/org.ts';
import { callTool } from '../core/services.ts';
import { registry } from '../index.ts';
import { openRuntime, type Runtime } from '../runtime.ts';
import { parseAdminArgs } from './cli-args.ts';
import { actorForApiKey, operatorActor } from './identity.ts';
import { runAsOperator } from './operator.ts';

// User and key administration on a store with no users at all (as after importing a real CRM): the
// operator adds the first admin, who then works through the registry like anyone else.

describe('user and key administration', () => {
  let runtime: Runtime;
  const operator = (tool: string, input: unknown) => runAsOperator(registry, runtime, tool, input, 'cli:test');

  beforeAll(async () => {
    runtime = await openRuntime({ env: parseEnv({ SEED_ON_EMPTY: 'false' }), clock: fixedClock(ORG_NOW), log: silentLogger, storeOptions: { kind: 'pglite', loadDataDir: await migratedTemplateBlob() } });
  });
  afterAll(() => runtime.close());

  it('has no one to act as until the operator adds the first admin, audited with no actor', async () => {
    await expect(operatorActor(runtime, 'admin@dealwise.demo')).rejects.toMatchObject({ code: 'config:local_user' });
    const added = await operator('user_add', { email: 'Olga@Example.com', name: 'Olga Owner', role: 'admin' });
    expect(added).toEqual({ ok: true, data: { userId: expect.any(String), email: 'olga@example.com', name: 'Olga Owner', role: 'admin', team: null, teamCreated: false } });
    const olga = (added as { data: { userId: string } }).data.userId;
    // DEALWISE_LOCAL_USER is not in this store: its first admin acts instead
    expect(await operatorActor(runtime, 'admin@dealwise.demo')).toEqual({ userId: olga, role: 'admin', teamId: null });
    const [row] = await runtime.db.select().from(auditLog).where(eq(auditLog.tool, 'user_add'));
    expect(row).toMatchObject({ actorId: null, actorRole: null, action: 'user.added', recordType: 'user', recordId: olga, requestId: 'cli:test' });
  });

  it('adds people to teams (created once, matched without case), refusing a taken email and naming bad fields', async () => {
    const admin = await operatorActor(runtime, 'olga@example.com');
    const first = await callTool(registry, runtime, admin, 'user_add', { email: 'rita@example.com', name: 'Rita Rep', role: 'rep', team: 'EMEA' });
    expect(first).toMatchObject({ ok: true, data: { team: 'EMEA', teamCreated: true } });
    const second = await callTool(registry, runtime, admin, 'user_add', { email: 'mo@example.com', name: 'Mo Manager', role: 'manager', team: 'emea' });
    expect(second).toMatchObject({ ok: true, data: { team: 'EMEA', teamCreated: false } });
    const [rita] = await runtime.db.select({ teamId: users.teamId }).from(users).where(eq(users.email, 'rita@example.com'));
    const [mo] = await runtime.db.select({ teamId: users.teamId }).from(users).where(eq(users.email, 'mo@example.com'));
    expect(rita!.teamId).toBe(mo!.teamId);
    expect(await callTool(registry, runtime, admin, 'user_add', { email: 'RITA@example.com', name: 'Again', role: 'rep' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const bad = await callTool(registry, runtime, admin, 'user_add', { email: 'not-mail', name: '', role: 'boss' });
    expect(bad.ok ? [] : bad.error.issues?.map((i) => i.field).sort()).toEqual(['email', 'name', 'role']);
    const listed = await callTool(registry, runtime, admin, 'user_list', {});
    expect((listed as { data: { users: { email: string }[] } }).data.users.map((u) => u.email)).toEqual(['mo@example.com', 'olga@example.com', 'rita@example.com']);
  });

  it('stores a key as its SHA-256 only, lists it by prefix, and revokes it by prefix or name', async () => {
    const created = await operator('api_key_create', { user: 'rita@example.com', name: 'laptop' });
    const { key, keyId, prefix } = (created as { data: { key: string; keyId: string; prefix: string } }).data;
    const [stored] = await runtime.db.select().from(apiKeys).where(eq(apiKeys.id, keyId));
    expect(stored).toMatchObject({ keyHash: createHash('sha256').update(key).digest('hex'), prefix: key.slice(0, 11), name: 'laptop', createdBy: null, lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify(stored)).not.toContain(key.slice(11));

    const rita = await actorForApiKey(runtime, key);
    expect(rita).toMatchObject({ role: 'rep' });
    const [used] = await runtime.db.select({ lastUsedAt: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, keyId));
    expect(used!.lastUsedAt).toEqual(ORG_NOW);
    expect(await actorForApiKey(runtime, `${key}x`)).toBeUndefined();

    const admin = await operatorActor(runtime, 'olga@example.com');
    const listed = await callTool(registry, runtime, admin, 'api_key_list', { user: 'rita@example.com' });
    expect(listed).toEqual({ ok: true, data: { keys: [{ keyId, prefix, user: 'rita@example.com', name: 'laptop', createdAt: ORG_NOW.toISOString(), lastUsedAt: ORG_NOW.toISOString(), revokedAt: null }] } });
    expect(JSON.stringify(listed)).not.toContain(key);

    expect(await callTool(registry, runtime, admin, 'api_key_revoke', { key: prefix })).toMatchObject({ ok: true, data: { keyId, changed: true } });
    expect(await callTool(registry, runtime, admin, 'api_key_revoke', { key: keyId })).toMatchObject({ ok: true, data: { changed: false } });
    expect(await actorForApiKey(runtime, key)).toBeUndefined();
    expect((await callTool(registry, runtime, admin, 'api_key_list', {})) as unknown).toEqual({ ok: true, data: { keys: [] } });

    // two live keys of one name: the caller picks one of the candidates
    await operator('api_key_create', { user: 'rita@example.com', name: 'ci' });
    await operator('api_key_create', { user: 'mo@example.com', name: 'ci' });
    expect(await callTool(registry, runtime, admin, 'api_key_revoke', { key: 'ci' })).toMatchObject({ ok: false, error: { code: 'ambiguous:api_key', candidates: [{}, {}] } });
  });

  it('refuses the key of a user who left', async () => {
    const created = await operator('api_key_create', { user: 'mo@example.com', name: 'phone' });
    const { key } = (created as { data: { key: string } }).data;
    expect(await actorForApiKey(runtime, key)).toMatchObject({ role: 'manager' });
    await runtime.db.update(users).set({ active: false }).where(eq(users.email, 'mo@example.com'));
    expect(await actorForApiKey(runtime, key)).toBeUndefined();
    expect(await operator('api_key_create', { user: 'mo@example.com' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('reads the command lines of npm run users, keys and webhooks', () => {
    expect(parseAdminArgs('users', ['add', '--email', 'a@b.io', '--name', 'A B', '--role', 'admin'])).toEqual({ tool: 'user_add', input: { email: 'a@b.io', name: 'A B', role: 'admin' } });
    expect(parseAdminArgs('keys', ['create', '--user', 'a@b.io'])).toEqual({ tool: 'api_key_create', input: { user: 'a@b.io' } });
    expect(parseAdminArgs('keys', ['list', '--all'])).toEqual({ tool: 'api_key_list', input: { includeRevoked: true } });
    expect(parseAdminArgs('keys', ['revoke', 'dw_Ab12Cd3e'])).toEqual({ tool: 'api_key_revoke', input: { key: 'dw_Ab12Cd3e' } });
    expect(parseAdminArgs('webhooks', ['add', '--name', 'forms', '--user', 'a@b.io'])).toEqual({ tool: 'webhook_source_add', input: { name: 'forms', user: 'a@b.io' } });
    expect(parseAdminArgs('keys', ['revoke'])).toEqual({ error: 'keys revoke: give exactly one key' });
    expect(parseAdminArgs('keys', ['make'])).toMatchObject({ error: expect.stringContaining('give one of create, list, revoke (got make)') });
    expect(parseAdminArgs('users', ['add', '--emial', 'x'])).toMatchObject({ error: expect.stringContaining("Unknown option '--emial'") });
  });
});
