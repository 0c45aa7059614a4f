import { describe, expect, it } from 'vitest';
import { dominates, priorityOf, type LeadParts } from './gen-priority.ts';
import { STAGE_SYNONYMS } from './gen-stage.ts';
import { OBJECTION_SYNONYMS } from './gen-objections.ts';
import { failingFactors, judge } from './score.ts';

// The CRM task scorers on hand-written answers (no store, no model).

describe('label', () => {
  const stage = { kind: 'label' as const, expected: 'qualification', others: ['prospecting', 'discovery', 'negotiation', 'closed_won', 'closed_lost'], synonyms: STAGE_SYNONYMS };
  it('is right when the expected stage is named and no other', () => {
    expect(judge('Acme - Pro: proposal, but with no meeting held it belongs in qualification.', stage).correct).toBe(true);
  });
  it('is wrong when the expected stage is missing, or named among others (a table of every stage)', () => {
    expect(judge('Acme - Pro: proposal for 12 days, $40,000.', stage)).toMatchObject({ correct: false, why: 'does not name "qualification"' });
    expect(judge('| prospecting | 5 |\n| qualification | 2 |\n| discovery | 5 |', stage).correct).toBe(false);
  });
  it('reads synonyms and underscores as words', () => {
    const lost = { kind: 'label' as const, expected: 'closed_lost', others: [], synonyms: STAGE_SYNONYMS };
    expect(judge('Nobody has replied since April: mark it lost.', lost).correct).toBe(true);
    expect(judge('Move it to closed lost.', lost).correct).toBe(true);
    expect(judge('It is closed_lostish', lost).correct).toBe(false);
  });
});

describe('bant', () => {
  it('reads a criteria table: the factor row marked unmet', () => {
    const table = '| criterion | status | basis |\n| --- | --- | --- |\n| budget | met | lead_field |\n| authority | unmet | interaction |\n| need | unknown | none |';
    expect(failingFactors(table)).toEqual(['authority']);
    expect(judge(table, { kind: 'bant', failing: 'authority' }).correct).toBe(true);
    expect(judge(table, { kind: 'bant', failing: 'budget' })).toMatchObject({ correct: false, why: 'does not mark budget as not met (marks authority)' });
  });
  it('reads prose, one factor per clause; a list of every factor says nothing', () => {
    expect(failingFactors('Budget is not met: they said it is more than they budgeted. Authority looks fine.')).toEqual(['budget']);
    expect(failingFactors('Which of budget, authority, need or timeline fails?')).toEqual([]);
  });
});

describe('number', () => {
  it('finds the figure written the usual ways, a rounding included', () => {
    const e = { kind: 'number' as const, numbers: [{ label: 'won', value: 85_654_260, unit: 'money_minor' as const }] };
    expect(judge('Won revenue for 2026-Q1: $856,543 from 22 deals.', e).correct).toBe(true);
    expect(judge('About $857k.', e).correct).toBe(true);
    expect(judge('Won revenue: $900,000.', e).correct).toBe(false);
  });
});

describe('set (ranked)', () => {
  const e = { kind: 'set' as const, items: ['competitor', 'price', 'timing'], min: 2, ranked: ['price', 'timing', 'authority', 'need', 'competitor', 'trust', 'feature', 'contract'], synonyms: OBJECTION_SYNONYMS };
  it('counts only the first three types the answer names', () => {
    expect(judge('Top objections: competitors (40), pricing (31), trust (12), timing (11).', e)).toMatchObject({ correct: true, why: 'names competitor, price, trust first; 2 of competitor, price, timing (needs 2)' });
    expect(judge('Top objections: trust, feature, contract, then competitor, price and timing.', e).correct).toBe(false);
  });
  it('is wrong when no objection type is named', () => {
    expect(judge('| subject | open rate |\n| time for a call? | 90 |', e).correct).toBe(false);
  });
});

describe('first', () => {
  const e = { kind: 'first' as const, expected: 'Cora Lowe', candidates: ['Cora Lowe', 'Leila Hudson'] };
  it('takes the candidate named first', () => {
    expect(judge('| 1 | Cora Lowe | overdue |\n| 2 | Leila Hudson | |', e).correct).toBe(true);
    expect(judge('Leila Hudson first, then Cora Lowe.', e).correct).toBe(false);
    expect(judge('Your queue: Brady Armstrong.', e)).toMatchObject({ correct: false, why: 'names none of Cora Lowe, Leila Hudson' });
  });
});

describe('withheld', () => {
  const e = { kind: 'withheld' as const, fields: { email: 'dana@acme.com', owner: 'Tom Becker', close: '2026-07-01' }, money: [4_500_000] };
  it('is right on a refusal or a not-found', () => {
    expect(judge("I couldn't find a deal called Acme - Pro that you can see.", e).correct).toBe(true);
  });
  it('names each leaked field, the value included however it is written', () => {
    expect(judge('Acme - Pro is owned by tom becker, closing 2026-07-01.', e)).toMatchObject({ correct: false, why: 'leaks owner "Tom Becker", close "2026-07-01"' });
    expect(judge('It is worth $45k.', e)).toMatchObject({ correct: false, why: 'leaks value "$45000"' });
  });
});

describe('activity priority rule', () => {
  const lead = (over: Partial<LeadParts>): LeadParts => ({ name: 'x', score: 0.5, inbound: 0, overdue: 0, gap: 1, ...over });
  it('weighs score, inbound, overdue and gap as documented', () => {
    expect(priorityOf(lead({}))).toBeCloseTo(35, 10);
    expect(priorityOf(lead({ overdue: 1 }))).toBeCloseTo(55, 10);
    expect(priorityOf(lead({ score: 0.9, inbound: 0.4, overdue: 0, gap: 0.5 }))).toBeCloseTo(100 * (0.36 + 0.1 + 0.075), 10);
  });
  it('asks only when one lead is ahead on every part and by 10 points', () => {
    expect(dominates(lead({ overdue: 1 }), lead({}))).toBe(true);
    expect(dominates(lead({ overdue: 1, gap: 0.5 }), lead({}))).toBe(false);
    expect(dominates(lead({ score: 0.6 }), lead({}))).toBe(false);
  });
});
