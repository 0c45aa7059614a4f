import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { leads, opportunities } from '../../db/schema/index.ts';
import { createCommsFixture, factsNotInRecord, type CommsFixture } from '../../test/helpers/comms.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { ORG_NOW } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';
import { unsupportedClaims } from './facts/check.ts';
import type { Fact } from './facts/fact.ts';

interface EmailOut {
  subject: string;
  body: string;
  facts: Fact[];
  unsupported: unknown[];
  tone: { formality: string; source: string; basedOn: string[] };
  approach: { id: string } | null;
}

describe('draft_email', () => {
  let store: Store;
  let f: CommsFixture;
  const draft = (input: Record<string, unknown>, now = ORG_NOW) => callOk<EmailOut>(store.db, f.org.users.repAnna, 'draft_email', input, now);

  beforeAll(async () => {
    store = await createTestStore();
    f = await createCommsFixture(store.db);
  });
  afterAll(() => store.close());

  it('composes a follow-up from the record, in the formal writer\'s register, citing only facts that exist', async () => {
    const out = await draft({ lead: 'Dana Ruiz', purpose: 'follow_up' });
    expect(out.body.startsWith('Dear Dana Ruiz,')).toBe(true);
    expect(out.body).toContain('Could the contract start on July 1 instead?'); // the open question
    expect(out.body).toContain('The per-seat price is the sticking point'); // the objection, in her words
    expect(out.body).toContain('Send the security questionnaire'); // the deal's next step
    expect(out.body).toMatch(/Kind regards,\nAnna Rep\nanna\.rep@dealwise\.demo$/);
    expect(out.subject).toBe('Following up: Contract start');
    expect(out.tone).toMatchObject({ formality: 'formal', source: 'measured' });
    const keys = out.facts.map((x) => x.key);
    expect(keys).toEqual(expect.arrayContaining(['lead.fullName', 'interaction.question', 'interaction.objectionType', 'deal.nextSteps', 'sender.name']));
    expect(out.facts.find((x) => x.key === 'interaction.question')?.source).toMatchObject({ kind: 'signal', id: f.danaQuestionEmail });
    expect(out.facts.every((x) => `${out.subject}\n${out.body}`.includes(x.fact))).toBe(true);
    expect(await factsNotInRecord(store.db, out.facts)).toEqual([]);
    expect(out.unsupported).toEqual([]);
  });

  it('changes when the record changes', async () => {
    const before = await draft({ lead: 'Dana Ruiz', purpose: 'follow_up', tone: 'formal' });
    await store.db.update(opportunities).set({ nextSteps: 'Book a technical deep-dive with IT' }).where(eq(opportunities.id, f.deal));
    await store.db.update(leads).set({ painPoints: ['deals slipping without anyone noticing'] }).where(eq(leads.id, f.dana));
    const after = await draft({ lead: 'Dana Ruiz', purpose: 'follow_up', tone: 'formal' });
    expect(after.body).not.toEqual(before.body);
    expect(after.body).toContain('Book a technical deep-dive with IT');
    expect(after.body).not.toContain('Send the security questionnaire');
    const nurture = await draft({ lead: 'Dana Ruiz', purpose: 'nurture' });
    expect(nurture.body).toContain('deals slipping without anyone noticing');
    expect(nurture.body).not.toContain('manual forecast spreadsheets');
    expect(await factsNotInRecord(store.db, [...after.facts, ...nurture.facts])).toEqual([]);
    await store.db.update(opportunities).set({ nextSteps: 'Send the security questionnaire' }).where(eq(opportunities.id, f.deal));
    await store.db.update(leads).set({ painPoints: ['manual forecast spreadsheets'] }).where(eq(leads.id, f.dana));
  });

  it('writes casually to a casual writer, and follows an override', async () => {
    const casual = await draft({ lead: 'Sam Okafor', purpose: 'follow_up' });
    expect(casual.tone).toMatchObject({ formality: 'casual', source: 'measured' });
    expect(casual.tone.basedOn).toHaveLength(2);
    expect(casual.body.startsWith('Hi Sam,')).toBe(true);
    expect(casual.body).toMatch(/Cheers,\nAnna$/);
    const intro = await draft({ lead: 'Sam Okafor', purpose: 'intro' });
    expect(intro.body).toContain("I'm Anna Rep. Saw you're Sales Ops Lead at Globex and wanted to reach out.");
    expect(intro.unsupported).toEqual([]);
    const formal = await draft({ lead: 'Sam Okafor', purpose: 'follow_up', tone: 'formal' });
    expect(formal.tone.source).toBe('override');
    expect(formal.body.startsWith('Dear Sam Okafor,')).toBe(true);
  });

  it('proposes a meeting on the next business day at the lead\'s preferred hour in their zone', async () => {
    // Friday 2026-06-12, 16:00 New York: the next business day is Monday
    const friday = await draft({ lead: 'Dana Ruiz', purpose: 'meeting_request' }, new Date('2026-06-12T20:00:00Z'));
    expect(friday.body).toContain('Monday, June 15 at 10 am your time');
    const slot = friday.facts.find((x) => x.key === 'derived.proposedSlot');
    expect(slot?.source.quote).toBe('2026-06-15T10:00:00.000-04:00');
    const monday = await draft({ lead: 'Dana Ruiz', purpose: 'meeting_request' });
    expect(monday.body).toContain('Tuesday, June 16 at 10 am your time');
  });

  it('answers the open objection with the approach that has the best record, and states the proposal from the deal', async () => {
    const answer = await draft({ opportunity: 'Acme rollout', purpose: 'objection_response' });
    expect(answer.approach).not.toBeNull();
    expect(answer.body).toContain('The per-seat price is the sticking point');
    const proposal = await draft({ opportunity: 'Acme rollout', purpose: 'proposal' });
    expect(proposal.body).toContain('Acme rollout: $48,000, with a target decision date of July 31, 2026.');
    expect(await factsNotInRecord(store.db, [...answer.facts, ...proposal.facts])).toEqual([]);
    for (const d of [answer, proposal]) expect(d.unsupported).toEqual([]);
  });

  it('the model check rejects a draft that states what the record does not hold', async () => {
    const out = await draft({ opportunity: 'Acme rollout', purpose: 'proposal' });
    const tampered = out.body.replace('$48,000', '$39,000').replace('Dear Dana Ruiz,', 'Dear Dana Ruiz, as promised to Priya on Friday,');
    const claims = unsupportedClaims(tampered, out.facts);
    expect(claims).toEqual(expect.arrayContaining([{ kind: 'number', text: '$39,000' }, { kind: 'name', text: 'Priya' }, { kind: 'date', text: 'Friday' }]));
  });

  it('keeps to the caller\'s records and names a missing target', async () => {
    const other = await call(store.db, f.org.users.repCara, 'draft_email', { lead: 'Dana Ruiz', purpose: 'intro' }, ORG_NOW);
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.code).toBe('not_found:lead');
    const none = await call(store.db, f.org.users.repAnna, 'draft_email', { purpose: 'intro' }, ORG_NOW);
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.error.message).toContain('lead');
  });
});
