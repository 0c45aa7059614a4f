import type { FastifyInstance, FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leads, opportunities } from '../../db/schema/index.ts';
import { createCopilot } from '../../graph/copilot.ts';
import { fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { createFixtureRuntime } from '../../test/helpers/runtime.ts';
import { scriptedModel } from '../../test/helpers/scripted-model.ts';
import { copilotServices } from '../../tools/copilot/services.ts';
import { registry } from '../../tools/index.ts';
import type { Runtime } from '../../tools/runtime.ts';
import { buildApp } from './app.ts';

// REST over the search/get tools (filters, sorting, cursor paging, scope) and the caller's threads.

const model = scriptedModel({
  route: (text) => ({ kind: 'plan', steps: [{ agent: 'lead', request: text }] }),
  step: (request, turn) => {
    if (/qualify/.test(request.request)) {
      if (!turn.last) return { kind: 'tool_calls', calls: [{ id: `q${request.messages.length}`, name: 'lead_set_stage', input: { lead: 'Dana Ruiz', stage: 'qualified', reason: 'budget confirmed' } }] };
      return { kind: 'answer', text: 'Dana is qualified now.' };
    }
    if (!turn.last) return { kind: 'tool_calls', calls: [{ id: `s${request.messages.length}`, name: 'lead_search', input: { query: 'dana' } }] };
    return { kind: 'answer', text: 'Found.' };
  },
});

describe('REST records and threads', () => {
  let runtime: Runtime;
  let org: FixtureOrg;
  let app: FastifyInstance;
  const ids: Record<string, string> = {};
  const as = (user: keyof FixtureOrg['users']) => ({ 'x-test-user': user });
  const get = async (url: string, user: keyof FixtureOrg['users'] = 'repAnna') => {
    const response = await app.inject({ method: 'GET', url, headers: as(user) });
    return { status: response.statusCode, body: response.json() };
  };
  const names = (body: { opportunities?: { name: string }[]; leads?: { fullName: string }[] }) => (body.opportunities ?? []).map((d) => d.name).concat((body.leads ?? []).map((l) => l.fullName));

  beforeAll(async () => {
    ({ runtime, org } = await createFixtureRuntime());
    const { repAnna, repCara } = org.users;
    const { acme, globex, initech } = org.accounts;
    const deal = (name: string, ownerId: string, accountId: string, stage: 'discovery' | 'proposal' | 'negotiation', valueMinor: number, probability: number, expectedCloseDate: string) => {
      ids[name] = fixtureId();
      return { id: ids[name], name, ownerId, accountId, stage, valueMinor, probability, expectedCloseDate };
    };
    await runtime.db.insert(opportunities).values([
      deal('Acme Platform', repAnna.userId, acme, 'proposal', 50_000_00, 40, '2026-07-10'),
      deal('Acme Support', repAnna.userId, acme, 'discovery', 10_000_00, 20, '2026-06-30'),
      deal('Globex Expansion', repAnna.userId, globex, 'negotiation', 80_000_00, 70, '2026-08-15'),
      deal('Initech Rollout', repCara.userId, initech, 'proposal', 30_000_00, 50, '2026-07-20'),
    ]);
    const lead = (fullName: string, ownerId: string, score: number) => {
      ids[fullName] = fixtureId();
      return { id: ids[fullName], fullName, email: `${fullName.split(' ')[0]!.toLowerCase()}@acme.com`, accountId: acme, ownerId, score };
    };
    await runtime.db.insert(leads).values([lead('Dana Ruiz', repAnna.userId, 80), lead('Sam Ode', repAnna.userId, 30), lead('Lee Park', repCara.userId, 60)]);
    const copilot = createCopilot({ model, services: copilotServices(runtime, registry) });
    const actorFor = async (request: FastifyRequest) => org.users[request.headers['x-test-user'] as keyof FixtureOrg['users']];
    app = await buildApp({ log: runtime.log, readiness: { runtime: () => runtime, startedAt: new Date() }, registry, actorFor, copilot: () => copilot });
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  it('filters deals by stage, probability, value and close range and text, sorted, within the caller scope', async () => {
    const staged = await get('/api/opportunities?stage=proposal,negotiation&probabilityMin=30&sort=value&direction=desc');
    expect(staged.status).toBe(200);
    expect(names(staged.body)).toEqual(['Globex Expansion', 'Acme Platform']);
    expect(names((await get('/api/opportunities?closeFrom=2026-07-01&closeTo=2026-07-31')).body)).toEqual(['Acme Platform']);
    expect(names((await get('/api/opportunities?q=acme&valueMax=2000000&sort=name')).body)).toEqual(['Acme Support']);
    expect(names((await get('/api/opportunities?probabilityMax=45&sort=probability&direction=asc')).body)).toEqual(['Acme Support', 'Acme Platform']);
    // Cara's deal is outside Anna's scope; her manager's team does not reach the west team either
    expect(names((await get('/api/opportunities?sort=name', 'admin')).body)).toEqual(['Acme Platform', 'Acme Support', 'Globex Expansion', 'Initech Rollout']);
  });

  it('pages with cursors and refuses a cursor sent with other filters', async () => {
    const first = await get('/api/opportunities?sort=value&limit=2');
    expect(names(first.body)).toEqual(['Acme Support', 'Acme Platform']);
    expect(first.body.page).toEqual({ total: 3, limit: 2, nextCursor: expect.any(String) });
    const second = await get(`/api/opportunities?sort=value&limit=2&cursor=${first.body.page.nextCursor}`);
    expect(names(second.body)).toEqual(['Globex Expansion']);
    expect(second.body.page.nextCursor).toBeNull();
    const mixed = await get(`/api/opportunities?sort=name&limit=2&cursor=${first.body.page.nextCursor}`);
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.issues).toEqual([{ field: 'cursor', message: expect.stringContaining('other filters') }]);
  });

  it('names the query parameter when a value is wrong, as the tool validated it', async () => {
    const stage = await get('/api/opportunities?stage=won');
    expect(stage.status).toBe(400);
    expect(stage.body.error.issues[0].field).toBe('stage');
    const unknown = await get('/api/opportunities?colour=red');
    expect(unknown.body.error).toMatchObject({ code: 'invalid_input', issues: [{ field: 'colour' }] });
    const id = await get('/api/opportunities/not-an-id');
    expect(id.body.error).toMatchObject({ code: 'invalid_input', issues: [{ field: 'id' }] });
  });

  it('gets one record in full, and 404 for one outside the caller scope', async () => {
    const mine = await get(`/api/opportunities/${ids['Acme Platform']}`);
    expect(mine.status).toBe(200);
    expect(mine.body.opportunity).toMatchObject({ id: ids['Acme Platform'], name: 'Acme Platform', stage: 'proposal' });
    const theirs = await get(`/api/opportunities/${ids['Initech Rollout']}`);
    expect(theirs.status).toBe(404);
    expect(theirs.body).toMatchObject({ ok: false, error: { code: 'not_found:opportunity' } });
    expect((await get(`/api/leads/${ids['Lee Park']}`)).status).toBe(404);
    expect((await get(`/api/leads/${ids['Dana Ruiz']}`)).body.lead).toMatchObject({ fullName: 'Dana Ruiz' });
  });

  it('searches leads by score range and sorts them', async () => {
    expect(names((await get('/api/leads?scoreMin=50')).body)).toEqual(['Dana Ruiz']);
    expect(names((await get('/api/leads?sort=name&direction=asc')).body)).toEqual(['Dana Ruiz', 'Sam Ode']);
    expect(names((await get('/api/leads')).body)).toEqual(['Dana Ruiz', 'Sam Ode']);
  });

  it("lists the caller's threads newest first with cursors, shows one with its tool calls and approvals, and hides others'", async () => {
    const chat = async (message: string, user: keyof FixtureOrg['users'], threadId?: string) =>
      (await app.inject({ method: 'POST', url: '/v1/chat', headers: as(user), payload: { message, ...(threadId ? { threadId } : {}) } })).json() as { threadId: string; approvals: { id: string }[] };
    const older = await chat('find dana', 'repAnna');
    const newer = await chat('qualify dana', 'repAnna');
    await app.inject({ method: 'POST', url: `/v1/chat/${newer.threadId}/approvals/${newer.approvals[0]!.id}`, headers: as('repAnna'), payload: { decision: 'approve' } });
    const bens = await chat('find dana', 'repBen');

    const page = await get('/v1/threads?limit=1');
    expect(page.body.threads).toEqual([{ threadId: newer.threadId, title: 'qualify dana', messageCount: 4, updatedAt: expect.any(String) }]);
    const next = await get(`/v1/threads?limit=1&cursor=${page.body.nextCursor}`);
    expect(next.body).toEqual({ ok: true, threads: [expect.objectContaining({ threadId: older.threadId, title: 'find dana' })], nextCursor: null });
    expect((await get('/v1/threads', 'repBen')).body.threads.map((t: { threadId: string }) => t.threadId)).toEqual([bens.threadId]);

    const shown = await get(`/v1/threads/${newer.threadId}`);
    expect(shown.body.thread.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(shown.body.thread.messages[1].toolCalls).toEqual([expect.objectContaining({ name: 'lead_set_stage' })]);
    expect(shown.body.thread.approvals).toEqual([expect.objectContaining({ id: newer.approvals[0]!.id, tool: 'lead_set_stage', status: 'approved' })]);
    expect(shown.body.thread.pendingApprovals).toEqual([]);
    const hidden = await get(`/v1/threads/${newer.threadId}`, 'repBen');
    expect(hidden.status).toBe(404);
    expect(hidden.body).toMatchObject({ ok: false, error: { code: 'not_found:thread' } });
  });
});
