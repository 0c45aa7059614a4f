import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { approvals, leads, opportunities } from '../../db/schema/index.ts';
import { createCopilot } from '../../graph/copilot.ts';
import { createFixtureRuntime } from '../../test/helpers/runtime.ts';
import { scriptedModel } from '../../test/helpers/scripted-model.ts';
import type { FixtureOrg } from '../../test/helpers/org.ts';
import { copilotServices } from '../../tools/copilot/services.ts';
import type { Actor } from '../../tools/core/context.ts';
import { mayCall } from '../../tools/core/roles.ts';
import { registry } from '../../tools/index.ts';
import type { Runtime } from '../../tools/runtime.ts';
import { runtimeSource } from './runtime-source.ts';
import { createMcpServer } from './server.ts';
import { parseToolset } from './toolsets.ts';

// The MCP server (v2 SDK) driven by the 1.x SDK client over an in-memory transport: what Claude Desktop and
// most IDE clients speak today.

type Answer = ElicitResult | 'throw';

let runtime: Runtime;
let org: FixtureOrg;
let danaId: string;
const clients: Client[] = [];

const text = (result: object) => (((result as { content?: { text: string }[] }).content ?? [])[0]?.text ?? '');
const errorOf = (result: object) => JSON.parse(text(result)) as Record<string, unknown> & { code: string };

/** a connected 1.x client acting as `actor`; with `elicit`, it declares elicitation and answers with it */
async function connect(actor: Actor, options: { toolset?: string; elicit?: () => Answer } = {}): Promise<Client> {
  const copilot = createCopilot({
    model: scriptedModel({
      route: (message) => ({ kind: 'plan', steps: [{ agent: /make dana/i.test(message) ? 'lead' : 'opportunity', request: message }] }),
      step: (request, turn) => {
        if (request.agent.name === 'lead') {
          const moved = turn.parsed('lead_set_stage') as { to: string } | undefined;
          if (!moved) return { kind: 'tool_calls', calls: [{ id: `c-move-${request.messages.length}`, name: 'lead_set_stage', input: { lead: 'Dana Ruiz', stage: 'customer', reason: 'contract signed' } }] };
          return { kind: 'answer', text: `Dana is now a ${moved.to}.`, citations: [] };
        }
        const summary = turn.parsed('pipeline_summary') as { totals: { count: number } } | undefined;
        if (!summary) return { kind: 'tool_calls', calls: [{ id: 'c-pipe', name: 'pipeline_summary', input: {} }] };
        return { kind: 'answer', text: `You have ${summary.totals.count} open deals.`, citations: [] };
      },
    }),
    services: copilotServices(runtime, registry),
  });
  const server = createMcpServer({ source: runtimeSource({ registry, runtime, actor, copilot }), toolset: parseToolset(options.toolset) });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'test', version: '1.0.0' }, { capabilities: options.elicit ? { elicitation: { form: {} } } : {} });
  if (options.elicit) {
    const answer = options.elicit;
    client.setRequestHandler(ElicitRequestSchema, async () => {
      const a = answer();
      if (a === 'throw') throw new Error('the client could not show the form');
      return a;
    });
  }
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  clients.push(client);
  return client;
}

const danaStage = async () => (await runtime.db.select({ stage: leads.lifecycleStage }).from(leads).where(eq(leads.id, danaId)))[0]!.stage;
const approvalRow = async (id: string) => (await runtime.db.select().from(approvals).where(eq(approvals.id, id)))[0]!;

beforeAll(async () => {
  ({ runtime, org } = await createFixtureRuntime());
  const [dana] = await runtime.db
    .insert(leads)
    .values({ fullName: 'Dana Ruiz', email: 'dana@acme.com', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId })
    .returning({ id: leads.id });
  danaId = dana!.id;
  await runtime.db.insert(opportunities).values({ name: 'Acme renewal', accountId: org.accounts.acme, ownerId: org.users.repAnna.userId, stage: 'proposal', valueMinor: 40_000_00 });
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await runtime.close();
});

