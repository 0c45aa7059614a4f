import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, leads } from '../../db/schema/index.ts';
import { createCopilot } from '../../graph/copilot.ts';
import type { FixtureOrg } from '../../test/helpers/org.ts';
import { createFixtureRuntime } from '../../test/helpers/runtime.ts';
import { scriptedModel } from '../../test/helpers/scripted-model.ts';
import { copilotServices } from '../../tools/copilot/services.ts';
import { callTool } from '../../tools/core/services.ts';
import { registry } from '../../tools/index.ts';
import type { Runtime } from '../../tools/runtime.ts';
import { buildApp } from './app.ts';
import { createKeyAuth } from './auth.ts';

// The chat routes behind key auth: who may talk, as whom, and the request id on the audit rows of the
// tool calls a turn makes (the graph is never handed the id: it travels with the request).

const model = scriptedModel({
  route: (text) => ({ kind: 'plan', steps: [{ agent: 'lead', request: text }] }),
  step: (request, turn) => {
    const name = /carl/.test(request.request) ? 'Carl Ortiz' : 'Dana Ruiz';
    if (/qualify/.test(request.request)) {
      if (!turn.last) return { kind: 'tool_calls', calls: [{ id: `m${request.messages.length}`, name: 'lead_set_stage', input: { lead: name, stage: 'qualified', reason: 'budget confirmed' } }] };
      return { kind: 'answer', text: turn.last.ok ? `${name} is qualified now.` : 'Left as it was.' };
    }
    if (!turn.last) return { kind: 'tool_calls', calls: [{ id: `s${request.messages.length}`, name: 'lead_search', input: {} }] };
    const found = turn.parsed('lead_search') as { page: { total: number } };
    return { kind: 'answer', text: `${found.page.total} leads found.` };
  },
});

describe('chat behind API keys', () => {
  let app: FastifyInstance;
  let runtime: Runtime;
  let org: FixtureOrg;
  const keys = { anna: '', cara: '', eve: '' };

  beforeAll(async () => {
    ({ runtime, org } = await createFixtureRuntime());
    await runtime.db.insert(leads).values([
      { fullName: 'Dana Ruiz', email: 'dana@acme.com', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId },
      { fullName: 'Carl Ortiz', email: 'carl@initech.com', accountId: org.accounts.initech, ownerId: org.users.repCara.userId },
    ]);
    for (const [who, email] of [['anna', 'anna.rep@dealwise.demo'], ['cara', 'cara.rep@dealwise.demo'], ['eve', 'exec@dealwise.demo']] as const) {
      const created = await callTool(registry, runtime, org.users.admin, 'api_key_create', { user: email });
      keys[who] = (created as { data: { key: string } }).data.key;
    }
    const copilot = createCopilot({ model, services: copilotServices(runtime, registry) });
    const { actorFor } = createKeyAuth({ runtime: () => runtime, localUser: 'admin@dealwise.demo', requireKeys: false });
    app = await buildApp({ log: runtime.log, readiness: { runtime: () => runtime, startedAt: new Date() }, registry, actorFor, copilot: () => copilot });
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  const chat = (key: string | undefined, payload: object, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/v1/chat', payload, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers } });

  it('refuses a chat and a decision without a valid key', async () => {
    const none = await chat(undefined, { message: 'find leads' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ ok: false, error: { code: 'unauthorized:missing_key' } });
    expect((await chat('dw_not_a_real_key_at_all_00000', { message: 'find leads' })).statusCode).toBe(401);
    const decide = await app.inject({ method: 'POST', url: '/v1/chat/t1/approvals/a1', payload: { decision: 'approve' } });
    expect(decide.statusCode).toBe(401);
  });

  it('answers as the key\'s user, within their scope', async () => {
    const anna = await chat(keys.anna, { message: 'find leads' });
    expect(anna.statusCode).toBe(200);
    expect(anna.json()).toMatchObject({ answer: '1 leads found.' });
    const eve = await chat(keys.eve, { message: 'find leads' });
    expect(eve.json()).toMatchObject({ answer: '2 leads found.' });
    // a rep cannot reach another rep's lead through the copilot either
    const reach = await chat(keys.anna, { message: 'qualify carl' });
    expect(reach.json()).toMatchObject({ approvals: [] });
    // another user's thread is not theirs to continue
    const other = await chat(keys.cara, { threadId: (anna.json() as { threadId: string }).threadId, message: 'find leads' });
    expect(other.statusCode).not.toBe(200);
    expect(JSON.stringify(other.json())).not.toContain('Dana');
  });

  it('tags the audit row of a change a chat turn makes with the request id of the approving request', async () => {
    const asked = await chat(keys.anna, { message: 'qualify dana' });
    const body = asked.json() as { threadId: string; approvals: { id: string }[] };
    expect(body.approvals).toHaveLength(1);
    const approved = await app.inject({
      method: 'POST', url: `/v1/chat/${body.threadId}/approvals/${body.approvals[0]!.id}`, payload: { decision: 'approve' },
      headers: { authorization: `Bearer ${keys.anna}`, 'x-request-id': 'approve-dana-1' },
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ answer: 'Dana Ruiz is qualified now.' });
    const rows = await runtime.db.select({ requestId: auditLog.requestId, actorId: auditLog.actorId, dryRun: auditLog.dryRun }).from(auditLog).where(eq(auditLog.tool, 'lead_set_stage'));
    expect(rows.filter((r) => !r.dryRun)).toEqual([{ requestId: 'approve-dana-1', actorId: org.users.repAnna.userId, dryRun: false }]);
  });
});
