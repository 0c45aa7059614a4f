import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvals, leads, users } from '../../db/schema/index.ts';
import { runtimeSource } from '../../server/mcp/runtime-source.ts';
import { createMcpServer } from '../../server/mcp/server.ts';
import { parseToolset } from '../../server/mcp/toolsets.ts';
import { registry } from '../../tools/index.ts';
import { changedTables, NO_SUCH_ID, tableDigest, withoutIds } from './surface-cast.ts';
import { openSurfaceApp, type Player, type SurfaceApp } from './surface-app.ts';

// The role matrix through MCP: Streamable HTTP at /mcp (app.inject, real API keys, JSON-RPC as a client sends
// it) and the server `npm run mcp` serves over stdio, driven by the 1.x SDK client over an in-memory transport
// (the stdio process acts as DEALWISE_LOCAL_USER through the same runtimeSource). Another team's records answer
// as missing ones, writes outside scope are refused before anything is parked, and pending actions are decided
// only by the requester, their manager or an admin.

let s: SurfaceApp;
beforeAll(async () => {
  s = await openSurfaceApp();
});
afterAll(() => s.close());

interface CallResult {
  isError: boolean;
  text: string;
  raw: string;
}

/** tools/call over Streamable HTTP as `player`: the answer may come as JSON or as one SSE event */
async function mcpCall(player: Player, name: string, args: Record<string, unknown>, session?: string): Promise<CallResult> {
  const response = await s.as(player, {
    method: 'POST',
    url: '/mcp',
    headers: { accept: 'application/json, text/event-stream', 'content-type': 'application/json', ...(session ? { 'mcp-session-id': session } : {}) },
    payload: { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name, arguments: args } },
  });
  expect(response.statusCode, response.body).toBe(200);
  const json = response.body.trimStart().startsWith('{') ? response.body : response.body.split('\n').find((line) => line.startsWith('data: '))!.slice(6);
  const { result } = JSON.parse(json) as { result: { isError?: boolean; content: { text: string }[] } };
  return { isError: result.isError === true, text: result.content[0]?.text ?? '', raw: response.body };
}

const errorCode = (result: CallResult) => (JSON.parse(result.text) as { code: string }).code;

const OUTSIDERS: Player[] = ['repA', 'managerA'];

