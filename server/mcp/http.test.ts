import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentNamed } from '../../agents/index.ts';
import { AppError } from '../../core/errors.ts';
import { leads } from '../../db/schema/index.ts';
import { createToolSpecs } from '../../graph/agent-tools.ts';
import type { FixtureOrg } from '../../test/helpers/org.ts';
import { createFixtureRuntime } from '../../test/helpers/runtime.ts';
import type { Actor } from '../../tools/core/context.ts';
import { registry } from '../../tools/index.ts';
import type { ToolListing } from '../../tools/registry.ts';
import type { Runtime } from '../../tools/runtime.ts';
import { buildApp } from '../http/app.ts';

// MCP over Streamable HTTP on a real listening server (loopback, port 0), driven by the 1.x SDK client, with a
// stand-in for key auth: `Authorization: Bearer <name>` acts as that fixture user, anything else is 401.

let app: FastifyInstance;
let runtime: Runtime;
let org: FixtureOrg;
let base: string;
let danaId: string;
const clients: Client[] = [];

function keyOf(request: { headers: Record<string, unknown> }): Actor {
  const header = request.headers.authorization;
  const users: Record<string, Actor> = { anna: org.users.repAnna, cara: org.users.repCara, admin: org.users.admin };
  const user = typeof header === 'string' ? users[header.replace(/^Bearer /, '')] : undefined;
  if (!user) throw new AppError('unauthorized:key', 'No valid API key', { hint: 'send Authorization: Bearer <key>' });
  return user;
}

async function connect(key: string, path = '/mcp', elicit?: () => { action: 'accept' | 'decline'; content?: Record<string, unknown> }) {
  const transport = new StreamableHTTPClientTransport(new URL(`${base}${path}`), { requestInit: { headers: { authorization: `Bearer ${key}` } } });
  const client = new Client({ name: 'http-test', version: '1.0.0' }, { capabilities: elicit ? { elicitation: { form: {} } } : {} });
  if (elicit) client.setRequestHandler(ElicitRequestSchema, async () => elicit());
  await client.connect(transport);
  clients.push(client);
  return { client, transport };
}

const danaStage = async () => (await runtime.db.select({ stage: leads.lifecycleStage }).from(leads).where(eq(leads.id, danaId)))[0]!.stage;

beforeAll(async () => {
  ({ runtime, org } = await createFixtureRuntime());
  const [dana] = await runtime.db
    .insert(leads)
    .values({ fullName: 'Dana Ruiz', email: 'dana@acme.com', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId })
    .returning({ id: leads.id });
  danaId = dana!.id;
  app = await buildApp({ log: runtime.log, readiness: { runtime: () => runtime, startedAt: new Date() }, registry, actorFor: async (request) => keyOf(request) });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await app.close();
  await runtime.close();
});

