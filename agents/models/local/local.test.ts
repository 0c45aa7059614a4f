import { describe, expect, it } from 'vitest';
import { registry } from '../../../tools/index.ts';
import { agents } from '../../index.ts';
import type { ChatMessage } from '../types.ts';
import { createLocalModel } from './index.ts';
import { findTimeSpans } from './periods.ts';
import { calls, context, model, NOW, specs, toolsOf, turn } from '../../../test/helpers/local-turns.ts';

// The local model on a hand-made directory: no database, every expectation worked out by hand.


describe('periods under the eval clock', () => {
  it('reads quarters, months, weeks and ranges as the tools take them', () => {
    const spans = (text: string, prefer: 'past' | 'future' = 'past') => findTimeSpans(text, NOW, prefer).map((s) => s.span);
    expect(spans('revenue last quarter')).toEqual([{ kind: 'period', value: 'last_quarter' }]);
    expect(spans('forecast q1', 'future')).toEqual([{ kind: 'period', value: '2027-Q1' }]); // Q1 2026 is over
    expect(spans('revenue q3 2025')).toEqual([{ kind: 'period', value: '2025-Q3' }]);
    expect(spans('what did we close in may')).toEqual([{ kind: 'period', value: '2026-05' }]);
    expect(spans('you may see')).toEqual([]); // the verb
    expect(spans('ytd bookings')).toEqual([{ kind: 'period', value: 'this_year' }]);
    expect(spans('deals closing this week')).toEqual([{ kind: 'range', from: '2026-06-15', to: '2026-06-21' }]);
    expect(spans('between july 1 and aug 15')).toEqual([{ kind: 'range', from: '2026-07-01', to: '2026-08-15' }]);
  });
});