describe('MCP over Streamable HTTP', () => {
  const reads = () => [
    { tool: 'opportunity_get', args: (id: string) => ({ opportunity: id }), id: s.cast.other.deal },
    { tool: 'lead_get', args: (id: string) => ({ lead: id }), id: s.cast.other.lead },
  ];

  it('another team\'s deal or lead reads exactly as one that does not exist', async () => {
    for (const player of OUTSIDERS) {
      for (const { tool, args, id } of reads()) {
        const real = await mcpCall(player, tool, args(id));
        const missing = await mcpCall(player, tool, args(NO_SUCH_ID));
        expect(real.isError, `${tool} as ${player}`).toBe(true);
        expect(withoutIds(real.raw, id), `${tool} as ${player}`).toBe(withoutIds(missing.raw, NO_SUCH_ID));
        expect(real.raw).not.toContain(s.cast.otherNames.deal);
        expect(real.raw).not.toContain(s.cast.otherNames.lead);
      }
      const searched = await mcpCall(player, 'opportunity_search', { query: s.cast.otherNames.deal, limit: 100 });
      expect(searched.isError).toBe(false);
      expect(searched.raw).not.toContain(s.cast.other.deal);
    }
    for (const { tool, args, id } of reads()) expect((await mcpCall('admin', tool, args(id))).isError).toBe(false);
  });

  it('a write on another team\'s record is refused as for a missing one, and nothing is parked or changed', async () => {
    const before = await tableDigest(s.runtime.db);
    for (const player of OUTSIDERS) {
      for (const [tool, args, id] of [
        ['lead_set_stage', (x: string) => ({ lead: x, stage: 'contacted', reason: 'mcp' }), s.cast.other.lead],
        ['opportunity_set_stage', (x: string) => ({ opportunity: x, stage: 'negotiation', reason: 'mcp' }), s.cast.other.deal],
      ] as const) {
        const real = await mcpCall(player, tool, args(id));
        const missing = await mcpCall(player, tool, args(NO_SUCH_ID));
        expect(real.isError).toBe(true);
        expect(errorCode(real), `${tool} as ${player}`).toMatch(/^not_found/);
        expect(withoutIds(real.raw, id)).toBe(withoutIds(missing.raw, NO_SUCH_ID));
      }
    }
    // an exec is offered no write at all, on any team's record
    for (const id of [s.cast.own.lead, s.cast.other.lead]) {
      const refused = await mcpCall('exec', 'lead_set_stage', { lead: id, stage: 'contacted', reason: 'exec' });
      expect(refused.isError).toBe(true);
      expect(errorCode(refused)).toMatch(/^(forbidden|not_found:tool)/);
    }
    expect(changedTables(before, await tableDigest(s.runtime.db))).toEqual([]);
  });

  it('a pending action is confirmed only by its requester\'s manager or an admin: others are told it does not exist', async () => {
    const status = async (id: string) => (await s.runtime.db.select({ status: approvals.status }).from(approvals).where(eq(approvals.id, id)))[0]!.status;
    const stage = async (id: string) => (await s.runtime.db.select({ stage: leads.lifecycleStage }).from(leads).where(eq(leads.id, id)))[0]!.stage;
    const propose = async (player: Player, lead: string) => {
      const proposed = await mcpCall(player, 'lead_set_stage', { lead, stage: 'contacted', reason: 'mcp pending' });
      expect(proposed.isError, proposed.text).toBe(true);
      const body = JSON.parse(proposed.text) as { code: string; actionId: string };
      expect(body.code).toBe('approval_required');
      return body.actionId;
    };

    const actionB = await propose('repB', s.cast.other.lead2);
    const before = await tableDigest(s.runtime.db);
    for (const player of ['repA', 'managerA', 'repA2'] as Player[]) {
      const real = await mcpCall(player, 'confirm_action', { actionId: actionB });
      const missing = await mcpCall(player, 'confirm_action', { actionId: NO_SUCH_ID });
      expect(errorCode(real), player).toBe('not_found:action');
      expect(withoutIds(real.raw, actionB)).toBe(withoutIds(missing.raw, NO_SUCH_ID));
    }
    expect(changedTables(before, await tableDigest(s.runtime.db))).toEqual([]);
    expect(await status(actionB)).toBe('pending');
    const confirmed = await mcpCall('managerB', 'confirm_action', { actionId: actionB });
    expect(confirmed.isError, confirmed.text).toBe(false);
    expect(await stage(s.cast.other.lead2)).toBe('contacted');

    // in rep A's own team: the teammate may not, their manager may
    const lead = s.cast.own.lead;
    const actionA = await propose('repA', lead);
    expect(errorCode(await mcpCall('repA2', 'confirm_action', { actionId: actionA }))).toBe('not_found:action');
    expect(await status(actionA)).toBe('pending');
    expect((await mcpCall('managerA', 'confirm_action', { actionId: actionA })).isError).toBe(false);
    expect(await status(actionA)).toBe('approved');
    expect(await stage(lead)).toBe('contacted');
  });

  it('a session belongs to the user who opened it: anyone else reads it as unknown', async () => {
    const headers = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' };
    const opened = await s.as('repA', {
      method: 'POST', url: '/mcp', headers,
      payload: { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'surface-matrix', version: '1.0.0' } } },
    });
    const session = opened.headers['mcp-session-id'];
    expect(typeof session, opened.body).toBe('string');
    const list = (player: Player, id: string) => s.as(player, { method: 'POST', url: '/mcp', headers: { ...headers, 'mcp-session-id': id }, payload: { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} } });
    for (const player of ['repB', 'managerA', 'admin'] as Player[]) {
      const real = await list(player, session as string);
      const missing = await list(player, NO_SUCH_ID);
      expect(real.statusCode, player).toBe(404);
      expect(withoutIds(real.body, session as string)).toBe(withoutIds(missing.body, NO_SUCH_ID));
    }
    expect((await list('repA', session as string)).statusCode).toBe(200);
  });

  it('a session acts with its user\'s role as it is now, not as it was when the session opened', async () => {
    const opened = await s.as('managerA', {
      method: 'POST', url: '/mcp', headers: { accept: 'application/json, text/event-stream', 'content-type': 'application/json' },
      payload: { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'surface-matrix', version: '1.0.0' } } },
    });
    const session = opened.headers['mcp-session-id'] as string;
    const read = () => mcpCall('managerA', 'opportunity_get', { opportunity: s.cast.own.deal }, session);
    expect((await read()).isError).toBe(false);
    // an admin makes manager A a rep (in the store: no tool changes a role): rep A's deal is no longer theirs to see
    await s.runtime.db.update(users).set({ role: 'rep' }).where(eq(users.id, s.cast.managerA.userId));
    try {
      const demoted = await read();
      expect(demoted.isError, demoted.text).toBe(true);
      expect(errorCode(demoted)).toBe('not_found:opportunity');
    } finally {
      await s.runtime.db.update(users).set({ role: 'manager' }).where(eq(users.id, s.cast.managerA.userId));
    }
  });

  it('ask_copilot as rep A cannot reach rep B\'s lead: no approval is raised, nothing changes', async () => {
    const before = await tableDigest(s.runtime.db);
    const asked = await mcpCall('repA', 'ask_copilot', { message: `stage ${s.cast.other.lead}` });
    expect(asked.raw).not.toContain(s.cast.otherNames.lead);
    const answer = JSON.parse(asked.text) as { pendingActions?: unknown[]; approvals?: unknown[] };
    expect(answer.pendingActions ?? answer.approvals ?? []).toEqual([]);
    expect(changedTables(before, await tableDigest(s.runtime.db))).toEqual([]);
  });
});

describe('MCP server as stdio serves it (in-process transport)', () => {
  async function connect(player: Player): Promise<Client> {
    const server = createMcpServer({ source: runtimeSource({ registry, runtime: s.runtime, actor: s.cast[player], copilot: s.copilot }), toolset: parseToolset(undefined) });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const client = new Client({ name: 'surface-matrix', version: '1.0.0' });
    await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
    return client;
  }
  const text = (result: unknown) => ((result as { content: { text: string }[] }).content[0]?.text ?? '');

  it('another team\'s records read as missing; an exec is offered no write', async () => {
    for (const player of OUTSIDERS) {
      const client = await connect(player);
      const real = await client.callTool({ name: 'opportunity_get', arguments: { opportunity: s.cast.other.deal } });
      const missing = await client.callTool({ name: 'opportunity_get', arguments: { opportunity: NO_SUCH_ID } });
      expect(real.isError).toBe(true);
      expect(withoutIds(text(real), s.cast.other.deal)).toBe(withoutIds(text(missing), NO_SUCH_ID));
      await client.close();
    }
    const exec = await connect('exec');
    const names = (await exec.listTools()).tools.map((t) => t.name);
    expect(names).toContain('opportunity_get');
    expect(names.filter((name) => !registry.get(name)?.annotations.readOnlyHint && name !== 'ask_copilot')).toEqual([]);
    await exec.close();
  });
});

describe('logs', () => {
  it('no key reaches the log', () => {
    const log = s.logs.lines.join('\n');
    for (const key of s.allKeys()) expect(log.includes(key)).toBe(false);
  });
});
