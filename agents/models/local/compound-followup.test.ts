import { describe, expect, it } from 'vitest';
import { registry } from '../../../tools/index.ts';
import { agents } from '../../index.ts';
import type { AgentStepResult, ChatMessage, EntityDirectory, NamedEntity, ToolSpec, TurnContext } from '../types.ts';
import { createLocalModel } from './index.ts';

// Compound requests and follow-ups on a hand-made directory: clause splitting, implied verbs, options and
// spans carried from the earlier call, records pointed at by "there". Every expectation worked out by hand.

const NOW = new Date('2026-06-15T12:00:00Z'); // a Monday in 2026-Q2
const entities: NamedEntity[] = [
  { kind: 'lead', id: 'l1', name: 'Dana Krajcik', aliases: ['dana.krajcik@acme.com', 'Dana'], detail: 'Acme Corporation, qualified' },
  { kind: 'lead', id: 'l2', name: 'Vivien Hills', aliases: ['Vivien'], detail: 'Globex, new' },
  { kind: 'lead', id: 'l3', name: 'Vivien Mraz', aliases: ['Vivien'], detail: 'Initech, contacted' },
  { kind: 'opportunity', id: 'o1', name: 'Acme Corporation - Data Connect', aliases: ['Acme Corporation'], detail: 'proposal, $42,000' },
  { kind: 'opportunity', id: 'o2', name: 'Acme Corporation - Insight Analytics', aliases: ['Acme Corporation'], detail: 'negotiation, $18,000' },
  { kind: 'opportunity', id: 'o3', name: 'Globex - Pipeline Cloud', aliases: ['Globex'], detail: 'discovery, $9,000' },
  { kind: 'account', id: 'a1', name: 'Acme Corporation', aliases: ['acme.com'] },
  { kind: 'account', id: 'a2', name: 'Globex', aliases: ['globex.com'] },
  { kind: 'user', id: 'u1', name: 'Maya Chen', aliases: ['maya.chen@dealwise.demo'], detail: 'rep' },
  { kind: 'team', id: 't1', name: 'Enterprise' },
  { kind: 'product', id: 'p1', name: 'Forecast Pro' },
];
const directory: EntityDirectory = { names: async () => entities };
const context: TurnContext = { now: NOW, actor: { userId: 'u9', role: 'manager', teamId: 't1' }, focus: [], directory };
const specs = agents.map((a) => ({ name: a.name, description: a.description, prompt: '' }));
const listing = registry.list();
const toolsOf = (agent: string): ToolSpec[] =>
  listing.filter((t) => agents.find((a) => a.name === agent)!.toolNames.includes(t.name)).map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema, readOnly: t.annotations.readOnlyHint }));

const model = createLocalModel();

/** One turn: route, then each step's first agentStep (what the model would call). */
async function turn(messages: ChatMessage[], text: string) {
  messages.push({ role: 'user', content: text });
  const route = await model.route({ messages, agents: specs, prompt: '', context });
  if (route.kind !== 'plan') return { route, steps: [] as { agent: string; result: AgentStepResult }[] };
  const steps: { agent: string; result: AgentStepResult }[] = [];
  for (const step of route.steps) {
    const result = await model.agentStep({ agent: specs.find((a) => a.name === step.agent)!, tools: toolsOf(step.agent), messages, request: step.request, context });
    steps.push({ agent: step.agent, result });
    if (result.kind === 'tool_calls') {
      messages.push({ role: 'assistant', content: '', agent: step.agent, toolCalls: result.calls });
      for (const call of result.calls) messages.push({ role: 'tool', toolCallId: call.id, name: call.name, content: '{}', ok: true });
      const answer = await model.agentStep({ agent: specs.find((a) => a.name === step.agent)!, tools: toolsOf(step.agent), messages, request: step.request, context });
      messages.push({ role: 'assistant', content: answer.kind === 'tool_calls' ? '' : answer.text, agent: step.agent });
    } else messages.push({ role: 'assistant', content: result.text, agent: step.agent });
  }
  return { route, steps };
}
const calls = (r: Awaited<ReturnType<typeof turn>>) => r.steps.flatMap((s) => (s.result.kind === 'tool_calls' ? s.result.calls.map((c) => ({ tool: c.name, input: c.input })) : []));

describe('compound requests', () => {
  it('splits at commas too, and carries the record into every later part', async () => {
    const r = await turn([], 'score Dana Krajcik, qualify her with BANT and draft an intro email');
    expect(calls(r)).toEqual([
      { tool: 'lead_score', input: { lead: 'Dana Krajcik' } },
      { tool: 'lead_qualify', input: { lead: 'Dana Krajcik', framework: 'BANT' } },
      { tool: 'draft_email', input: { lead: 'Dana Krajcik', purpose: 'intro' } },
    ]);
  });

  it('gives a part that is only a name the verb of the part before it', async () => {
    const r = await turn([], 'score Dana Krajcik and Vivien Hills');
    expect(calls(r)).toEqual([
      { tool: 'lead_score', input: { lead: 'Dana Krajcik' } },
      { tool: 'lead_score', input: { lead: 'Vivien Hills' } },
    ]);
  });

  it('runs the same tool twice when the parts ask for different things', async () => {
    const r = await turn([], 'which leads are at risk and which deals are at risk');
    expect(calls(r)).toEqual([
      { tool: 'risk_scan', input: { recordType: 'lead' } },
      { tool: 'risk_scan', input: { recordType: 'opportunity' } },
    ]);
  });

  it('reuses the span of the earlier part when a later part says "the same quarter"', async () => {
    const r = await turn([], 'funnel last quarter by rep and win/loss for the same quarter');
    expect(calls(r)).toEqual([
      { tool: 'funnel_report', input: { period: 'last_quarter', groupBy: 'rep' } },
      { tool: 'win_loss_analysis', input: { period: 'last_quarter' } },
    ]);
  });

  it('keeps a clause of slot words with its request rather than making it a request of its own', async () => {
    const r = await turn([], 'revenue last quarter, by rep');
    expect(calls(r)).toEqual([{ tool: 'revenue_report', input: { period: 'last_quarter', groupBy: 'rep' } }]);
  });
});

describe('follow-ups', () => {
  it('changes one option of the earlier call and keeps the rest', async () => {
    const thread: ChatMessage[] = [];
    await turn(thread, 'leaderboard this month');
    expect(calls(await turn(thread, 'by win rate'))).toEqual([{ tool: 'rep_leaderboard', input: { period: 'this_month', rankBy: 'win_rate' } }]);
    const draft: ChatMessage[] = [];
    expect(calls(await turn(draft, 'draft an intro email to Dana Krajcik'))).toEqual([{ tool: 'draft_email', input: { lead: 'Dana Krajcik', purpose: 'intro' } }]);
    expect(calls(await turn(draft, 'make it formal'))).toEqual([{ tool: 'draft_email', input: { lead: 'Dana Krajcik', purpose: 'intro', tone: 'formal' } }]);
  });

  it('reads "there" as the deal in play', async () => {
    const thread: ChatMessage[] = [];
    expect(calls(await turn(thread, 'tell me about the Globex deal'))).toEqual([{ tool: 'opportunity_get', input: { opportunity: 'Globex - Pipeline Cloud' } }]);
    expect(calls(await turn(thread, 'what should i do next there'))).toEqual([{ tool: 'next_best_action', input: { opportunity: 'Globex - Pipeline Cloud' } }]);
  });
});
