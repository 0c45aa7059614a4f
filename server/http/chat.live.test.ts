import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentStepRequest } from '../../agents/models/types.ts';
import { leads } from '../../db/schema/index.ts';
import { createCopilot, type Copilot } from '../../graph/copilot.ts';
import type { FixtureOrg } from '../../test/helpers/org.ts';
import { createFixtureRuntime } from '../../test/helpers/runtime.ts';
import { scriptedModel, turnView } from '../../test/helpers/scripted-model.ts';
import { readSse } from '../../test/helpers/sse-client.ts';
import { copilotServices } from '../../tools/copilot/services.ts';
import { registry } from '../../tools/index.ts';
import type { Runtime } from '../../tools/runtime.ts';
import { buildApp } from './app.ts';
import { createChatTurns, type ChatTurns } from './chat-turns.ts';
import { drain } from './drain.ts';

// The chat API against a real listening server on loopback, read the way clients read it: SSE through fetch
// and a stream reader; a client that hangs up; more turns than the cap; a shutdown with a turn in flight.
// "slow" messages wait in the model for a gate the test opens, so nothing here depends on timing.

const scripted = scriptedModel({
  route: (text) => ({ kind: 'plan', steps: [{ agent: 'lead', request: text }] }),
  step: (request, turn) => {
    if (!turn.last) return { kind: 'tool_calls', calls: [{ id: `s${request.messages.length}`, name: 'lead_search', input: { query: 'dana' } }] };
    const found = turn.parsed('lead_search') as { page: { total: number } };
    return { kind: 'answer', text: `${found.page.total} lead found.` };
  },
});

/** A gate per slow turn: the model blocks in its first step of a "slow" message until the test opens it. */
function gated() {
  let open!: () => void;
  let entered!: () => void;
  const state = { gate: new Promise<void>((resolve) => (open = resolve)), inModel: new Promise<void>((resolve) => (entered = resolve)) };
  return { ...state, open: () => open(), entered: () => entered() };
}
let gate = gated();
const model = {
  ...scripted,
  agentStep: async (request: AgentStepRequest) => {
    if (/slow/.test(request.request) && !turnView(request.messages).last) {
      gate.entered();
      await gate.gate;
    }
    return scripted.agentStep(request);
  },
};

describe('chat over a real listening server', () => {
  let runtime: Runtime;
  let org: FixtureOrg;
  let copilot: Copilot;

  async function serve(turns: ChatTurns): Promise<{ app: FastifyInstance; url: string }> {
    const app = await buildApp({
      log: runtime.log,
      readiness: { runtime: () => runtime, startedAt: new Date() },
      registry,
      actorFor: async () => org.users.repAnna,
      copilot: () => copilot,
      chatTurns: turns,
    });
    return { app, url: await app.listen({ host: '127.0.0.1', port: 0 }) };
  }
  const post = (url: string, body: unknown, init: RequestInit = {}) =>
    fetch(`${url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body: JSON.stringify(body), ...init });

  beforeAll(async () => {
    ({ runtime, org } = await createFixtureRuntime());
    await runtime.db.insert(leads).values({ fullName: 'Dana Ruiz', email: 'dana@acme.com', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId });
    copilot = createCopilot({ model, services: copilotServices(runtime, registry) });
  });
  afterAll(() => runtime.close());

  it('streams the events in order as a client reads them, and cancels a turn whose client hangs up, leaving the thread as it was', async () => {
    const turns = createChatTurns(4);
    const { app, url } = await serve(turns);
    const response = await post(url, { message: 'find dana' });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await readSse(response.body!).rest();
    expect(events.map((e) => e.event)).toEqual(['thread', 'agent', 'tool_start', 'tool_end', 'answer']);
    expect(events.every((e) => e.data.type === e.event)).toBe(true);
    expect(events.at(-1)!.data).toMatchObject({ text: '1 lead found.' });
    const threadId = events[0]!.data.threadId as string;
    const before = await copilot.thread(threadId, org.users.repAnna);
    expect(before!.messages).toHaveLength(4);

    gate = gated();
    const hangUp = new AbortController();
    const slow = await post(url, { threadId, message: 'slow: find dana again' }, { signal: hangUp.signal });
    const stream = readSse(slow.body!);
    expect((await stream.until('agent')).map((e) => e.event)).toEqual(['thread', 'agent']);
    await gate.inModel;
    hangUp.abort();
    await turns.idle();
    gate.open();
    const after = await copilot.thread(threadId, org.users.repAnna);
    expect(after!.messages).toEqual(before!.messages);
    // and the thread goes on normally
    const next = await readSse((await post(url, { threadId, message: 'find dana' })).body!).rest();
    expect(next.at(-1)!.data).toMatchObject({ type: 'answer', text: '1 lead found.' });
    expect((await copilot.thread(threadId, org.users.repAnna))!.messages).toHaveLength(8);
    await app.close();
  });

  it('refuses a turn beyond the cap at once with 429, Retry-After and the shared error shape', async () => {
    const turns = createChatTurns(1);
    const { app, url } = await serve(turns);
    gate = gated();
    const first = readSse((await post(url, { message: 'slow one' })).body!);
    await first.until('agent');
    await gate.inModel;
    const refused = await fetch(`${url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'find dana' }) });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toEqual({ ok: false, error: { code: 'busy:chat', message: '1 chat turns are already running', hint: expect.stringMatching(/^retry in \d+ s$/) } });
    gate.open();
    expect((await first.rest()).at(-1)!.data).toMatchObject({ type: 'answer' });
    await app.close();
  });

  it('shuts down gracefully: not ready any more, the turn in flight finishes and its client gets the answer', async () => {
    const turns = createChatTurns(4);
    let draining = false;
    const app = await buildApp({
      log: runtime.log,
      readiness: { runtime: () => runtime, startedAt: new Date(), draining: () => draining },
      registry,
      actorFor: async () => org.users.repAnna,
      copilot: () => copilot,
      chatTurns: turns,
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    gate = gated();
    const inFlight = readSse((await post(url, { message: 'slow before shutdown' })).body!);
    await inFlight.until('agent');
    await gate.inModel;
    draining = true;
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ ok: false, error: { code: 'draining' } });
    const stopped = drain(app, turns, 60_000, runtime.log);
    gate.open();
    expect((await inFlight.rest()).at(-1)!.data).toMatchObject({ type: 'answer', text: '1 lead found.' });
    await stopped;
    expect(turns.running).toBe(0);
  });

  it('past the shutdown deadline cancels the turn in flight and rolls it back', async () => {
    const turns = createChatTurns(4);
    const { app, url } = await serve(turns);
    gate = gated();
    const inFlight = readSse((await post(url, { message: 'slow and cut off' })).body!);
    const threadId = (await inFlight.until('thread'))[0]!.data.threadId as string;
    await gate.inModel;
    await drain(app, turns, 0, runtime.log);
    gate.open();
    expect((await inFlight.rest()).at(-1)!.data).toMatchObject({ type: 'error', code: 'cancelled' });
    expect(await copilot.thread(threadId, org.users.repAnna)).toBeUndefined();
  });
});