describe('the local model', () => {
  it('routes a request to the tool, with its records resolved from the directory', async () => {
    const r = await turn([], 'how hot is dana krajcik?');
    expect(r.steps.map((s) => s.agent)).toEqual(['lead']);
    expect(calls(r)).toEqual([{ tool: 'lead_score', input: { lead: 'Dana Krajcik' } }]);
    // by email, and with a typo in the name
    expect(calls(await turn([], 'pull up dana.krajcik@acme.com'))).toEqual([{ tool: 'lead_get', input: { lead: 'Dana Krajcik' } }]);
    expect(calls(await turn([], 'score dana krajick'))).toEqual([{ tool: 'lead_score', input: { lead: 'Dana Krajcik' } }]);
  });

  it('fills periods, groupings, owners and enums from the schema', async () => {
    expect(calls(await turn([], 'revenue by rep last quarter'))).toEqual([{ tool: 'revenue_report', input: { period: 'last_quarter', groupBy: 'rep' } }]);
    expect(calls(await turn([], "what's in Maya's pipeline"))).toEqual([{ tool: 'pipeline_summary', input: { owner: 'Maya Chen' } }]);
    expect(calls(await turn([], 'deals in negotiation over $50k'))).toEqual([{ tool: 'opportunity_search', input: { stages: ['negotiation'], valueMin: 5_000_000 } }]);
    expect(calls(await turn([], 'which deals slipped'))).toEqual([{ tool: 'risk_scan', input: { signal: 'close_date_slipped', recordType: 'opportunity' } }]);
  });

  it('asks instead of guessing between records with the same name', async () => {
    const r = await turn([], 'what are the odds on the Acme deal');
    expect(r.steps[0]!.result).toEqual({
      kind: 'clarify',
      text: 'Which deal do you mean by "acme": Acme Corporation - Data Connect (proposal, $42,000) or Acme Corporation - Insight Analytics (negotiation, $18,000)?',
    });
    // and the answer to the question completes the earlier request
    const thread: ChatMessage[] = [];
    await turn(thread, 'score vivien');
    expect(calls(await turn(thread, 'Vivien Mraz'))).toEqual([{ tool: 'lead_score', input: { lead: 'Vivien Mraz' } }]);
  });

  it('asks for a required record that is missing', async () => {
    const r = await turn([], 'qualify this lead');
    expect(r.steps[0]!.result.kind).toBe('clarify');
  });

  it('splits a compound request and resolves "her" from the earlier part', async () => {
    const r = await turn([], 'score Dana Krajcik and then qualify her with meddic');
    expect(calls(r)).toEqual([
      { tool: 'lead_score', input: { lead: 'Dana Krajcik' } },
      { tool: 'lead_qualify', input: { lead: 'Dana Krajcik', framework: 'MEDDIC' } },
    ]);
    const mixed = await turn([], 'forecast Q3 and tell me which deals are at risk');
    expect(mixed.steps.map((s) => s.agent)).toEqual(['analytics', 'intelligence']);
    expect(calls(mixed)).toEqual([
      { tool: 'forecast', input: { period: '2026-Q3' } },
      { tool: 'risk_scan', input: { recordType: 'opportunity' } },
    ]);
  });

  it('keeps the thread: follow-ups change the earlier call, pronouns point at its records', async () => {
    const thread: ChatMessage[] = [];
    await turn(thread, 'revenue by rep this quarter');
    expect(calls(await turn(thread, 'and for last quarter?'))).toEqual([{ tool: 'revenue_report', input: { groupBy: 'rep', period: 'last_quarter' } }]);
    const other: ChatMessage[] = [];
    await turn(other, 'tell me about the Globex deal');
    expect(calls(await turn(other, 'how likely are we to win it'))).toEqual([{ tool: 'opportunity_win_probability', input: { opportunity: 'Globex - Pipeline Cloud' } }]);
  });

  it('declines what no tool does, and tools that are not installed yet, with what it can do', async () => {
    const weather = await turn([], "what's the weather in paris");
    expect(weather.route.kind).toBe('decline');
    // an install without the drafting tools declines them honestly instead of routing elsewhere
    const withoutDrafts = createLocalModel({ toolNames: registry.names().filter((name) => !name.startsWith('draft_')) });
    const route = await withoutDrafts.route({ messages: [{ role: 'user', content: 'draft a follow up email to Dana Krajcik' }], agents: specs, prompt: '', context });
    expect(route).toMatchObject({ kind: 'decline', text: expect.stringContaining("can't draft emails yet") });
    const email = await turn([], 'draft a follow up email to Dana Krajcik');
    expect(email.route).toMatchObject({ kind: 'plan', steps: [{ agent: 'communication' }] });
  });

  it('renders the answer from the tool output, with citations, and turns an ambiguous miss into a question', async () => {
    const messages: ChatMessage[] = [{ role: 'user', content: 'pipeline summary' }];
    const agent = specs.find((a) => a.name === 'opportunity')!;
    const first = await model.agentStep({ agent, tools: toolsOf('opportunity'), messages, request: 'pipeline summary', context });
    if (first.kind !== 'tool_calls') throw new Error('expected a call');
    const usd = (n: number) => ({ amountMinor: n, currency: 'USD' });
    const output = {
      totals: { count: 3, totalValue: usd(6_900_000), weightedValue: usd(2_000_000), stuckCount: 1 },
      stages: [{ stage: 'proposal', count: 3, totalValue: usd(6_900_000), weightedValue: usd(2_000_000), averageDaysInStage: 12.5, stuckCount: 1 }],
      evidence: [{ sourceId: 'o1', kind: 'opportunity', date: '2026-06-01T00:00:00Z', quote: 'Acme Corporation - Data Connect' }],
    };
    messages.push({ role: 'assistant', content: '', agent: 'opportunity', toolCalls: first.calls });
    messages.push({ role: 'tool', toolCallId: first.calls[0]!.id, name: 'pipeline_summary', content: JSON.stringify(output), ok: true });
    const answer = await model.agentStep({ agent, tools: toolsOf('opportunity'), messages, request: 'pipeline summary', context });
    expect(answer.kind).toBe('answer');
    if (answer.kind !== 'answer') return;
    expect(answer.text).toContain('3 open deals worth $69,000 ($20,000 probability-weighted); 1 stuck.');
    expect(answer.text).toContain('| proposal | 3 | $69,000 | $20,000 | 12.5 | 1 |');
    expect(answer.citations).toEqual([{ kind: 'opportunity', id: 'o1', label: '2026-06-01', quote: 'Acme Corporation - Data Connect' }]);

    const miss = { code: 'ambiguous:opportunity', message: 'several', candidates: [{ id: 'o1', label: 'Data Connect', detail: 'proposal' }, { id: 'o2', label: 'Insight Analytics', detail: 'closed lost' }] };
    messages.push({ role: 'tool', toolCallId: first.calls[0]!.id, name: 'pipeline_summary', content: JSON.stringify(miss), ok: false });
    const question = await model.agentStep({ agent, tools: toolsOf('opportunity'), messages, request: 'pipeline summary', context });
    expect(question).toEqual({ kind: 'clarify', text: 'Which deal: Data Connect (proposal) or Insight Analytics (closed lost)?' });
  });

  it('tells a caller whose role may not call the tool, rather than calling it', async () => {
    const agent = specs.find((a) => a.name === 'lead')!;
    const repTools = toolsOf('lead').filter((t) => t.name !== 'lead_assign');
    const messages: ChatMessage[] = [{ role: 'user', content: 'assign Dana Krajcik to the best rep' }];
    const result = await model.agentStep({ agent, tools: repTools, messages, request: 'assign Dana Krajcik to the best rep', context: { ...context, actor: { userId: 'u2', role: 'rep' } } });
    expect(result).toEqual({ kind: 'answer', text: "As a rep you can't assign leads to reps. Ask your manager or an admin." });
  });
});
