import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { leadQualifications } from '../../db/schema/index.ts';
import { createCommsFixture, factsNotInRecord, type CheckedFact, type CommsFixture } from '../../test/helpers/comms.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { ORG_NOW } from '../../test/helpers/org.ts';
import { callOk } from '../../test/helpers/tools.ts';
import { addBusinessDays } from './drafting/business-days.ts';
import { fitToChannel } from './drafting/short-message.ts';

interface Common {
  facts: CheckedFact[];
  unsupported: unknown[];
}

// draft_sequence, draft_message, call_script and meeting_brief on the communication fixture (Dana: formal,
// open price objection and question, deal in proposal; Sam: casual).
describe('sequences, messages, scripts and briefs', () => {
  let store: Store;
  let f: CommsFixture;
  const anna = () => f.org.users.repAnna;

  beforeAll(async () => {
    store = await createTestStore();
    f = await createCommsFixture(store.db);
    await store.db.insert(leadQualifications).values({
      leadId: f.dana, framework: 'BANT', metCount: 2, assessedAt: new Date('2026-06-11T12:00:00Z'),
      criteria: [
        { criterion: 'budget', status: 'met', evidence: [] },
        { criterion: 'authority', status: 'unknown', evidence: [] },
        { criterion: 'need', status: 'met', evidence: [] },
        { criterion: 'timeline', status: 'unmet', evidence: [] },
      ],
    });
  });
  afterAll(() => store.close());

  it('spaces a sequence in business days in the lead\'s zone, across a weekend, on the channels the record allows', async () => {
    // Friday 2026-06-12 16:00 New York
    const out = await callOk<Common & { steps: { channel: string; businessDay: number; date: string; purpose: string; text: string }[] }>(
      store.db, anna(), 'draft_sequence', { lead: 'Dana Ruiz', steps: 4 }, new Date('2026-06-12T20:00:00Z'));
    expect(out.steps.map((s) => [s.channel, s.businessDay, s.date, s.purpose])).toEqual([
      ['email', 0, '2026-06-12', 'follow_up'],
      ['call', 2, '2026-06-16', 'follow_up'],
      ['email', 5, '2026-06-19', 'nurture'],
      ['email', 9, '2026-06-25', 're_engage'],
    ]);
    expect(out.steps[1]?.text).toContain('Answer their question: Could the contract start on July 1 instead?');
    expect(await factsNotInRecord(store.db, out.facts)).toEqual([]);
    expect(out.unsupported).toEqual([]);
    // Sam has no phone: every touch is an email
    const sam = await callOk<{ steps: { channel: string }[] }>(store.db, anna(), 'draft_sequence', { lead: 'Sam Okafor', steps: 3 }, ORG_NOW);
    expect(sam.steps.map((s) => s.channel)).toEqual(['email', 'email', 'email']);
  });

  it('business days skip weekends and hold across a DST change', () => {
    // Friday 2026-03-06 in New York; DST starts Sunday 2026-03-08
    const from = new Date('2026-03-06T20:00:00Z');
    expect(addBusinessDays(from, 1, 'America/New_York').toISODate()).toBe('2026-03-09');
    expect(addBusinessDays(from, 1, 'America/New_York').set({ hour: 10 }).toUTC().toISO()).toBe('2026-03-09T14:00:00.000Z');
    expect(addBusinessDays(new Date('2026-03-07T12:00:00Z'), 0, 'America/New_York').toISODate()).toBe('2026-03-09');
  });

  it('keeps an SMS within 160 characters (70 with Unicode) and says when it cut', async () => {
    const sms = await callOk<Common & { text: string; length: number; limit: number; truncated: boolean; phone: string | null }>(store.db, anna(), 'draft_message', { lead: 'Dana Ruiz', channel: 'sms' }, ORG_NOW);
    expect(sms.length).toBeLessThanOrEqual(160);
    expect(sms).toMatchObject({ limit: 160, phone: '+1 212 555 0100' });
    expect(sms.text).toContain('Dana Ruiz');
    expect(await factsNotInRecord(store.db, sms.facts)).toEqual([]);
    const long = fitToChannel(`Hello Dana, ${'the proposal covers onboarding and support '.repeat(6)}`, 'sms');
    expect(long).toMatchObject({ truncated: true, limit: 160, encoding: 'GSM-7' });
    expect(long.length).toBeLessThanOrEqual(160);
    expect(long.text.endsWith('...')).toBe(true);
    const unicode = fitToChannel(`Привет Dana, ${'a'.repeat(80)}`, 'sms');
    expect(unicode).toMatchObject({ encoding: 'UCS-2', limit: 70, truncated: true });
    expect(fitToChannel('x'.repeat(3000), 'whatsapp')).toMatchObject({ truncated: false, limit: 4096 });
  });

  it('aims the call script\'s discovery questions at the criteria still unknown, and expects her objection', async () => {
    const out = await callOk<Common & { brief: string[]; opening: string; discoveryQuestions: { framework: string; criterion: string; status: string }[]; likelyObjections: { type: string; why: string }[] }>(
      store.db, anna(), 'call_script', { opportunity: 'Acme rollout' }, ORG_NOW);
    const asked = out.discoveryQuestions.map((q) => `${q.framework}:${q.criterion}:${q.status}`);
    // BANT from the assessment (budget and need met); MEDDIC from the record (no assessment): her pain is known,
    // the deal has decision criteria, nobody is the champion or economic buyer yet
    expect(asked).toEqual(['BANT:authority:unknown', 'BANT:timeline:unmet', 'MEDDIC:metrics:unknown', 'MEDDIC:economic_buyer:unknown', 'MEDDIC:decision_process:unknown', 'MEDDIC:champion:unknown']);
    expect(out.likelyObjections[0]).toMatchObject({ type: 'price' });
    expect(out.likelyObjections[0]?.why).toContain('The per-seat price is the sticking point');
    expect(out.opening).toContain('Dana Ruiz');
    expect(out.brief[0]).toBe('Who: Dana Ruiz, VP Operations at Acme Corp (Manufacturing)');
    expect(await factsNotInRecord(store.db, out.facts)).toEqual([]);
    expect(out.unsupported).toEqual([]);
  });

  it('briefs a meeting on an account: who, history, open issues and talking points', async () => {
    const out = await callOk<Common & { who: { name: string }[]; history: { kind: string }[]; openIssues: string[]; talkingPoints: string[] }>(
      store.db, anna(), 'meeting_brief', { account: 'Acme Corp' }, ORG_NOW);
    expect(out.who.map((w) => w.name)).toEqual(['Dana Ruiz']);
    expect(out.history).toHaveLength(3);
    expect(out.openIssues).toEqual(expect.arrayContaining(['Unanswered question: Could the contract start on July 1 instead?']));
    expect(out.talkingPoints[0]).toBe('Agree the next step: Send the security questionnaire');
    expect(out.talkingPoints.some((t) => t.startsWith('On price:'))).toBe(true);
    expect(await factsNotInRecord(store.db, out.facts)).toEqual([]);
    expect(out.unsupported).toEqual([]);
  });
});
