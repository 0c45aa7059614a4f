import { describe, expect, it } from 'vitest';
import { extractSignals } from './extract.ts';
import type { SignalContext } from './types.ts';

// Monday 2026-06-15; Maya is the rep writing, Dana the buyer
const ctx: SignalContext = { now: new Date('2026-06-15T12:00:00Z'), timeZone: 'America/New_York', speaker: 'Maya Patel', participants: ['Maya Patel', 'Dana Reyes'] };
const items = (text: string, c: SignalContext = ctx) => extractSignals(text, c).actionItems.map((a) => ({ owner: a.owner, ownerRole: a.ownerRole, due: a.due }));

describe('action items', () => {
  it('resolves "I" to the speaker and takes the due date from the sentence', () => {
    expect(items("I'll send the proposal by Friday.")).toEqual([{ owner: 'Maya Patel', ownerRole: 'speaker', due: '2026-06-19' }]);
    expect(items('Let me check internally and come back to you next week.')).toEqual([{ owner: 'Maya Patel', ownerRole: 'speaker', due: '2026-06-22' }]);
    expect(items('Will follow up by email.')).toEqual([{ owner: 'Maya Patel', ownerRole: 'speaker', due: null }]);
  });

  it('names the owner of "Dana to review the MSA", resolving to a participant', () => {
    expect(items('Dana to review the MSA by July 1.')).toEqual([{ owner: 'Dana Reyes', ownerRole: 'named', due: '2026-07-01' }]);
    expect(items('Dana to review the MSA.', { now: ctx.now })).toEqual([{ owner: 'Dana', ownerRole: 'named', due: null }]);
    expect(items('Colleen is setting up a meeting tomorrow.')).toEqual([{ owner: 'Colleen', ownerRole: 'named', due: null }]); // a meeting date is not a due date
  });

  it('leaves "we" and teams without an owner', () => {
    expect(items('We need to update the forecast model.')).toEqual([{ owner: null, ownerRole: 'team', due: null }]);
    expect(items('Our onboarding team will reach out by June 30 to schedule kickoff.')).toEqual([{ owner: null, ownerRole: 'team', due: '2026-06-30' }]);
  });

  it('gives requests to the addressee, by name when addressed', () => {
    expect(items('Can you send me the SOC 2 report by July 2?')).toEqual([{ owner: null, ownerRole: 'addressee', due: '2026-07-02' }]);
    expect(items('Dana, could you review the redlines?')).toEqual([{ owner: 'Dana Reyes', ownerRole: 'addressee', due: null }]);
    expect(items('Email me your phone # and I will call you.').map((i) => i.ownerRole)).toEqual(['speaker', 'addressee']);
  });

  it('leaves "I" unresolved when no speaker is known', () => {
    expect(items("I'll send it today.", { now: ctx.now })).toEqual([{ owner: null, ownerRole: 'speaker', due: '2026-06-15' }]);
  });

  it('skips statements, conditional courtesies and non-tasks', () => {
    expect(items('I will be out of the office on Friday.')).toEqual([]);
    expect(items('Please contact me anytime I can assist you.')).toEqual([]);
    expect(items('I will not proceed without your approval.')).toEqual([]);
    expect(items('Can you accept $42?')).toEqual([]);
  });
});
