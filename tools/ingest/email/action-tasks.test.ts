import { describe, expect, it } from 'vitest';
import type { UserByEmail } from '../../../db/repos/ingest-participants.ts';
import { businessDue } from '../core/action-tasks.ts';
import { extractSignals } from '../signals/index.ts';
import { planMessageTasks, type MessageForTasks } from './action-tasks.ts';

// Who takes a message's action items: pure planning, no store.

const anna: UserByEmail = { id: 'u-anna', email: 'anna@dealwise.demo', fullName: 'Anna Rep', timeZone: 'America/New_York' };
const tom: UserByEmail = { id: 'u-tom', email: 'tom@dealwise.demo', fullName: 'Tom Becker', timeZone: 'Europe/Berlin' };
const users = new Map([anna, tom].map((u) => [u.email, u]));
const all = { kind: 'all' } as const;
// Wednesday 3 June 2026
const SENT = new Date('2026-06-03T10:00:00Z');

function plan(from: string, to: string[], body: string, scope: Parameters<typeof planMessageTasks>[3] = all) {
  const message: MessageForTasks = { interactionId: 'i-1', subject: 'RFQ', occurredAt: SENT, from: { email: from, name: null }, to: to.map((email) => ({ email, name: null })), cc: [] };
  return planMessageTasks(message, extractSignals(body, { now: SENT }).actionItems, users, scope);
}

describe('planMessageTasks', () => {
  it('gives the sender of "I\'ll..." the task, due at 17:00 in the sender\'s zone', () => {
    const out = plan('anna@dealwise.demo', ['marta@koepp.com'], "Hi Marta, thanks for the call. I'll send the revised quote by Friday.");
    expect(out.tasks).toEqual([expect.objectContaining({ ownerId: 'u-anna', title: "I'll send the revised quote by Friday.", dueAt: new Date('2026-06-05T21:00:00Z') })]);
    expect(out.commitments).toEqual([]);
  });

  it('gives our colleague a customer\'s request, and keeps the customer\'s own promise as their commitment', () => {
    const out = plan('marta@koepp.com', ['tom@dealwise.demo'], 'Can you send me the price list by Friday? I will review it with our CFO next week.');
    expect(out.tasks.map((t) => [t.ownerId, t.title])).toEqual([['u-tom', 'Can you send me the price list by Friday?']]);
    expect(out.commitments).toEqual([expect.objectContaining({ text: 'I will review it with our CFO next week.', owner: 'marta@koepp.com' })]);
  });

  it('finds a named colleague, and never guesses among several colleagues asked at once', () => {
    const named = plan('anna@dealwise.demo', ['marta@koepp.com'], 'Tom will call your CFO on Monday.');
    expect(named.tasks.map((t) => t.ownerId)).toEqual(['u-tom']);
    const two = plan('marta@koepp.com', ['tom@dealwise.demo', 'anna@dealwise.demo'], 'Can you send me the price list?');
    expect(two.tasks).toEqual([]);
    expect(two.commitments).toHaveLength(1);
  });

  it('leaves a colleague outside the importer\'s reach as a commitment, and keys each item once per message', () => {
    const rep = plan('anna@dealwise.demo', ['marta@koepp.com'], "I'll send the quote.", { kind: 'owners', userIds: ['u-tom'] });
    expect(rep.tasks).toEqual([]);
    expect(rep.commitments).toEqual([expect.objectContaining({ owner: 'Anna Rep' })]);
    const a = plan('anna@dealwise.demo', ['marta@koepp.com'], "I'll send the quote.");
    const b = plan('anna@dealwise.demo', ['marta@koepp.com'], "I'll  send the quote.");
    expect(a.tasks[0]?.ruleKey).toMatch(/^action:i-1:[0-9a-f]{16}$/);
    expect(a.tasks[0]?.ruleKey).toBe(b.tasks[0]?.ruleKey);
  });
});

describe('businessDue', () => {
  it('moves a weekend day to Monday, and gives no day for a date that is not one', () => {
    expect(businessDue('2026-06-06')).toEqual({ date: '2026-06-08', moved: true }); // a Saturday
    expect(businessDue('2026-06-05')).toEqual({ date: '2026-06-05', moved: false });
    expect(businessDue('2026-02-30')).toBeNull();
  });
});