describe('MCP over Streamable HTTP', () => {
  it('refuses a request without a valid key with 401 in the one error shape', async () => {
    const response = await fetch(`${base}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{}' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toEqual({ ok: false, error: { code: 'unauthorized:key', message: 'No valid API key', hint: 'send Authorization: Bearer <key>' } });
  });

  it('refuses a loopback request that names a foreign host or origin (DNS rebinding)', async () => {
    const init = { method: 'POST', headers: { authorization: 'Bearer anna', 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{}' };
    const foreignOrigin = await fetch(`${base}/mcp`, { ...init, headers: { ...init.headers, origin: 'http://evil.example' } });
    expect(foreignOrigin.status).toBe(403);
  });

  it('lists the tools the key\'s user may call, and calls one', async () => {
    const { client } = await connect('anna');
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(20);
    const result = await client.callTool({ name: 'lead_search', arguments: { query: 'Dana' } });
    expect(result.structuredContent).toMatchObject({ leads: [{ fullName: 'Dana Ruiz' }] });
  });

  it('serves a toolset at /mcp/<toolset>, and 404s an unknown one', async () => {
    const { client } = await connect('anna', '/mcp/lead,analytics');
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('lead_search');
    expect(names).toContain('forecast');
    expect(names).not.toContain('draft_email');
    const unknown = await fetch(`${base}/mcp/sales`, { method: 'POST', headers: { authorization: 'Bearer anna', 'content-type': 'application/json' }, body: '{}' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string; hint: string } }).error).toMatchObject({ code: 'not_found:toolset', hint: expect.stringContaining('analytics') });
  });

  it('answers a request without a session statelessly (clients that never initialize)', async () => {
    const response = await fetch(`${base}/mcp/read-only`, {
      method: 'POST',
      headers: { authorization: 'Bearer anna', 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/list', params: {} }),
    });
    expect(response.status).toBe(200);
    const body = await response.text();
    // JSON or one SSE event, depending on the transport's choice
    const message = JSON.parse(body.startsWith('{') ? body : body.split('\n').find((line) => line.startsWith('data: '))!.slice(6)) as { id: number; result: { tools: { annotations: { readOnlyHint: boolean } }[] } };
    expect(message.id).toBe(7);
    expect(message.result.tools.length).toBeGreaterThan(10);
    expect(message.result.tools.every((t) => t.annotations.readOnlyHint)).toBe(true);
  });

  it('keeps a session to its user: another key gets 404 for it, as for an unknown session', async () => {
    const { transport } = await connect('anna');
    const response = await fetch(`${base}/mcp`, {
      method: 'POST',
      headers: { authorization: 'Bearer cara', 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': transport.sessionId! },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });
    expect(response.status).toBe(404);
  });

  it('asks for approval by elicitation within the session and writes once approved', async () => {
    const { client } = await connect('anna', '/mcp', () => ({ action: 'accept', content: { approve: true } }));
    const result = await client.callTool({ name: 'lead_set_stage', arguments: { lead: 'Dana Ruiz', stage: 'contacted', reason: 'first call done' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ from: 'new', to: 'contacted', changed: true });
    expect(await danaStage()).toBe('contacted');
  });

  it('without elicitation, parks the write; confirm_action in a later session carries it out', async () => {
    const first = await connect('anna');
    const result = await first.client.callTool({ name: 'lead_set_stage', arguments: { lead: 'Dana Ruiz', stage: 'qualified', reason: 'budget confirmed' } });
    const pending = JSON.parse((result.content as { text: string }[])[0]!.text) as { code: string; actionId: string };
    expect(pending.code).toBe('approval_required');
    expect(await danaStage()).toBe('contacted');
    await first.client.close();
    const second = await connect('anna');
    const confirmed = await second.client.callTool({ name: 'confirm_action', arguments: { actionId: pending.actionId } });
    expect(confirmed.structuredContent).toMatchObject({ status: 'approved', result: { to: 'qualified' } });
    expect(await danaStage()).toBe('qualified');
  });
});

describe('one tool list on every surface', () => {
  // the graph's specs drop dryRun (only the graph sets it) and the $schema tag; everything else must match
  const forModel = (tool: ToolListing) => {
    const { $schema: _tag, ...schema } = tool.inputSchema as { $schema?: string; properties: Record<string, unknown>; required?: string[] };
    const { dryRun: _dryRun, ...properties } = schema.properties;
    return { name: tool.name, description: tool.description, inputSchema: { ...schema, properties } };
  };

  it.each([['analytics'], ['lead'], ['communication']])('the %s toolset for a rep: HTTP, MCP and the agent\'s model see the same tools and schemas', async (toolset) => {
    const http = ((await (await fetch(`${base}/v1/tools?toolset=${toolset}`, { headers: { authorization: 'Bearer anna' } })).json()) as { tools: ToolListing[] }).tools;
    const { client } = await connect('anna', `/mcp/${toolset}`);
    const mcp = (await client.listTools()).tools;
    expect(mcp.map((t) => ({ name: t.name, title: t.title, description: t.description, inputSchema: t.inputSchema, outputSchema: t.outputSchema }))).toEqual(
      http.map((t) => ({ name: t.name, title: t.title, description: t.description, inputSchema: t.inputSchema, outputSchema: t.outputSchema })),
    );
    const graph = createToolSpecs(registry)(agentNamed(toolset)!, 'rep').map((spec) => ({ name: spec.name, description: spec.description, inputSchema: spec.inputSchema }));
    const surfaceOnly = http.filter((t) => t.surfaceOnly).map((t) => t.name);
    expect(surfaceOnly).toContain('ask_copilot');
    expect(http.filter((t) => !t.surfaceOnly).map(forModel).sort((a, b) => a.name.localeCompare(b.name))).toEqual(graph.sort((a, b) => a.name.localeCompare(b.name)));
  });
});
