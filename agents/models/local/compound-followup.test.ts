import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../types.ts';
import { calls, turn } from '../../../test/helpers/local-turns.ts';

// Compound requests and follow-ups on a hand-made directory: clause splitting, implied verbs, options and
// spans carried from the earlier call, records pointed at by "there". Every expectation worked out by hand.


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
