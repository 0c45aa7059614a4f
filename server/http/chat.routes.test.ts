import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leads } from '../../db/schema/index.ts';
import { createCopilot } from '../../graph/copilot.ts';
import type { FixtureOrg } from '../../test/helpers/org.ts';
import { createFixtureRuntime } from '../../test/helpers/runtime.ts';
import { scriptedModel } from '../../test/helpers/scripted-model.ts';
import { copilotServices } from '../../tools/copilot/services.ts';
import { localActor } from '../../tools/core/services.ts';
import { registry } from '../../tools/index.ts';
import type { Runtime } from '../../tools/runtime.ts';
import { buildApp } from './app.ts';

// POST /v1/chat and its approvals, in-process with app.inject(), acting as the configured local user (an admin).

const model = scriptedModel({
  route: (text) => (/weather/.test(text) ? { kind: 'decline', text: 'Only sales work here.' } : { kind: 'plan', steps: [{ agent: 'lead', request: text }] }),
  step: (request, turn) => {
    if (/qualify/.test(request.request)) {
      if (!turn.last) return { kind: 'tool_calls', calls: [{ id: `m${request.messages.length}`, name: 'lead_set_stage', input: { lead: 'Dana Ruiz', stage: 'qualified', reason: 'budget confirmed' } }] };
      return { kind: 'answer', text: turn.last.ok ? 'Dana is qualified now.' : 'Left as it was.' };
    }
    if (!turn.last) return { kind: 'tool_calls', calls: [{ id: `s${request.messages.length}`, name: 'lead_search', input: { query: 'dana' } }] };
    const found = turn.parsed('lead_search') as { page: { total: number } };
    return { kind: 'answer', text: `${found.page.total} lead found.`, citations: [{ kind: 'lead', id: 'x', label: 'Dana Ruiz' }] };
  },
});

describe('chat over HTTP', () => {
  let app: FastifyInstance;
  let runtime: Runtime;
  let org: FixtureOrg;

  beforeAll(async () => {
    ({ runtime, org } = await createFixtureRuntime());
    await runtime.db.insert(leads).values({ fullName: 'Dana Ruiz', email: 'dana@acme.com', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId });
    const copilot = createCopilot({ model, services: copilotServices(runtime, registry) });
    app = await buildApp({
      log: runtime.log,
      readiness: { runtime: () => runtime, startedAt: new Date() },
      registry,
      actorFor: () => localActor(runtime, 'admin@dealwise.demo'),
      copilot: () => copilot,
    });
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  it('answers a message with the thread, agents, tool calls and citations, and continues the thread', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/chat', payload: { message: 'find dana' } });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { threadId: string };
    expect(body).toEqual({
      ok: true,
      threadId: expect.any(String),
      answer: '1 lead found.',
      agents: ['lead'],
      toolCalls: [{ agent: 'lead', name: 'lead_search', input: { query: 'dana' }, ok: true }],
      citations: [{ kind: 'lead', id: 'x', label: 'Dana Ruiz' }],
      approvals: [],
    });
    const next = await app.inject({ method: 'POST', url: '/v1/chat', payload: { threadId: body.threadId, message: 'what is the weather' } });
    expect(next.json()).toMatchObject({ threadId: body.threadId, answer: 'Only sales work here.', agents: [] });
  });

  it('returns the approvals a change waits for, and runs it when approved', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/chat', payload: { message: 'qualify dana' } });
    const body = response.json() as { threadId: string; approvals: { id: string; tool: string; preview: unknown }[]; answer: string };
    expect(body.answer).toBe('');
    expect(body.approvals).toEqual([
      { id: expect.any(String), tool: 'lead_set_stage', input: { lead: 'Dana Ruiz', reason: 'budget confirmed', stage: 'qualified' }, preview: expect.objectContaining({ from: 'new', to: 'qualified' }) },
    ]);

    const wrongThread = await app.inject({ method: 'POST', url: `/v1/chat/other-thread/approvals/${body.approvals[0]!.id}`, payload: { decision: 'approve' } });
    expect(wrongThread.statusCode).toBe(404);
    const decided = await app.inject({ method: 'POST', url: `/v1/chat/${body.threadId}/approvals/${body.approvals[0]!.id}`, payload: { decision: 'approve' } });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ threadId: body.threadId, answer: 'Dana is qualified now.', toolCalls: [{ name: 'lead_set_stage', ok: true }] });
  });

  it('names the bad field of a bad body', async () => {
    const empty = await app.inject({ method: 'POST', url: '/v1/chat', payload: { message: '   ' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ error: { code: 'invalid_input', issues: [{ field: 'message' }] } });
    const decision = await app.inject({ method: 'POST', url: '/v1/chat/t/approvals/a', payload: { decision: 'maybe' } });
    expect(decision.statusCode).toBe(400);
    expect(decision.json()).toMatchObject({ error: { issues: [{ field: 'decision' }] } });
  });
  it('streams the turn as server-sent events when asked, ending with the answer', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/chat', headers: { accept: 'text/event-stream' }, payload: { message: 'find dana' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    const frames = response.body.split('\n\n').filter(Boolean);
    const events = frames.map((frame) => {
      const [eventLine, dataLine] = frame.split('\n');
      const data = JSON.parse(dataLine!.replace(/^data: /, '')) as { type: string };
      expect(eventLine).toBe(`event: ${data.type}`);
      return data;
    });
    expect(events.map((event) => event.type)).toEqual(['thread', 'agent', 'tool_start', 'tool_end', 'answer']);
    expect(events.at(-1)).toMatchObject({ type: 'answer', text: '1 lead found.' });
  });
});
