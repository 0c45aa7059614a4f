import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnthropicModel } from '../agents/models/anthropic.ts';
import { createOpenAIModel } from '../agents/models/openai.ts';
import type { CopilotModel } from '../agents/models/types.ts';
import { leads } from '../db/schema/index.ts';
import { startAnthropicWire, startOpenAIWire, type WireReply, type WireServer } from '../test/helpers/provider-wire.ts';
import { createFixtureRuntime } from '../test/helpers/runtime.ts';
import type { FixtureOrg } from '../test/helpers/org.ts';
import { copilotServices } from '../tools/copilot/services.ts';
import { registry } from '../tools/index.ts';
import type { Runtime } from '../tools/runtime.ts';
import { createCopilot, type CopilotEvent } from './copilot.ts';

// OpenAI and Anthropic end to end: the real LangChain clients talk to local servers speaking each wire protocol.

let runtime: Runtime;
let org: FixtureOrg;
const servers: WireServer[] = [];

beforeAll(async () => {
  ({ runtime, org } = await createFixtureRuntime());
  await runtime.db.insert(leads).values({ fullName: 'Dana Kim', email: 'dana@acme.com', ownerId: org.users.repAnna.userId, accountId: org.accounts.acme });
});
afterAll(async () => {
  for (const server of servers) await server.close();
  await runtime.close();
});

const toolNamesOf = (body: Record<string, unknown>) =>
  ((body.tools ?? []) as { name?: string; function?: { name: string } }[]).map((tool) => tool.function?.name ?? tool.name ?? '');
const sawToolResult = (body: Record<string, unknown>) => /"role":"tool"|"tool_result"/.test(JSON.stringify(body.messages));
const lastText = (body: Record<string, unknown>) => JSON.stringify((body.messages as unknown[]).at(-1));

/** The conversation a real provider would have for "find dana", with an optional wrong first answer. */
function findDana(options: { wrongFirst?: boolean; failFirst?: number } = {}) {
  return (body: Record<string, unknown>, index: number): WireReply => {
    if (index < (options.failFirst ?? 0)) return { status: 429 };
    const tools = toolNamesOf(body);
    if (tools.includes('route_request')) return { toolCalls: [{ id: 'r1', name: 'route_request', args: { kind: 'plan', steps: [{ agent: 'lead', request: 'find dana' }] } }] };
    if (!sawToolResult(body)) return { toolCalls: [{ id: 'call_1', name: 'lead_search', args: { query: 'Dana' } }] };
    if (options.wrongFirst && !/Rewrite the answer/.test(lastText(body))) return { text: 'Found 7 leads named Dana.' };
    return { text: 'Found 1 lead: Dana Kim.' };
  };
}

async function collect(events: AsyncIterable<CopilotEvent>): Promise<CopilotEvent[]> {
  const out: CopilotEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

const fast = { retries: 2, baseDelayMs: 1 };
const providers: [string, (handler: ReturnType<typeof findDana>) => Promise<{ server: WireServer; model: CopilotModel }>][] = [
  ['OpenAI', async (handler) => {
    const server = await startOpenAIWire(handler);
    servers.push(server);
    return { server, model: createOpenAIModel({ apiKey: 'sk-test', model: 'gpt-test', baseURL: server.url, retry: fast }) };
  }],
  ['Anthropic', async (handler) => {
    const server = await startAnthropicWire(handler);
    servers.push(server);
    return { server, model: createAnthropicModel({ apiKey: 'sk-ant-test', model: 'claude-test', baseURL: server.url, retry: fast }) };
  }],
];

describe.each(providers)('%s end to end', (provider, start) => {
  it('routes with a forced tool call, calls a tool over the wire, streams the answer', async () => {
    const { server, model } = await start(findDana());
    const events = await collect(createCopilot({ model, services: copilotServices(runtime, registry) }).send({ message: 'find dana', actor: org.users.repAnna }));
    expect(events.filter((e) => e.type === 'tool_end')).toMatchObject([{ name: 'lead_search', ok: true }]);
    expect(events.filter((e) => e.type === 'token').map((e) => (e as { text: string }).text).join('')).toBe('Found 1 lead: Dana Kim.');
    expect(events.at(-1)).toMatchObject({ type: 'answer', text: 'Found 1 lead: Dana Kim.', agents: ['lead'] });
    expect(server.requests).toHaveLength(3);
    // the agent's request carried only the lead agent's tools a rep may call, and the tool result went back
    const agentTools = toolNamesOf(server.requests[1]!);
    expect(agentTools).toContain('lead_search');
    expect(agentTools).not.toContain('lead_assign');
    expect(agentTools).not.toContain('forecast');
    expect(JSON.stringify(server.requests[2]!.messages)).toContain('Dana Kim');
    expect(server.requests.every((body) => body.stream === true)).toBe(true);
  });

  it('repairs an answer whose figures no tool returned', async () => {
    const { server, model } = await start(findDana({ wrongFirst: true }));
    const events = await collect(createCopilot({ model, services: copilotServices(runtime, registry) }).send({ message: 'find dana', actor: org.users.repAnna }));
    expect(events.at(-1)).toMatchObject({ type: 'answer', text: 'Found 1 lead: Dana Kim.' });
    expect(lastText(server.requests.at(-1)!)).toContain('7');
  });

  it('retries a rate limit, then gives a clear error when the provider keeps failing', async () => {
    const { model } = await start(findDana({ failFirst: 1 }));
    const ok = await collect(createCopilot({ model, services: copilotServices(runtime, registry) }).send({ message: 'find dana', actor: org.users.repAnna }));
    expect(ok.at(-1)).toMatchObject({ type: 'answer', text: 'Found 1 lead: Dana Kim.' });

    const { model: failing } = await start(() => ({ status: 500 }));
    const failed = await collect(createCopilot({ model: failing, services: copilotServices(runtime, registry) }).send({ message: 'find dana', actor: org.users.repAnna }));
    expect(failed.at(-1)).toEqual({ type: 'error', code: 'model:unavailable', message: `${provider} had a server error (500) after 3 tries. Try again in a minute, or check the ${provider} settings.` });
  });
});
