import { describe, expect, it } from 'vitest';
import { extractSignals } from './extract.ts';

const now = new Date('2026-06-15T12:00:00Z');
const kind = (text: string) => extractSignals(text, { now }).questions.map((q) => q.kind);

describe('questions and requests', () => {
  it('detects questions with and without a question mark', () => {
    expect(kind('Does Forecast Pro integrate with HubSpot?')).toEqual(['question']);
    expect(kind('Are you willing to purchase today')).toEqual(['request']); // "are you willing" asks for action
    expect(kind('When is the renewal due')).toEqual(['question']);
  });

  it('detects requests: polite forms, let me know, imperatives', () => {
    expect(kind('Could you send the SOC 2 report.')).toEqual(['request']);
    expect(kind('If you have already tossed it, let me know.')).toEqual(['request']);
    expect(kind('Send the security questionnaire by July 2.')).toEqual(['request']);
    expect(kind('Not the right time for us, but reach out again after October 1.')).toEqual(['request']);
    expect(kind('Should you have additional questions, give me a call.')).toEqual(['request']);
  });

  it('ignores statements that only look like questions or commands', () => {
    expect(kind('Should you not be able to call me, then I will send a memo.')).toEqual([]);
    expect(kind('What needs to happen on Monday is a design session.')).toEqual([]);
    expect(kind('Let me check internally and come back to you.')).toEqual([]);
    expect(kind('So, see you in half an hour.')).toEqual([]);
    expect(kind('Third, is a pre-sold unit with the loan in the buyer name.')).toEqual([]);
  });

  it('returns one entry per asking sentence', () => {
    expect(kind('Thanks for the demo. What does onboarding cost? Please send the MSA.')).toEqual(['question', 'request']);
  });
});