describe('tools over MCP (in-memory, 1.x SDK client, v2 server)', () => {
  it('lists every registry tool with title, schemas and all four annotation hints', async () => {
    const client = await connect(org.users.admin);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(registry.names());
    const setStage = tools.find((t) => t.name === 'lead_set_stage')!;
    expect(setStage.title).toBe('Set lead stage');
    expect(setStage.annotations).toEqual({ title: 'Set lead stage', readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    expect(setStage.inputSchema.properties).toHaveProperty('reason.description', 'why the stage changes (kept in history)');
    expect(setStage.outputSchema?.properties).toHaveProperty('changed');
    expect(tools.find((t) => t.name === 'ask_copilot')?.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: true });
    expect(tools.every((t) => t.inputSchema.additionalProperties === false)).toBe(true);
  });

  it('calls a read and returns structured content', async () => {
    const client = await connect(org.users.admin);
    const result = await client.callTool({ name: 'lead_search', arguments: { query: 'Dana' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ leads: [{ fullName: 'Dana Ruiz' }], page: { total: 1 } });
  });

  it('returns a miss as isError with the field named, so a model can recover', async () => {
    const client = await connect(org.users.admin);
    const result = await client.callTool({ name: 'lead_set_stage', arguments: { lead: 'Dana Ruiz', stage: 'sold' } });
    expect(result.isError).toBe(true);
    expect(errorOf(result)).toMatchObject({ code: 'invalid_input', issues: [{ field: 'stage' }, { field: 'reason' }] });
    const typo = await client.callTool({ name: 'lead_search', arguments: { qeury: 'Dana' } });
    expect(errorOf(typo)).toMatchObject({ code: 'invalid_input', issues: [{ field: 'qeury', message: expect.stringContaining('did you mean "query"?') }] });
  });

  it('filters the list by the caller\'s role: an exec sees no writes, a rep only what a rep may call', async () => {
    const exec = await (await connect(org.users.exec)).listTools();
    expect(exec.tools.filter((t) => !t.annotations?.readOnlyHint).map((t) => t.name)).toEqual([]);
    expect(exec.tools.length).toBeGreaterThan(20);
    const rep = await (await connect(org.users.repAnna)).listTools();
    const forRep = registry.list().filter((t) => mayCall('rep', t.minRole, !t.annotations.readOnlyHint)).map((t) => t.name);
    expect(forRep.length).toBeLessThan(registry.names().length);
    expect(rep.tools.map((t) => t.name).sort()).toEqual(forRep.sort());
  });

  it('offers a toolset: one agent\'s tools plus the surface tools; a tool outside it is not callable', async () => {
    const client = await connect(org.users.admin, { toolset: 'analytics' });
    const { tools } = await client.listTools();
    const analytics = ['revenue_report', 'forecast', 'forecast_snapshot', 'forecast_accuracy', 'funnel_report', 'pipeline_health', 'rep_leaderboard', 'campaign_roi', 'engagement_insights'];
    const writesNeedingApproval = registry.list().filter((t) => analytics.includes(t.name) && !t.annotations.readOnlyHint && t.annotations.approval !== 'none');
    expect(tools.map((t) => t.name).sort()).toEqual([...analytics, 'ask_copilot', ...(writesNeedingApproval.length > 0 ? ['confirm_action'] : [])].sort());
    const outside = await client.callTool({ name: 'lead_search', arguments: { query: 'Dana' } });
    expect(errorOf(outside)).toMatchObject({ code: 'not_found:tool' });
    const readOnly = await (await connect(org.users.admin, { toolset: 'read-only' })).listTools();
    expect(readOnly.tools.every((t) => t.annotations?.readOnlyHint)).toBe(true);
    expect(readOnly.tools.map((t) => t.name)).toContain('lead_search');
  });
});

describe('approvals over MCP', () => {
  it('without elicitation: a write answers approval_required with the preview and changes nothing; confirm_action carries it out once', async () => {
    const client = await connect(org.users.repAnna);
    const result = await client.callTool({ name: 'lead_set_stage', arguments: { lead: 'Dana Ruiz', stage: 'contacted', reason: 'first call done' } });
    expect(result.isError).toBe(true);
    const pending = errorOf(result) as { code: string; actionId: string; preview: { from: string; to: string } };
    expect(pending).toMatchObject({ code: 'approval_required', preview: { from: 'new', to: 'contacted', changed: true } });
    expect(await danaStage()).toBe('new');
    expect(await approvalRow(pending.actionId)).toMatchObject({ source: 'mcp', status: 'pending', tool: 'lead_set_stage', requesterId: org.users.repAnna.userId });

    // someone outside the requester's line cannot see it
    const other = await (await connect(org.users.repCara)).callTool({ name: 'confirm_action', arguments: { actionId: pending.actionId } });
    expect(errorOf(other)).toMatchObject({ code: 'not_found:action' });
    expect(await danaStage()).toBe('new');

    const confirmed = await client.callTool({ name: 'confirm_action', arguments: { actionId: pending.actionId } });
    expect(confirmed.isError).toBeFalsy();
    expect(confirmed.structuredContent).toMatchObject({ status: 'approved', tool: 'lead_set_stage', result: { from: 'new', to: 'contacted', changed: true } });
    expect(await danaStage()).toBe('contacted');
    expect(await approvalRow(pending.actionId)).toMatchObject({ status: 'approved', decidedBy: org.users.repAnna.userId });
    const again = await client.callTool({ name: 'confirm_action', arguments: { actionId: pending.actionId } });
    expect(errorOf(again)).toMatchObject({ code: 'conflict' });
  });

  it('with elicitation: the person sees the preview and approves, and the write returns the tool\'s own output', async () => {
    let message = '';
    const client = await connect(org.users.repAnna, { elicit: () => ({ action: 'accept', content: { approve: true } }) });
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      message = request.params.message;
      return { action: 'accept', content: { approve: true } };
    });
    const result = await client.callTool({ name: 'lead_set_stage', arguments: { lead: 'Dana Ruiz', stage: 'qualified', reason: 'budget confirmed' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ leadId: danaId, lead: 'Dana Ruiz', from: 'contacted', to: 'qualified', changed: true });
    expect(message).toContain('Set lead stage (lead_set_stage)');
    expect(message).toContain('"to": "qualified"');
    expect(await danaStage()).toBe('qualified');
    const rows = await runtime.db.select().from(approvals).where(eq(approvals.tool, 'lead_set_stage'));
    expect(rows.filter((row) => row.status === 'approved')).toHaveLength(2);
  });

  it.each<[string, Answer]>([
    ['declines', { action: 'decline' }],
    ['cancels', { action: 'cancel' }],
    ['accepts with the box unticked', { action: 'accept', content: { approve: false } }],
  ])('with elicitation: a person who %s causes no write, and the action is rejected', async (_label, answer) => {
    const client = await connect(org.users.repAnna, { elicit: () => answer });
    const result = await client.callTool({ name: 'lead_set_stage', arguments: { lead: 'Dana Ruiz', stage: 'disqualified', reason: 'no budget after all' } });
    expect(result.isError).toBe(true);
    const declined = errorOf(result) as { code: string; actionId: string };
    expect(declined.code).toBe('declined:approval');
    expect(await danaStage()).toBe('qualified');
    expect(await approvalRow(declined.actionId)).toMatchObject({ status: 'rejected' });
  });

  it('with elicitation that fails on the client: nothing is written, the action stays pending for confirm_action', async () => {
    const client = await connect(org.users.repAnna, { elicit: () => 'throw' });
    const result = await client.callTool({ name: 'lead_set_stage', arguments: { lead: 'Dana Ruiz', stage: 'disqualified', reason: 'no budget after all' } });
    const pending = errorOf(result) as { code: string; actionId: string };
    expect(pending.code).toBe('approval_required');
    expect(await danaStage()).toBe('qualified');
    expect(await approvalRow(pending.actionId)).toMatchObject({ status: 'pending' });
    const rejected = await client.callTool({ name: 'confirm_action', arguments: { actionId: pending.actionId, decision: 'reject' } });
    expect(rejected.structuredContent).toMatchObject({ status: 'rejected' });
    expect(await danaStage()).toBe('qualified');
  });

  it('a dry run is answered at once, without asking anyone', async () => {
    const client = await connect(org.users.repAnna, { elicit: () => { throw new Error('must not ask'); } });
    const result = await client.callTool({ name: 'lead_set_stage', arguments: { lead: 'Dana Ruiz', stage: 'customer', reason: 'signed', dryRun: true } });
    expect(result.structuredContent).toMatchObject({ from: 'qualified', to: 'customer', changed: true });
    expect(await danaStage()).toBe('qualified');
  });
});

describe('ask_copilot, resources and prompts', () => {
  it('ask_copilot runs the copilot as the caller and returns its answer with a thread id', async () => {
    const client = await connect(org.users.repAnna);
    const result = await client.callTool({ name: 'ask_copilot', arguments: { message: 'how many open deals do I have?' } });
    expect(result.isError).toBeFalsy();
    const answer = result.structuredContent as { threadId: string; answer: string; agents: string[] };
    expect(answer).toMatchObject({ answer: 'You have 1 open deals.', agents: ['opportunity'], pendingActions: [] });
    expect(answer.threadId).toMatch(/.+/);
  });

  it('a change the copilot proposes in ask_copilot waits, and confirm_action resumes the copilot to make it', async () => {
    const client = await connect(org.users.repAnna);
    const asked = await client.callTool({ name: 'ask_copilot', arguments: { message: 'make Dana a customer' } });
    const turn = asked.structuredContent as { threadId: string; pendingActions: { actionId: string; tool: string; preview: { to: string } }[] };
    expect(turn.pendingActions).toEqual([expect.objectContaining({ tool: 'lead_set_stage', preview: expect.objectContaining({ from: 'qualified', to: 'customer' }) })]);
    expect(await danaStage()).toBe('qualified');
    const confirmed = await client.callTool({ name: 'confirm_action', arguments: { actionId: turn.pendingActions[0]!.actionId } });
    expect(confirmed.isError).toBeFalsy();
    expect(confirmed.structuredContent).toMatchObject({ status: 'approved', tool: 'lead_set_stage', answer: 'Dana is now a customer.' });
    expect(await danaStage()).toBe('customer');
    expect(await approvalRow(turn.pendingActions[0]!.actionId)).toMatchObject({ source: 'copilot', status: 'approved' });
  });

  it('reads a deal and a lead\'s timeline as resources, scoped like the tools', async () => {
    const client = await connect(org.users.repAnna);
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.name)).toEqual(['dashboard', 'Acme renewal']);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(['dealwise://deal/{deal}', 'dealwise://lead/{lead}/timeline']);
    const deal = await client.readResource({ uri: resources[1]!.uri });
    expect(JSON.parse((deal.contents[0] as { text: string }).text)).toMatchObject({ opportunity: { name: 'Acme renewal' } });
    const lead = await client.readResource({ uri: `dealwise://lead/${encodeURIComponent('Dana Ruiz')}/timeline` });
    expect(JSON.parse((lead.contents[0] as { text: string }).text)).toMatchObject({ lead: { fullName: 'Dana Ruiz' }, interactions: { total: 0 } });
    // a rep of another team: the deal does not exist for her
    const cara = await connect(org.users.repCara);
    await expect(cara.readResource({ uri: resources[1]!.uri })).rejects.toThrow(/No opportunity matches/);
  });

  it('links pipeline_summary and forecast to the dashboard MCP App, a self-contained page the client can read', async () => {
    const client = await connect(org.users.repAnna);
    const { tools } = await client.listTools();
    const linked = tools.filter((t) => (t._meta?.ui as { resourceUri?: string } | undefined)?.resourceUri === 'ui://dealwise/dashboard.html').map((t) => t.name);
    expect(linked.sort()).toEqual(['forecast', 'pipeline_summary']);
    expect(tools.find((t) => t.name === 'forecast')?._meta?.['ui/resourceUri']).toBe('ui://dealwise/dashboard.html');
    const page = await client.readResource({ uri: 'ui://dealwise/dashboard.html' });
    const content = page.contents[0] as { mimeType: string; text: string };
    expect(content.mimeType).toBe('text/html;profile=mcp-app');
    // ECharts and the ext-apps client are inlined (the host's sandbox has no network), the template's slots filled
    expect(content.text).toContain('echarts');
    expect(content.text).toContain('const DealwiseApp = ');
    expect(content.text).toContain('app.ontoolresult');
    expect(content.text).not.toMatch(/\/\*(ECHARTS|EXT_APPS)\*\//);
    expect(content.text).not.toMatch(/export\{[^}]*as App\}/);
  });

  it('offers the morning briefing and the deal review, the deal in a message of its own', async () => {
    const client = await connect(org.users.repAnna);
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(['morning_briefing', 'deal_review']);
    const review = await client.getPrompt({ name: 'deal_review', arguments: { deal: 'Acme renewal' } });
    expect(review.messages).toHaveLength(2);
    expect((review.messages[0]!.content as { text: string }).text).toContain('deal review');
    expect(review.messages[1]!.content).toEqual({ type: 'text', text: 'deal: Acme renewal' });
    await expect(client.getPrompt({ name: 'deal_review', arguments: {} })).rejects.toThrow(/needs the argument "deal"/);
  });
});
